package dev.tcpmem.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.InvalidSysctlValueException;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.Pages;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.kernel.SysctlDefinition;
import dev.tcpmem.kernel.SysctlValueParser;
import dev.tcpmem.model.scenario.CgroupVersion;
import dev.tcpmem.model.scenario.Listener;
import dev.tcpmem.model.scenario.Node;
import dev.tcpmem.model.scenario.ObservedTcpMemory;
import dev.tcpmem.model.scenario.PeerRef;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Rate;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Timeline;
import dev.tcpmem.model.scenario.TimelineEvent;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.socket.SendBuffer;
import dev.tcpmem.model.scenario.WorkloadChange;
import dev.tcpmem.model.scenario.WriterBehaviour;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code tcpmem-scenario/1} files (CONTRACT.md). Every problem is reported at once with its JSON path and
 * line:column; nothing is returned half-read.
 */
public final class ScenarioReader {

    public static final String FORMAT = "tcpmem-scenario/1";
    /** Scenario files are small; anything larger is almost certainly the wrong file. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    public static final long MAX_CONNECTIONS = 100_000_000L;
    public static final int MAX_PODS = 5_000;
    public static final long MAX_TIMELINE_STEPS = 10_000_000L;

    private static final Set<String> ROOT = Set.of("format", "name", "description", "node", "pods", "timeline");
    private static final Set<String> NODE = Set.of("memory", "cpus", "kernel", "cgroup", "sysctls", "observed");
    private static final Set<String> OBSERVED = Set.of("tcpMemPages", "inuse", "orphan", "tw", "alloc", "source");
    private static final Set<String> POD = Set.of("name", "memoryLimit", "tcpMemoryLimit", "sysctls", "workloads");
    private static final Set<String> WORKLOAD = Set.of("name", "connections", "rttMs", "inRate", "outRate", "reader",
            "writer", "peerReader", "soRcvbuf", "soSndbuf", "mtu", "peer", "listener", "tcpNotsentLowat");
    private static final Set<String> LISTENER = Set.of("backlog", "unaccepted");
    private static final Set<String> TIMELINE = Set.of("durationSeconds", "stepMillis", "events");
    private static final Set<String> EVENT = Set.of("atSeconds", "pod", "workload", "set", "forSeconds");
    private static final Set<String> CHANGE = Set.of("connections", "inRate", "outRate", "reader", "writer", "peerReader",
            "unaccepted", "closed");

    private final SysctlCatalog catalog;
    private final ObjectMapper mapper;

    public ScenarioReader(SysctlCatalog catalog) {
        this.catalog = catalog;
        JsonFactory factory = JsonFactory.builder()
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                        .maxStringLength(1_000_000).maxNumberLength(100).build())
                .build();
        this.mapper = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    public Scenario read(Path file) throws InputFormatException {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw single(name, "is a folder, not a scenario file");
            }
            // read no more than the limit: a device or pipe (/dev/zero, a FIFO) reports size 0 and never ends
            try (java.io.InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw single(name, "file is larger than " + (MAX_FILE_BYTES >> 20) + " MiB: not a scenario file");
            }
        } catch (NoSuchFileException e) {
            throw single(name, "no such file");
        } catch (IOException e) {
            throw single(name, "cannot read: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw single(name, "not UTF-8 text: save the scenario as UTF-8 JSON");
        }
        // a byte order mark (some Windows editors write one) is not content: RFC 8259 lets parsers ignore it
        return read(text.startsWith("\uFEFF") ? text.substring(1) : text, name);
    }

    public Scenario read(String text, String source) throws InputFormatException {
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage();
            throw new InputFormatException(source, List.of(new Problem("", l == null ? 0 : l.getLineNr(),
                    l == null ? 0 : l.getColumnNr(), "not valid JSON: " + ParserMessages.plain(msg))));
        }
        if (tree == null || tree.isMissingNode()) {
            throw single(source, "the file is empty: expected a scenario object");
        }
        JsonCursor.Problems problems = new JsonCursor.Problems(JsonLocations.index(mapper.getFactory(), text));
        Scenario s = new Parse(problems).scenario(JsonCursor.root(tree, problems));
        if (!problems.isEmpty() || s == null) {
            throw new InputFormatException(source, problems.list());
        }
        return s;
    }

    private static InputFormatException single(String source, String message) {
        return new InputFormatException(source, List.of(new Problem("", 0, 0, message)));
    }

    /** One read: the state of a single parse, so the reader itself stays thread-safe. */
    private final class Parse {
        private final JsonCursor.Problems problems;

