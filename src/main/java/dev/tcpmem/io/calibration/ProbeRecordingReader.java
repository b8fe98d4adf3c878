package dev.tcpmem.io.calibration;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tcpmem.io.InputFormatException;
import dev.tcpmem.io.ParserMessages;
import dev.tcpmem.io.Problem;
import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.InvalidSysctlValueException;
import dev.tcpmem.kernel.KernelProfile;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.Pages;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.kernel.SysctlDefinition;
import dev.tcpmem.kernel.SysctlValueParser;
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
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a recording of one of the probes under tools/calibrate/ and maps it to the model: probe.py's here (a
 * {@link ProbeRecording}), accept_queue.py's and orphans.py's in {@link AcceptQueueRecordingReader} and
 * {@link OrphanRecordingReader}, told apart by their fields. Every field the mapping or the comparison uses is
 * checked; the first problem is reported with the file, its JSON path and what to do.
 *
 * <p>Mapping (the probe's case to the scenario; FIDELITY.md "How a recording becomes a scenario"):
 * <ul>
 * <li>node: MemTotal, CPUs and kernel of the recording host (the nearest known profile at or below an unknown
 *     release); node sysctls = the host's global values recorded in {@code host_sysctls} (tcp_mem, rmem_max,
 *     wmem_max, mem_pcpu_rsv, and the tcp_rmem/tcp_wmem/congestion control a child namespace starts from); kernel
 *     defaults otherwise.</li>
 * <li>veth: one pod per probe namespace ("client", "server", "server2"), each with the case's "all" sysctls plus its
 *     own; every group becomes a workload in the client pod and one in its server pod, peers of each other, MTU from
 *     the case (1500). Loopback: one pod "loopback" holding both ends (sysctls merged), MTU 65536; in a memcg case
 *     the two loopback ends are two pods, since only the cgroup's roles ran in it.</li>
 * <li>patterns: stalled-reader = client BULK writer, server STALLED reader; bulk-to-stalled-peer = server BULK,
 *     client STALLED; draining-reader = client RATE (rate_bytes_per_s) or BULK, server DRAINS; idle = both IDLE.</li>
 * <li>SO_RCVBUF/SO_SNDBUF from server_sockopts/client_sockopts; TCP_CONGESTION (set per socket by the probe because
 *     a child namespace may not pick cubic as its default) becomes the pod's net.ipv4.tcp_congestion_control.</li>
 * <li>RTT {@link #RTT_MS} for every workload: veth/loopback RTT measured 6-50 us; only the draining cases depend on
 *     it at all.</li>
 * <li>memcg cases: the cgroup's memory.kmem.tcp.limit_in_bytes becomes tcpMemoryLimit of the pods whose role ran
 *     in it; the node is cgroup v1 then (v2 otherwise: the other cases' processes ran in the root cgroup, where
 *     nothing is charged either way).</li>
 * </ul>
 */
public final class ProbeRecordingReader {

    /** veth/loopback round trip used for every workload (ss rtt 0.006-0.05 ms in the recordings). */
    public static final double RTT_MS = 0.05;
    public static final int LOOPBACK_MTU = 65536;
    /** tools/calibrate/probe.py PROBE_VERSION: the recording format this reader knows. */
    public static final int PROBE_VERSION = 1;
    /** The largest recording is 84 KB (three raw ss lines per end); 32 MiB is surely not a recording. */
    public static final long MAX_FILE_BYTES = 32L * 1024 * 1024;
    private static final String RERECORD = "record it again with tools/calibrate/probe.py";
    private static final List<String> HOST_KEYS = List.of("net.ipv4.tcp_mem", "net.core.rmem_max", "net.core.wmem_max",
            "net.core.rmem_default", "net.core.wmem_default", "net.core.mem_pcpu_rsv", "net.ipv4.tcp_rmem",
            "net.ipv4.tcp_wmem", "net.ipv4.tcp_congestion_control");
    /** The ss fields the comparison reads for every end (FidelityComparison). */
    static final List<String> REQUIRED_SS_FIELDS = List.of("charged_pages", "r", "w", "rb", "tb", "wscale_rcv");

    private final SysctlCatalog catalog;
    private final ObjectMapper mapper;

    public ProbeRecordingReader(SysctlCatalog catalog) {
        this.catalog = catalog;
        JsonFactory factory = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                        .maxStringLength(1_000_000).maxNumberLength(100).build())
                .build();
        this.mapper = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    public CalibrationRecording read(Path file) throws InputFormatException {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw single(name, "", "is a folder: name the recordings (*.json) in it");
            }
            // no further than the limit: a device or pipe reports size 0 and may never end
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            throw single(name, "", "no such file");
        } catch (IOException e) {
            throw single(name, "", "cannot read: " + e.getMessage());
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw single(name, "", "larger than " + (MAX_FILE_BYTES >> 20) + " MiB: not a probe recording");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw single(name, "", "not UTF-8 text: not a probe recording (tools/calibrate/probe.py writes JSON)");
        }
        return read(text.startsWith("\uFEFF") ? text.substring(1) : text, name);
    }

    public CalibrationRecording read(String text, String source) throws InputFormatException {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new InputFormatException(source, List.of(new Problem("", l == null ? 0 : l.getLineNr(),
                    l == null ? 0 : l.getColumnNr(), "not valid JSON: " + ParserMessages.plain(e.getOriginalMessage())
                    + " (tools/calibrate/probe.py writes one JSON object per case)")));
        }
        if (root == null || root.isMissingNode()) {
            throw single(source, "", "the file is empty: expected a recording of tools/calibrate/probe.py");
        }
        try {
            // the other probes' recordings have neither probe_version nor case: told apart by their own fields
            if (!root.has("probe_version") && (root.has("backlog") || root.has("waiting") || root.has("afterAccept"))) {
                return new AcceptQueueRecordingReader(catalog)
                        .read(new RecordingField(root, "$", AcceptQueueRecordingReader.PROBE), source);
            }
            if (!root.has("probe_version") && (root.has("tcpOrphanRetries") || root.has("sendQueueBeforeClose")
                    || root.has("allGoneSeconds"))) {
                return new OrphanRecordingReader(catalog)
                        .read(new RecordingField(root, "$", OrphanRecordingReader.PROBE), source);
            }
            return new Mapping(source, new RecordingField(root, "$", "probe.py")).recording();
        } catch (RecordingProblem b) {
            throw single(source, b.path, b.getMessage());
        }
    }

    private static InputFormatException single(String source, String path, String message) {
        return new InputFormatException(source, List.of(new Problem(path, 0, 0, message)));
    }

    /** One recording's mapping. */
    private final class Mapping {
        private final String source;
        private final RecordingField root;
        private final List<String> notes = new ArrayList<>();

        Mapping(String source, RecordingField root) {
            this.source = source;
            this.root = root;
        }

        ProbeRecording recording() throws RecordingProblem {
            identify();
            RecordingField host = root.get("host").object();
            String release = host.get("kernel").string();
            KernelVersion profile = RecordedKernel.profile(host.get("kernel"), notes);
            KernelVersion measured = KernelVersion.parse(release);
            long pageSize = host.get("page_size").whole(1, 1L << 30);
            if (pageSize != Pages.PAGE_SIZE) {
                throw host.get("page_size").bad("pages of " + pageSize + " bytes: the model counts the kernel's TCP "
                        + "memory in 4 KiB pages (x86_64 and most arm64 nodes); it cannot compare other page sizes");
            }
            int ncpus = (int) host.get("ncpus").whole(1, 4096);
            RecordingField memKb = host.get("mem_total_kb");
            long memTotalKb = memKb.whole(1, Long.MAX_VALUE / 1024);
            if (memTotalKb * 1024 < (128L << 20) || memTotalKb * 1024 > (64L << 40)) {
                throw memKb.bad("MemTotal " + memTotalKb + " kB: the model covers nodes of 128 MiB to 64 TiB");
            }
            RecordingField hostSys = root.get("host_sysctls").object();
            Map<String, String> nodeSys = new TreeMap<>();
            for (String k : HOST_KEYS) {
                RecordingField v = hostSys.get(k);
                if (v.present()) {
                    sysctl(nodeSys, k, v, profile, "the host's global value");
                }
            }
            long memPcpuRsv = nodeSys.containsKey("net.core.mem_pcpu_rsv")
                    ? Long.parseLong(nodeSys.get("net.core.mem_pcpu_rsv").strip())
                    : KernelProfile.SK_MEMORY_PCPU_RESERVE_PAGES;
            // the node counter's lag is the measured kernel's, not the profile's
            long slack = KernelProfile.of(measured).accountingSlackPages(ncpus, memPcpuRsv);

            RecordingField c = root.get("case").object();
            String caseName = c.get("name").string();
            String description = c.get("description").present() ? c.get("description").string() : "";
            RecordingField topo = c.get("topology");
            String topology = topo.string();
            if (!topology.equals("veth") && !topology.equals("loopback")) {
                throw topo.bad("unknown topology \"" + topology + "\": probe.py records \"veth\" or \"loopback\"");
            }
            boolean loopback = topology.equals("loopback");
            boolean draining = c.get("settle").present() && c.get("settle").object().get("mode").present()
                    && "duration".equals(c.get("settle").get("mode").string());

            Optional<ProbeRecording.Memcg> memcg = memcg(root.get("memcg"));
            // a memcg case separates the loopback ends into two pods: only the processes of the cgroup's roles ran in it
            boolean splitLoopback = loopback && memcg.isPresent();
            Node node = new Node(Bytes.kib(memTotalKb), ncpus, profile,
                    memcg.isPresent() ? CgroupVersion.V1 : CgroupVersion.V2, nodeSys);
            int mtu = loopback ? LOOPBACK_MTU
                    : c.get("mtu").present() ? (int) c.get("mtu").whole(68, 65536) : Workload.DEFAULT_MTU;

            RecordingField sys = c.get("sysctls");
            List<String> podNames = splitLoopback ? List.of("loopback-client", "loopback-server")
                    : loopback ? List.of("loopback") : List.of("client", "server", "server2");
            Map<String, Map<String, String>> podSys = new LinkedHashMap<>();
            Map<String, List<Workload>> podWl = new LinkedHashMap<>();
            for (String ns : podNames) {
                Map<String, String> m = new TreeMap<>();
                if (sys.present()) {
                    sys.object();
                    caseSysctls(m, sys.get("all"), profile);
                    if (loopback) {
                        caseSysctls(m, sys.get("client"), profile);
                        caseSysctls(m, sys.get("server"), profile);
                    } else {
                        caseSysctls(m, sys.get(ns), profile);
                    }
                }
                podSys.put(ns, m);
                podWl.put(ns, new ArrayList<>());
            }

            RecordingField caseGroups = c.get("groups").array();
            RecordingField measuredGroups = root.get("groups").array();
            if (caseGroups.node().isEmpty()) {
                throw caseGroups.bad("no connection groups: nothing to compare");
            }
            if (measuredGroups.node().size() != caseGroups.node().size()) {
                throw measuredGroups.bad(measuredGroups.node().size() + " measured groups for "
                        + caseGroups.node().size() + " in $.case.groups: the recording is incomplete; " + RERECORD);
            }
            List<ProbeRecording.Group> groups = new ArrayList<>();
            for (int gi = 0; gi < caseGroups.node().size(); gi++) {
                RecordingField g = caseGroups.at(gi).object();
                String gname = g.get("name").string();
                RecordingField pat = g.get("pattern");
                String pattern = pat.string();
                if (!ProbeRecording.PATTERNS.contains(pattern)) {
                    throw pat.bad("unknown pattern \"" + pattern + "\": probe.py's patterns are " + ProbeRecording.PATTERNS);
                }
                long count = g.get("count").whole(1, 100_000_000);
                String serverPod = splitLoopback ? "loopback-server" : loopback ? "loopback" : serverNamespace(g);
                String clientPod = splitLoopback ? "loopback-client" : loopback ? "loopback" : "client";
                String sw = gname + "-server";
                String cw = gname + "-client";
                RecordingField cs = g.get("client_sockopts");
                RecordingField ss = g.get("server_sockopts");
                congestion(podSys.get(clientPod), cs, profile);
                congestion(podSys.get(serverPod), ss, profile);
                ReaderBehaviour serverReader = ReaderBehaviour.DRAINS;
                ReaderBehaviour clientReader = ReaderBehaviour.DRAINS;
                WriterBehaviour serverWriter = WriterBehaviour.IDLE;
                WriterBehaviour clientWriter = WriterBehaviour.IDLE;
                Rate clientOut = Rate.ZERO;
                switch (pattern) {
                    case "stalled-reader" -> {
                        clientWriter = WriterBehaviour.BULK;
                        serverReader = ReaderBehaviour.STALLED;
                    }
                    case "bulk-to-stalled-peer" -> {
                        serverWriter = WriterBehaviour.BULK;
                        clientReader = ReaderBehaviour.STALLED;
                    }
                    case "draining-reader" -> {
                        RecordingField rate = g.get("rate_bytes_per_s");
                        if (rate.present()) {
                            clientWriter = WriterBehaviour.RATE;
                            clientOut = new Rate(rate.whole(1, 1L << 50));
                        } else {
                            clientWriter = WriterBehaviour.BULK;
                        }
                    }
                    default -> {
                        // idle: both ends idle, readers that would read whatever came
                    }
                }
                podWl.get(clientPod).add(new Workload(cw, count, RTT_MS, Rate.ZERO, clientOut, clientReader, clientWriter,
                        serverReader, buffer(cs, "SO_RCVBUF"), buffer(cs, "SO_SNDBUF"), mtu,
                        Optional.of(new PeerRef(serverPod, sw))));
                podWl.get(serverPod).add(new Workload(sw, count, RTT_MS, Rate.ZERO, Rate.ZERO, serverReader, serverWriter,
                        clientReader, buffer(ss, "SO_RCVBUF"), buffer(ss, "SO_SNDBUF"), mtu,
                        Optional.of(new PeerRef(clientPod, cw))));

                RecordingField mg = measuredGroups.at(gi).object();
                String mname = mg.get("name").string();
                if (!gname.equals(mname)) {
                    throw mg.get("name").bad("group \"" + mname + "\" where $.case.groups[" + gi + "] is \"" + gname
                            + "\": the measurements do not belong to this case; " + RERECORD);
                }
                RecordingField sockSrc = draining ? mg.get("time_window").object() : mg;
                RecordingField gs = mg.get("getsockopt").object();
                groups.add(new ProbeRecording.Group(gname, pattern, count,
                        end("server", serverPod, sw, sockSrc.get("server_sockets"), gs.get("server_after_accept")),
                        end("client", clientPod, cw, sockSrc.get("client_sockets"), gs.get("client_after_connect")),
                        writersDone(mg)));
            }
            List<Pod> pods = new ArrayList<>();
            Optional<String> memcgPod = Optional.empty();
            for (Map.Entry<String, List<Workload>> e : podWl.entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                String p = e.getKey();
                boolean inMemcg = memcg.isPresent() && memcg.get().roles().contains(p.endsWith("client") ? "client" : "server");
                if (inMemcg && memcgPod.isEmpty()) {
                    memcgPod = Optional.of(p);
                }
                Optional<Bytes> limit = inMemcg ? memcg.get().tcpLimitBytes().map(Bytes::of) : Optional.empty();
                pods.add(new Pod(p, Optional.empty(), limit, podSys.get(p), e.getValue()));
            }
            Scenario scenario = new Scenario(caseName, description, node, pods, new Timeline(60, 100, List.of()));
            RecordingField sockstat = root.get("sockstat").object();
            double nodePages = sockstat.get("delta_pages").number();
            if (draining && sockstat.get("window").present()
                    && sockstat.get("window").object().get("mean_delta_pages").present()) {
                nodePages = sockstat.get("window").get("mean_delta_pages").number();
            }
            RecordingField skmem = root.get("skmem_sum").get("charged_pages");
            double skmemPages = skmem.present() ? skmem.number() : Double.NaN;
            double memcgPages = memcg.isEmpty() ? Double.NaN : memcgPages(memcg.get(), draining, c);
            return new ProbeRecording(source, caseName, description, release, profile, loopback, draining, scenario,
                    groups, nodePages, skmemPages, slack, memcg, memcgPod, memcgPages, notes);
        }

        /** Tells apart the other files one may point at: the other probes' recordings and scenario files. */
        private void identify() throws RecordingProblem {
            JsonNode n = root.node();
            if (!n.isObject()) {
                throw root.bad("expected a recording of tools/calibrate/probe.py (a JSON object), found "
                        + (n.isArray() ? "an array" : "a single value"));
            }
            if (n.has("format") && n.path("format").asText().startsWith("tcpmem-scenario/")) {
                throw root.bad("a scenario file, not a probe recording: run it with `evaluate`");
            }
            if (!n.has("probe_version")) {
                throw root.get("probe_version").bad("missing: not a recording of tools/calibrate/probe.py (its "
                        + "recordings start with \"probe_version\"), accept_queue.py or orphans.py; record one with "
                        + "`sudo python3 tools/calibrate/probe.py --out DIR`");
            }
            RecordingField version = root.get("probe_version");
            if (version.whole(1, Integer.MAX_VALUE) != PROBE_VERSION) {
                throw version.bad("recording format " + version.node().asText() + ": this version of the app reads "
                        + "probe.py recordings of format " + PROBE_VERSION + "; use the app from the same checkout as "
                        + "the probe");
            }
        }

        private String serverNamespace(RecordingField g) throws RecordingProblem {
            RecordingField ns = g.get("server_ns");
            if (!ns.present()) {
                return "server";
            }
            String s = ns.string();
            if (!s.equals("server") && !s.equals("server2")) {
                throw ns.bad("unknown namespace \"" + s + "\": probe.py's server namespaces are server and server2");
            }
            return s;
        }

        private ProbeRecording.End end(String role, String pod, String workload, RecordingField sockets, RecordingField getsockopt)
                throws RecordingProblem {
            sockets.object();
            Map<String, ProbeRecording.Stat> stats = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = sockets.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isObject() && v.path("min").isNumber() && v.path("max").isNumber() && v.path("mean").isNumber()
                        && v.path("median").isNumber()) {
                    stats.put(e.getKey(), new ProbeRecording.Stat(v.path("min").asDouble(), v.path("median").asDouble(),
                            v.path("max").asDouble(), v.path("mean").asDouble()));
                }
            }
            for (String f : REQUIRED_SS_FIELDS) {
                if (!stats.containsKey(f)) {
                    RecordingField at = sockets.get(f);
                    if (at.present() && at.node().isObject()) {
                        for (String k : List.of("min", "median", "max", "mean")) {
                            at.get(k).number();
                        }
                    }
                    if (sockets.get("count").present() && sockets.get("count").node().asLong() == 0) {
                        throw sockets.bad("no sockets were measured at this end: the case did not connect; "
                                + RERECORD);
                    }
                    throw at.bad("missing: the ss -tmi field " + f + " (min/median/max/mean over the sockets) is "
                            + "what the comparison reads; " + RERECORD);
                }
            }
            getsockopt.array();
            if (getsockopt.node().isEmpty()) {
                throw getsockopt.bad("empty: getsockopt() after connect/accept is compared exactly; " + RERECORD);
            }
            List<ProbeRecording.Getsockopt> gs = new ArrayList<>();
            for (int i = 0; i < getsockopt.node().size(); i++) {
                RecordingField s = getsockopt.at(i).object();
                gs.add(new ProbeRecording.Getsockopt(s.get("SO_RCVBUF").whole(0, Integer.MAX_VALUE),
                        s.get("SO_SNDBUF").whole(0, Integer.MAX_VALUE)));
            }
            return new ProbeRecording.End(role, pod, workload, stats, gs);
        }

        private long writersDone(RecordingField mg) throws RecordingProblem {
            RecordingField t = mg.get("traffic");
            long done = 0;
            if (t.present()) {
                for (String side : List.of("client", "server")) {
                    RecordingField w = t.object().get(side).get("writers_done");
                    if (w.present()) {
                        done += w.whole(0, Long.MAX_VALUE / 4);
                    }
                }
            }
            return done;
        }

        private Optional<ProbeRecording.Memcg> memcg(RecordingField m) throws RecordingProblem {
            if (!m.present()) {
                return Optional.empty();
            }
            m.object();
            RecordingField rolesAt = m.get("roles").array();
            List<String> roles = new ArrayList<>();
            for (int i = 0; i < rolesAt.node().size(); i++) {
                String r = rolesAt.at(i).string();
                if (!r.equals("client") && !r.equals("server")) {
                    throw rolesAt.at(i).bad("unknown role \"" + r + "\": probe.py puts \"client\" or \"server\" in its cgroup");
                }
                roles.add(r);
            }
            RecordingField lim = m.get("tcp_limit_bytes");
            if (lim.node() == null) {
                throw lim.bad("missing: the cgroup's memory.kmem.tcp.limit_in_bytes (null: no limit); " + RERECORD);
            }
            Optional<Long> limit = lim.node().isNull() ? Optional.empty() : Optional.of(lim.whole(0, Long.MAX_VALUE));
            RecordingField steady = m.get("steady").object();
            return Optional.of(new ProbeRecording.Memcg(roles, limit, steady.get("usage_bytes").whole(0, Long.MAX_VALUE),
                    steady.get("max_usage_bytes").whole(0, Long.MAX_VALUE), steady.get("failcnt").whole(0, Long.MAX_VALUE),
                    steady.get("limit_bytes").whole(0, Long.MAX_VALUE)));
        }

        /** memory.kmem.tcp.usage_in_bytes at steady state in pages (draining: mean over the second half). */
        private double memcgPages(ProbeRecording.Memcg m, boolean draining, RecordingField c) throws RecordingProblem {
            if (!draining) {
                return m.steadyUsageBytes() / (double) Pages.PAGE_SIZE;
            }
            RecordingField d = c.get("settle").get("duration_s");
            double half = (d.present() ? d.number() : 10) / 2;
            RecordingField history = root.get("history").array();
            double sum = 0;
            int n = 0;
            for (int i = 0; i < history.node().size(); i++) {
                RecordingField h = history.at(i).object();
                if (h.get("t").number() >= half && h.get("memcg_tcp_usage_pages").present()) {
                    sum += h.get("memcg_tcp_usage_pages").number();
                    n++;
                }
            }
            if (n == 0) {
                throw history.bad("no memcg_tcp_usage_pages samples in the second half of the run: the cgroup's "
                        + "usage cannot be compared; " + RERECORD);
            }
            return sum / n;
        }

        private void caseSysctls(Map<String, String> into, RecordingField obj, KernelVersion profile) throws RecordingProblem {
            if (!obj.present()) {
                return;
            }
            obj.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                String k = it.next().getKey();
                sysctl(into, k, obj.get(k), profile, "set in the case's namespace");
            }
        }

        /** Checks one recorded sysctl against the catalog of the profile's kernel, as the scenario reader would. */
        private void sysctl(Map<String, String> into, String name, RecordingField v, KernelVersion kernel, String what)
                throws RecordingProblem {
            if (!v.present() || !(v.node().isTextual() || v.node().isNumber())) {
                throw v.bad("expected the sysctl's value as sysctl prints it (a string or a number)");
            }
            String text = v.node().asText();
            Optional<SysctlDefinition> def = catalog.find(name);
            if (def.isEmpty()) {
                if (name.startsWith("net.ipv4.tcp_") || name.startsWith("net.core.")) {
                    throw v.bad("unknown sysctl " + name + " (" + what + "): the model does not know it, so the "
                            + "comparison would ignore it; record the case without it");
                }
                into.put(name, text.strip());
                return;
            }
            if (!def.get().presentIn(kernel)) {
                notes.add(name + " (" + what + ") is not in the " + kernel + " profile: ignored");
                return;
            }
            try {
                into.put(name, SysctlValueParser.parse(def.get(), text).text());
            } catch (InvalidSysctlValueException ex) {
                throw v.bad(ex.getMessage());
            }
        }

        private void congestion(Map<String, String> pod, RecordingField sockopts, KernelVersion kernel) throws RecordingProblem {
            if (!sockopts.present()) {
                return;
            }
            RecordingField cc = sockopts.object().get("TCP_CONGESTION");
            if (!cc.present()) {
                return;
            }
            String prev = pod.get("net.ipv4.tcp_congestion_control");
            Map<String, String> one = new TreeMap<>();
            sysctl(one, "net.ipv4.tcp_congestion_control", cc, kernel, "TCP_CONGESTION");
            String value = one.get("net.ipv4.tcp_congestion_control");
            if (value == null) {
                return;
            }
            // the model takes one congestion control per pod (its namespace's default)
            if (prev != null && !prev.equals(value)) {
                throw cc.bad("congestion control " + value + " where the same namespace already uses " + prev
                        + ": the model takes one per pod; put the groups in different namespaces");
            }
            pod.put("net.ipv4.tcp_congestion_control", value);
        }

        private Optional<Bytes> buffer(RecordingField sockopts, String key) throws RecordingProblem {
            if (!sockopts.present()) {
                return Optional.empty();
            }
            RecordingField v = sockopts.object().get(key);
            return v.present() ? Optional.of(Bytes.of(v.whole(0, Integer.MAX_VALUE))) : Optional.empty();
        }
    }
}
