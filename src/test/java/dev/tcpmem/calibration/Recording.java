package dev.tcpmem.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.PodResult;
import dev.tcpmem.model.result.WorkloadResult;
import dev.tcpmem.model.scenario.CgroupVersion;
import dev.tcpmem.model.scenario.Node;
import dev.tcpmem.model.scenario.PeerRef;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Rate;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Timeline;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WriterBehaviour;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One recording of tools/calibrate/probe.py (src/test/resources/calibration/*.json), turned into a model
 * {@link Scenario} and read back as measurements. No root, no network: the JSON is all it needs.
 *
 * <p>Mapping (the probe's case file to the scenario):
 * <ul>
 * <li>node: MemTotal, CPUs and kernel (major.minor) of the recording host; node sysctls = the host's global values
 *     recorded in {@code host_sysctls} (tcp_mem, rmem_max, wmem_max, mem_pcpu_rsv, tcp_rmem/tcp_wmem/cc that a child
 *     namespace starts from); kernel defaults otherwise from {@link SysctlCatalog#bundled()}.</li>
 * <li>veth: one pod per probe namespace ("client", "server", "server2"), each with the case's "all" sysctls plus its
 *     own; every group becomes a workload in the client pod and one in its server pod, peers of each other, MTU from
 *     the case (1500). Loopback: one pod "loopback" holding both ends (sysctls merged), MTU 65536.</li>
 * <li>patterns: stalled-reader = client BULK writer, server STALLED reader; bulk-to-stalled-peer = server BULK,
 *     client STALLED; draining-reader = client RATE (rate_bytes_per_s) or BULK, server DRAINS; idle = both IDLE.</li>
 * <li>SO_RCVBUF/SO_SNDBUF from server_sockopts/client_sockopts; TCP_CONGESTION (set per socket by the probe because
 *     a child namespace may not pick cubic as its default) becomes the pod's net.ipv4.tcp_congestion_control.</li>
 * <li>RTT {@link #RTT_MS}: veth/loopback RTT measured 6-50 us; only the draining cases depend on it at all.</li>
 * </ul>
 */
public final class Recording {

    /** veth/loopback round trip used for every workload (ss rtt 0.006-0.05 ms in the recordings). */
    static final double RTT_MS = 0.05;
    static final int LOOPBACK_MTU = 65536;
    static final Path DIR = Path.of("src/test/resources/calibration");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> HOST_KEYS = List.of("net.ipv4.tcp_mem", "net.core.rmem_max", "net.core.wmem_max",
            "net.core.rmem_default", "net.core.wmem_default", "net.core.mem_pcpu_rsv", "net.ipv4.tcp_rmem",
            "net.ipv4.tcp_wmem", "net.ipv4.tcp_congestion_control");

    final String name;
    final JsonNode root;
    final boolean loopback;
    final boolean draining;
    /** The probe's cgroup-v1 memory cgroup (memory.kmem.tcp.*), or null when the case ran without one. */
    final JsonNode memcg;
    final Scenario scenario;
    final List<Group> groups = new ArrayList<>();

    /** One group of the case: its two ends, the pod/workload that models each, and what was measured. */
    record Group(String name, String pattern, long count, End server, End client, JsonNode json) {
    }

    /** One end of a group's connections. */
    record End(String pod, String workload, JsonNode sockets, JsonNode getsockopt) {

        double mean(String field) {
            JsonNode f = sockets.path(field);
            return f.path("mean").asDouble(Double.NaN);
        }

        long min(String field) {
            return sockets.path(field).path("min").asLong();
        }

        long max(String field) {
            return sockets.path(field).path("max").asLong();
        }
    }

    /** Recordings made without a memory cgroup (the steady-state calibration of issue 4). */
    static Stream<Path> files() {
        return all().filter(p -> !underMemcg(p));
    }

    /** Recordings made with the probe's memory cgroup (memory.kmem.tcp.*): the pressure cases. */
    static Stream<Path> memcgFiles() {
        return all().filter(Recording::underMemcg);
    }

    private static Stream<Path> all() {
        try {
            return Files.list(DIR).filter(p -> p.toString().endsWith(".json")).sorted();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean underMemcg(Path p) {
        try {
            return JSON.readTree(p.toFile()).path("memcg").isObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Recording load(Path file) {
        try {
            return new Recording(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Recording(JsonNode root) {
        this.root = root;
        JsonNode c = root.path("case");
        name = c.path("name").asText();
        loopback = "loopback".equals(c.path("topology").asText());
        draining = "duration".equals(c.path("settle").path("mode").asText());
        memcg = root.path("memcg").isObject() ? root.path("memcg") : null;
        // a memcg case separates the loopback ends into two pods: only the processes of the cgroup's roles ran in it
        boolean splitLoopback = loopback && memcg != null;
        JsonNode host = root.path("host");
        String release = host.path("kernel").asText();
        String[] mm = release.split("[.-]");
        KernelVersion kernel = KernelVersion.of(Integer.parseInt(mm[0]), Integer.parseInt(mm[1]));
        Map<String, String> nodeSys = new TreeMap<>();
        for (String k : HOST_KEYS) {
            JsonNode v = root.path("host_sysctls").path(k);
            if (!v.isMissingNode()) {
                nodeSys.put(k, v.asText());
            }
        }
        // the probe's cgroups are v1 (memory.kmem.tcp.limit_in_bytes); the other cases' processes ran in the root
        // cgroup, where nothing is charged either way
        Node node = new Node(Bytes.kib(host.path("mem_total_kb").asLong()), host.path("ncpus").asInt(), kernel,
                memcg != null ? CgroupVersion.V1 : CgroupVersion.V2, nodeSys);
        int mtu = loopback ? LOOPBACK_MTU : c.path("mtu").asInt(Workload.DEFAULT_MTU);

        JsonNode sys = c.path("sysctls");
        Map<String, Map<String, String>> podSys = new LinkedHashMap<>();
        Map<String, List<Workload>> podWl = new LinkedHashMap<>();
        List<String> podNames = splitLoopback ? List.of("loopback-client", "loopback-server")
                : loopback ? List.of("loopback") : List.of("client", "server", "server2");
        for (String ns : podNames) {
            Map<String, String> m = new TreeMap<>();
            put(m, sys.path("all"));
            if (loopback) {
                put(m, sys.path("client"));
                put(m, sys.path("server"));
            } else {
                put(m, sys.path(ns));
            }
            podSys.put(ns, m);
            podWl.put(ns, new ArrayList<>());
        }
        JsonNode measuredGroups = root.path("groups");
        int gi = 0;
        for (JsonNode g : c.path("groups")) {
            String gname = g.path("name").asText();
            String pattern = g.path("pattern").asText();
            long count = g.path("count").asLong();
            String serverPod = splitLoopback ? "loopback-server" : loopback ? "loopback" : g.path("server_ns").asText("server");
            String clientPod = splitLoopback ? "loopback-client" : loopback ? "loopback" : "client";
            String sw = gname + "-server";
            String cw = gname + "-client";
            JsonNode cs = g.path("client_sockopts");
            JsonNode ss = g.path("server_sockopts");
            congestion(podSys.get(clientPod), cs);
            congestion(podSys.get(serverPod), ss);
            ReaderBehaviour serverReader;
            ReaderBehaviour clientReader;
            WriterBehaviour serverWriter;
            WriterBehaviour clientWriter;
            Rate clientOut = Rate.ZERO;
            switch (pattern) {
                case "stalled-reader" -> {
                    clientWriter = WriterBehaviour.BULK;
                    clientReader = ReaderBehaviour.DRAINS;
                    serverWriter = WriterBehaviour.IDLE;
                    serverReader = ReaderBehaviour.STALLED;
                }
                case "bulk-to-stalled-peer" -> {
                    serverWriter = WriterBehaviour.BULK;
                    serverReader = ReaderBehaviour.DRAINS;
                    clientWriter = WriterBehaviour.IDLE;
                    clientReader = ReaderBehaviour.STALLED;
                }
                case "draining-reader" -> {
                    if (g.has("rate_bytes_per_s")) {
                        clientWriter = WriterBehaviour.RATE;
                        clientOut = new Rate(g.path("rate_bytes_per_s").asDouble());
                    } else {
                        clientWriter = WriterBehaviour.BULK;
                    }
                    clientReader = ReaderBehaviour.DRAINS;
                    serverWriter = WriterBehaviour.IDLE;
                    serverReader = ReaderBehaviour.DRAINS;
                }
                case "idle" -> {
                    clientWriter = WriterBehaviour.IDLE;
                    serverWriter = WriterBehaviour.IDLE;
                    clientReader = ReaderBehaviour.DRAINS;
                    serverReader = ReaderBehaviour.DRAINS;
                }
                default -> throw new IllegalArgumentException(name + ": unknown pattern " + pattern);
            }
            podWl.get(clientPod).add(new Workload(cw, count, RTT_MS, Rate.ZERO, clientOut, clientReader, clientWriter,
                    serverReader, bytes(cs, "SO_RCVBUF"), bytes(cs, "SO_SNDBUF"), mtu,
                    Optional.of(new PeerRef(serverPod, sw))));
            podWl.get(serverPod).add(new Workload(sw, count, RTT_MS, Rate.ZERO, Rate.ZERO, serverReader, serverWriter,
                    clientReader, bytes(ss, "SO_RCVBUF"), bytes(ss, "SO_SNDBUF"), mtu,
                    Optional.of(new PeerRef(clientPod, cw))));
            JsonNode mg = measuredGroups.get(gi++);
            if (!gname.equals(mg.path("name").asText())) {
                throw new IllegalStateException(name + ": group order differs between case and measurement");
            }
            JsonNode sockSrc = draining ? mg.path("time_window") : mg;
            groups.add(new Group(gname, pattern, count,
                    new End(serverPod, sw, sockSrc.path("server_sockets"), mg.path("getsockopt").path("server_after_accept")),
                    new End(clientPod, cw, sockSrc.path("client_sockets"), mg.path("getsockopt").path("client_after_connect")),
                    mg));
        }
        List<Pod> pods = new ArrayList<>();
        podWl.forEach((p, wl) -> {
            if (!wl.isEmpty()) {
                pods.add(new Pod(p, Optional.empty(), tcpLimit(p), podSys.get(p), wl));
            }
        });
        scenario = new Scenario(name, c.path("description").asText(), node, pods, new Timeline(60, 100, List.of()));
    }

    /** The pod's memory.kmem.tcp.limit_in_bytes: set for the pods whose processes the probe put in its cgroup. */
    private Optional<Bytes> tcpLimit(String pod) {
        if (memcg == null || memcg.path("tcp_limit_bytes").isNull() || memcg.path("tcp_limit_bytes").isMissingNode()) {
            return Optional.empty();
        }
        String role = pod.endsWith("client") ? "client" : "server";
        for (JsonNode r : memcg.path("roles")) {
            if (r.asText().equals(role)) {
                return Optional.of(Bytes.of(memcg.path("tcp_limit_bytes").asLong()));
            }
        }
        return Optional.empty();
    }

    /** The pod (by name) whose processes ran in the probe's cgroup, or null. */
    String memcgPod() {
        if (memcg == null) {
            return null;
        }
        for (Pod p : scenario.pods()) {
            String role = p.name().endsWith("client") ? "client" : "server";
            for (JsonNode r : memcg.path("roles")) {
                if (r.asText().equals(role)) {
                    return p.name();
                }
            }
        }
        return null;
    }

    /** memory.kmem.tcp.usage_in_bytes at steady state, in pages (draining: mean over the second half). */
    double measuredMemcgPages() {
        if (draining) {
            List<Double> v = new ArrayList<>();
            double half = root.path("case").path("settle").path("duration_s").asDouble(10) / 2;
            for (JsonNode h : root.path("history")) {
                if (h.path("t").asDouble() >= half && h.has("memcg_tcp_usage_pages")) {
                    v.add(h.path("memcg_tcp_usage_pages").asDouble());
                }
            }
            return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
        return memcg.path("steady").path("usage_bytes").asDouble() / root.path("host").path("page_size").asDouble(4096);
    }

    private static void put(Map<String, String> m, JsonNode obj) {
        obj.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    }

    private static void congestion(Map<String, String> pod, JsonNode sockopts) {
        JsonNode cc = sockopts.path("TCP_CONGESTION");
        if (!cc.isMissingNode()) {
            String prev = pod.put("net.ipv4.tcp_congestion_control", cc.asText());
            if (prev != null && !prev.equals(cc.asText())) {
                throw new IllegalArgumentException("two congestion controls in one pod");
            }
        }
    }

    private static Optional<Bytes> bytes(JsonNode sockopts, String key) {
        JsonNode v = sockopts.path(key);
        return v.isMissingNode() ? Optional.empty() : Optional.of(Bytes.of(v.asLong()));
    }

    EvaluationResult evaluate() {
        return ScenarioEvaluator.evaluate(scenario, SysctlCatalog.bundled());
    }

    static WorkloadResult workload(EvaluationResult r, End end) {
        for (PodResult p : r.pods()) {
            if (p.name().equals(end.pod())) {
                for (WorkloadResult w : p.workloads()) {
                    if (w.name().equals(end.workload())) {
                        return w;
                    }
                }
            }
        }
        throw new IllegalArgumentException("no workload " + end.pod() + "/" + end.workload());
    }

    /** Measured node pages: sockstat TCP mem steady - baseline (draining: mean over the second half of the run). */
    double measuredNodePages() {
        JsonNode s = root.path("sockstat");
        if (draining && s.path("window").has("mean_delta_pages")) {
            return s.path("window").path("mean_delta_pages").asDouble();
        }
        return s.path("delta_pages").asDouble();
    }

    /** Sum of r + w + f over both ends, in pages (what the sockets charged; no per-CPU lag). */
    double measuredSkmemPages() {
        return root.path("skmem_sum").path("charged_pages").asDouble();
    }

    long pcpuSlackPages() {
        return root.path("sockstat").path("pcpu_slack_pages").asLong();
    }

    String kernelRelease() {
        return root.path("host").path("kernel").asText();
    }
}