        Parse(JsonCursor.Problems problems) {
            this.problems = problems;
        }

        Scenario scenario(JsonCursor root) {
            if (!root.object(ROOT)) {
                return null;
            }
            JsonCursor format = root.field("format");
            Optional<String> f = format.requiredString();
            if (f.isPresent() && !f.get().equals(FORMAT)) {
                format.problem("unsupported format \"" + f.get() + "\": this version reads \"" + FORMAT + "\"");
                return null;
            }
            Optional<String> name = root.field("name").requiredString();
            String description = root.field("description").optString().orElse("");
            Node node = node(root.field("node"));
            List<Pod> pods = new ArrayList<>();
            Set<String> podNames = new HashSet<>();
            List<JsonCursor> podCursors = root.field("pods").isMissingOrNull() ? List.of() : root.field("pods").array();
            if (podCursors.size() > MAX_PODS) {
                root.field("pods").problem(podCursors.size() + " pods is more than the " + MAX_PODS + " a node can hold here");
                return null;
            }
            Map<String, JsonCursor> podAt = new HashMap<>();
            for (JsonCursor pc : podCursors) {
                Pod p = pod(pc, node);
                if (p != null) {
                    if (!podNames.add(p.name())) {
                        pc.field("name").problem("duplicate pod name \"" + p.name() + "\": pod names must be unique");
                    }
                    podAt.put(p.name(), pc);
                    pods.add(p);
                }
            }
            checkPeers(pods, podAt);
            Timeline timeline = timeline(root.field("timeline"), declaredWorkloads(root.field("pods").node()));
            if (name.isEmpty() || node == null || timeline == null) {
                return null;
            }
            return new Scenario(name.get(), description, node, pods, timeline);
        }

        Node node(JsonCursor c) {
            if (c.isMissingOrNull()) {
                c.problem("is required: the worker node (memory, cpus, kernel, cgroup, sysctls)");
                return null;
            }
            if (!c.object(NODE)) {
                return null;
            }
            JsonCursor memC = c.field("memory");
            Optional<Bytes> memory = memC.optParsed(Quantities::parseBytes);
            if (memC.isMissingOrNull()) {
                memC.problem("is required: the node's memory, e.g. \"64GiB\"");
            } else if (memory.isPresent() && (memory.get().value() < (128L << 20) || memory.get().value() > (64L << 40))) {
                memC.problem("node memory must be from 128MiB to 64TiB");
                memory = Optional.empty();
            }
            long cpus = c.field("cpus").optLong(1, 4096).orElse(1L);
            JsonCursor kc = c.field("kernel");
            Optional<KernelVersion> kernel = kc.requiredString().flatMap(k -> {
                Optional<KernelVersion> v = KernelVersion.tryParse(k);
                if (v.isEmpty()) {
                    kc.problem("\"" + k + "\" is not a kernel version: expected major.minor, one of " + KernelVersion.SUPPORTED);
                } else if (v.get().compareTo(KernelVersion.SUPPORTED.get(0)) < 0) {
                    kc.problem("kernel " + k + " is older than " + KernelVersion.SUPPORTED.get(0)
                            + ", the oldest this tool models: supported are " + KernelVersion.SUPPORTED);
                    return Optional.empty();
                }
                return v;
            });
            CgroupVersion cgroup = cgroup(c.field("cgroup"));
            Map<String, String> sysctls = kernel.map(k -> sysctls(c.field("sysctls"), k, false)).orElse(Map.of());
            Optional<ObservedTcpMemory> observed = observed(c.field("observed"));
            if (memory.isEmpty() || kernel.isEmpty() || cgroup == null) {
                return null;
            }
            return new Node(memory.get(), (int) cpus, kernel.get(), cgroup, sysctls, observed);
        }

        /** Optional extension: what a real node's /proc/net/sockstat showed (written by `import sockstat`). */
        Optional<ObservedTcpMemory> observed(JsonCursor c) {
            if (c.isMissingOrNull() || !c.object(OBSERVED)) {
                return Optional.empty();
            }
            JsonCursor mem = c.field("tcpMemPages");
            Optional<Long> pages = mem.optLong(0, Long.MAX_VALUE / Pages.PAGE_SIZE);
            if (mem.isMissingOrNull()) {
                mem.problem("is required: the TCP mem pages /proc/net/sockstat showed");
            }
            long inuse = c.field("inuse").optLong(0, Long.MAX_VALUE).orElse(0L);
            long orphan = c.field("orphan").optLong(0, Long.MAX_VALUE).orElse(0L);
            long tw = c.field("tw").optLong(0, Long.MAX_VALUE).orElse(0L);
            long alloc = c.field("alloc").optLong(0, Long.MAX_VALUE).orElse(0L);
            String source = c.field("source").optString().orElse("");
            return pages.map(p -> new ObservedTcpMemory(p, inuse, orphan, tw, alloc, source));
        }

        CgroupVersion cgroup(JsonCursor c) {
            Optional<String> s = c.optString();
            if (s.isEmpty()) {
                return c.isMissingOrNull() ? CgroupVersion.V2 : null;
            }
            switch (s.get()) {
                case "v1": return CgroupVersion.V1;
                case "v2": return CgroupVersion.V2;
                default:
                    c.problem("\"" + s.get() + "\" is not a cgroup version: expected \"v1\" or \"v2\"");
                    return null;
            }
        }

        Map<String, String> sysctls(JsonCursor c, KernelVersion kernel, boolean inPod) {
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonCursor> e : c.stringMap().entrySet()) {
                String name = e.getKey();
                JsonCursor v = e.getValue();
                Optional<SysctlDefinition> def = catalog.find(name);
                if (def.isEmpty()) {
                    if (name.startsWith("net.ipv4.tcp_") || name.startsWith("net.core.")) {
                        v.keyProblem("unknown sysctl \"" + name + "\": not a net.ipv4.tcp_* or net.core.* sysctl of any supported kernel"
                                + suggestion(name));
                        continue;
                    }
                    // outside the modelled families: kept as written, not modelled
                    out.put(name, v.text().strip());
                    continue;
                }
                SysctlDefinition d = def.get();
                if (!d.presentIn(kernel)) {
                    v.keyProblem(name + " does not exist in kernel " + kernel
                            + d.since().map(s -> " (added in " + s + ")").orElse("")
                            + d.removed().map(r -> " (removed in " + r + ")").orElse(""));
                    continue;
                }
                if (inPod && !d.namespacedIn(kernel)) {
                    v.keyProblem(name + " is node-level in kernel " + kernel
                            + " (shared by every pod on the node): a pod cannot set it; move it to node.sysctls");
                    continue;
                }
                try {
                    out.put(name, SysctlValueParser.parse(d, v.text()).text());
                } catch (InvalidSysctlValueException ex) {
                    v.problem(ex.getMessage());
                }
            }
            return out;
        }

        private String suggestion(String name) {
            String best = null;
            int bestDistance = 4;
            for (String known : catalog.names()) {
                int d = distance(name, known);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = known;
                }
            }
            return best == null ? "" : "; did you mean " + best + "?";
        }

        Pod pod(JsonCursor c, Node node) {
            if (!c.object(POD)) {
                return null;
            }
            Optional<String> name = nonEmptyName(c.field("name"), "pod");
            Optional<Bytes> memLimit = c.field("memoryLimit").optParsed(Quantities::parseBytes);
            Optional<Bytes> tcpLimit = c.field("tcpMemoryLimit").optParsed(Quantities::parseBytes);
            Map<String, String> sysctls = node == null ? Map.of() : sysctls(c.field("sysctls"), node.kernel(), true);
            List<Workload> workloads = new ArrayList<>();
            Set<String> names = new HashSet<>();
            JsonCursor wc = c.field("workloads");
            for (JsonCursor w : wc.isMissingOrNull() ? List.<JsonCursor>of() : wc.array()) {
                Workload wl = workload(w);
                if (wl != null) {
                    if (!names.add(wl.name())) {
                        w.field("name").problem("duplicate workload name \"" + wl.name() + "\" in this pod");
                    }
                    workloads.add(wl);
                }
            }
            return name.map(n -> new Pod(n, memLimit, tcpLimit, sysctls, workloads)).orElse(null);
        }

        Workload workload(JsonCursor c) {
            if (!c.object(WORKLOAD)) {
                return null;
            }
            Optional<String> name = nonEmptyName(c.field("name"), "workload");
            JsonCursor cc = c.field("connections");
            Optional<Long> connections = cc.optLong(0, MAX_CONNECTIONS);
            if (cc.isMissingOrNull()) {
                cc.problem("is required: the number of connections in this group");
            }
            JsonCursor rc = c.field("rttMs");
            Optional<Double> rtt = rc.optDouble(0, 60_000, "a round-trip time in milliseconds above 0 and at most 60000");
            if (rc.isMissingOrNull()) {
                rc.problem("is required: the connections' round-trip time in milliseconds, e.g. 0.5");
            }
            Rate in = c.field("inRate").optParsed(Quantities::parseRate).orElse(Rate.ZERO);
            Rate out = c.field("outRate").optParsed(Quantities::parseRate).orElse(Rate.ZERO);
            ReaderBehaviour reader = reader(c.field("reader"));
            WriterBehaviour writer = writer(c.field("writer"));
            ReaderBehaviour peerReader = reader(c.field("peerReader"));
            Optional<Bytes> rcv = c.field("soRcvbuf").optParsed(Quantities::parseBytes);
            Optional<Bytes> snd = c.field("soSndbuf").optParsed(Quantities::parseBytes);
            long mtu = c.field("mtu").optLong(576, 65536).orElse((long) Workload.DEFAULT_MTU);
            Optional<PeerRef> peer = peer(c.field("peer"));
            Optional<Listener> listener = listener(c.field("listener"), connections);
            JsonCursor lc = c.field("tcpNotsentLowat");
            Optional<Bytes> lowat = lc.optParsed(Quantities::parseBytes);
            if (lowat.isPresent() && lowat.get().value() > SendBuffer.NOTSENT_LOWAT_UNLIMITED) {
                // setsockopt(TCP_NOTSENT_LOWAT) stores an unsigned 32-bit value
                lc.problem(Quantities.formatBytes(lowat.get()) + " is out of range: TCP_NOTSENT_LOWAT is at most "
                        + SendBuffer.NOTSENT_LOWAT_UNLIMITED + " bytes (4 GiB - 1, no limit)");
                lowat = Optional.empty();
            }
            if (name.isEmpty() || connections.isEmpty() || rtt.isEmpty() || reader == null || writer == null
                    || peerReader == null) {
                return null;
            }
            return new Workload(name.get(), connections.get(), rtt.get(), in, out, reader, writer, peerReader,
                    rcv, snd, (int) mtu, peer, listener, lowat);
        }

        /** The optional listener: its listen() backlog and the connections still waiting for accept(). */
        Optional<Listener> listener(JsonCursor c, Optional<Long> connections) {
            if (c.isMissingOrNull() || !c.object(LISTENER)) {
                return Optional.empty();
            }
            // listen() takes an int; larger values are capped at somaxconn by the kernel anyway
            Optional<Long> backlog = c.field("backlog").optLong(0, Integer.MAX_VALUE);
            JsonCursor uc = c.field("unaccepted");
            Optional<Long> unaccepted = uc.optLong(0, MAX_CONNECTIONS);
            if (unaccepted.isPresent() && connections.isPresent() && unaccepted.get() > connections.get()) {
                uc.problem(unaccepted.get() + " connections waiting for accept() but the workload has only "
                        + connections.get() + ": use at most " + connections.get());
                return Optional.empty();
            }
            return Optional.of(new Listener(backlog, unaccepted.orElse(0L)));
        }

        ReaderBehaviour reader(JsonCursor c) {
            Optional<String> s = c.optString();
            if (s.isEmpty()) {
                return c.isMissingOrNull() ? ReaderBehaviour.DRAINS : null;
            }
            switch (s.get().toLowerCase(Locale.ROOT)) {
                case "drains": return ReaderBehaviour.DRAINS;
                case "stalled": return ReaderBehaviour.STALLED;
                default:
                    try {
                        return new ReaderBehaviour.ReadsAt(Quantities.parseRate(s.get()));
                    } catch (IllegalArgumentException e) {
                        c.problem("\"" + s.get() + "\" is not a reader behaviour: expected \"drains\", \"stalled\" or "
                                + Quantities.RATE_HELP);
                        return null;
                    }
            }
        }

        WriterBehaviour writer(JsonCursor c) {
            Optional<String> s = c.optString();
            if (s.isEmpty()) {
                return c.isMissingOrNull() ? WriterBehaviour.IDLE : null;
            }
            switch (s.get()) {
                case "idle": return WriterBehaviour.IDLE;
                case "rate": return WriterBehaviour.RATE;
                case "bulk": return WriterBehaviour.BULK;
                default:
                    c.problem("\"" + s.get() + "\" is not a writer behaviour: expected \"idle\", \"rate\" or \"bulk\"");
                    return null;
            }
        }

        Optional<PeerRef> peer(JsonCursor c) {
            return c.optString().flatMap(s -> {
                int slash = s.indexOf('/');
                if (slash <= 0 || slash == s.length() - 1 || s.indexOf('/', slash + 1) >= 0) {
                    c.problem("\"" + s + "\" is not a peer: expected \"pod/workload\" naming a workload on this node");
                    return Optional.empty();
                }
                return Optional.of(new PeerRef(s.substring(0, slash), s.substring(slash + 1)));
            });
        }

        void checkPeers(List<Pod> pods, Map<String, JsonCursor> podAt) {
            for (Pod p : pods) {
                for (int i = 0; i < p.workloads().size(); i++) {
                    Workload w = p.workloads().get(i);
                    if (w.peer().isEmpty()) {
                        continue;
                    }
                    PeerRef ref = w.peer().get();
                    JsonCursor at = podAt.get(p.name()).field("workloads").index(i).field("peer");
                    Optional<Workload> other = pods.stream().filter(q -> q.name().equals(ref.pod())).findFirst()
                            .flatMap(q -> q.workload(ref.workload()));
                    if (other.isEmpty()) {
                        at.problem("peer " + ref + " is not a workload on this node");
                    } else if (other.get().connections() != w.connections()) {
                        at.problem("peer " + ref + " has " + other.get().connections() + " connections but this workload has "
                                + w.connections() + ": both ends of a connection group must have the same count");
                    }
                }
            }
        }

        /**
         * Pod and workload names as written, valid or not: events are checked against these so that one bad
         * workload field does not also report every event that names the workload.
         */
        Map<String, Set<String>> declaredWorkloads(JsonNode pods) {
            Map<String, Set<String>> out = new HashMap<>();
            if (pods == null || !pods.isArray()) {
                return out;
            }
            for (JsonNode p : pods) {
                if (p.path("name").isTextual()) {
                    Set<String> names = out.computeIfAbsent(p.path("name").asText(), k -> new HashSet<>());
                    for (JsonNode w : p.path("workloads")) {
                        if (w.path("name").isTextual()) {
                            names.add(w.path("name").asText());
                        }
                    }
                }
            }
            return out;
        }

        Timeline timeline(JsonCursor c, Map<String, Set<String>> pods) {
            if (c.isMissingOrNull()) {
                return Timeline.steadyState();
            }
            if (!c.object(TIMELINE)) {
                return null;
            }
            double duration = c.field("durationSeconds").optDouble(0, 7 * 24 * 3600.0,
                    "seconds above 0 and at most 604800 (a week)").orElse(Timeline.DEFAULT_DURATION_SECONDS);
            double step = c.field("stepMillis").optDouble(0, 3_600_000,
                    "milliseconds above 0 and at most 3600000").orElse(Timeline.DEFAULT_STEP_MILLIS);
            if (duration * 1000 / step > MAX_TIMELINE_STEPS) {
                c.field("stepMillis").problem("durationSeconds / stepMillis gives more than " + MAX_TIMELINE_STEPS
                        + " steps: use a larger step");
            }
            List<TimelineEvent> events = new ArrayList<>();
            JsonCursor ec = c.field("events");
            for (JsonCursor e : ec.isMissingOrNull() ? List.<JsonCursor>of() : ec.array()) {
                TimelineEvent ev = event(e, pods, duration);
                if (ev != null) {
                    events.add(ev);
                }
            }
            return new Timeline(duration, step, events);
        }

        TimelineEvent event(JsonCursor c, Map<String, Set<String>> pods, double duration) {
            if (!c.object(EVENT)) {
                return null;
            }
            JsonCursor atC = c.field("atSeconds");
            Optional<Double> at = atC.isMissingOrNull() ? Optional.empty()
                    : atC.optDouble(-1e-9, duration, "seconds from 0 to the timeline's durationSeconds (" + duration + ")");
            if (atC.isMissingOrNull()) {
                atC.problem("is required: when the event happens, in seconds from the start");
            }
            JsonCursor podC = c.field("pod");
            JsonCursor wlC = c.field("workload");
            Optional<String> pod = podC.requiredString();
            Optional<String> wl = wlC.requiredString();
            if (pod.isPresent() && wl.isPresent()) {
                Set<String> p = pods.get(pod.get());
                if (p == null) {
                    podC.problem("no pod named \"" + pod.get() + "\" in this scenario");
                } else if (!p.contains(wl.get())) {
                    wlC.problem("pod " + pod.get() + " has no workload named \"" + wl.get() + "\"");
                }
            }
            Optional<Double> forS = c.field("forSeconds").optDouble(0, 7 * 24 * 3600.0, "seconds above 0");
            WorkloadChange change = change(c.field("set"));
            if (at.isEmpty() || pod.isEmpty() || wl.isEmpty() || change == null) {
                return null;
            }
            return new TimelineEvent(at.get(), pod.get(), wl.get(), change, forS);
        }

        WorkloadChange change(JsonCursor c) {
            if (c.isMissingOrNull()) {
                c.problem("is required: what the event changes, e.g. { \"reader\": \"stalled\" }");
                return null;
            }
            if (!c.object(CHANGE)) {
                return null;
            }
            if (c.node().size() == 0) {
                c.problem("changes nothing: set at least one of " + String.join(", ", new java.util.TreeSet<>(CHANGE)));
                return null;
            }
            JsonCursor r = c.field("reader");
            JsonCursor w = c.field("writer");
            JsonCursor pr = c.field("peerReader");
            return new WorkloadChange(
                    c.field("connections").optLong(0, MAX_CONNECTIONS),
                    c.field("inRate").optParsed(Quantities::parseRate),
                    c.field("outRate").optParsed(Quantities::parseRate),
                    r.isMissingOrNull() ? Optional.empty() : Optional.ofNullable(reader(r)),
                    w.isMissingOrNull() ? Optional.empty() : Optional.ofNullable(writer(w)),
                    pr.isMissingOrNull() ? Optional.empty() : Optional.ofNullable(reader(pr)),
                    c.field("unaccepted").optLong(0, MAX_CONNECTIONS),
                    c.field("closed").optLong(0, MAX_CONNECTIONS));
        }

        Optional<String> nonEmptyName(JsonCursor c, String what) {
            Optional<String> s = c.requiredString();
            if (s.isPresent() && (s.get().isBlank() || s.get().length() > 253)) {
                c.problem("a " + what + " name must be 1 to 253 characters");
                return Optional.empty();
            }
            if (s.isPresent() && s.get().contains("/")) {
                c.problem("a " + what + " name cannot contain \"/\"");
                return Optional.empty();
            }
            return s;
        }
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
