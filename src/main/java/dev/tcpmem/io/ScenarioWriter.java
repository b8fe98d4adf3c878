package dev.tcpmem.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.model.scenario.Node;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.TimelineEvent;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WorkloadChange;
import dev.tcpmem.model.scenario.WriterBehaviour;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Writes scenarios in the {@code tcpmem-scenario/1} format, every field spelled out as in CONTRACT.md. */
public final class ScenarioWriter {

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ScenarioWriter() {
    }

    public static String toJson(Scenario s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", ScenarioReader.FORMAT);
        root.put("name", s.name());
        root.put("description", s.description());
        root.set("node", node(s.node()));
        ArrayNode pods = root.putArray("pods");
        for (Pod p : s.pods()) {
            pods.add(pod(p));
        }
        ObjectNode timeline = root.putObject("timeline");
        timeline.put("durationSeconds", s.timeline().durationSeconds());
        timeline.put("stepMillis", s.timeline().stepMillis());
        ArrayNode events = timeline.putArray("events");
        for (TimelineEvent e : s.timeline().events()) {
            ObjectNode ev = events.addObject();
            ev.put("atSeconds", e.atSeconds());
            ev.put("pod", e.pod());
            ev.put("workload", e.workload());
            ev.set("set", change(e.set()));
            e.forSeconds().ifPresent(f -> ev.put("forSeconds", f));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    /**
     * The previous version of a saved file is kept beside it as {@code name.tcpmem.json~}: the editor convention,
     * hidden by file managers and outside the open dialog's {@code *.tcpmem.json} filter.
     */
    public static final String BACKUP_SUFFIX = "~";

    /** Saves atomically: the old file stays intact unless the new one is completely written. */
    public static void save(Scenario s, Path file) throws IOException {
        AtomicFiles.write(file, toJson(s).getBytes(StandardCharsets.UTF_8));
    }

    /** Saves atomically and keeps what the file held before in {@link #backupOf(Path)}. */
    public static void saveKeepingPrevious(Scenario s, Path file) throws IOException {
        AtomicFiles.writeKeepingPrevious(file, toJson(s).getBytes(StandardCharsets.UTF_8), backupOf(file));
    }

    public static Path backupOf(Path file) {
        return file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
    }

    private static ObjectNode node(Node n) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("memory", Quantities.formatBytes(n.memory()));
        o.put("cpus", n.cpus());
        o.put("kernel", n.kernel().toString());
        o.put("cgroup", n.cgroup().name().toLowerCase(Locale.ROOT));
        o.set("sysctls", sysctls(n.sysctls()));
        n.observed().ifPresent(obs -> {
            ObjectNode ob = o.putObject("observed");
            ob.put("tcpMemPages", obs.tcpMemPages());
            ob.put("inuse", obs.inUse());
            ob.put("orphan", obs.orphans());
            ob.put("tw", obs.timeWait());
            ob.put("alloc", obs.allocated());
            ob.put("source", obs.source());
        });
        return o;
    }

    private static ObjectNode pod(Pod p) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", p.name());
        putSize(o, "memoryLimit", p.memoryLimit());
        putSize(o, "tcpMemoryLimit", p.tcpMemoryLimit());
        o.set("sysctls", sysctls(p.sysctls()));
        ArrayNode ws = o.putArray("workloads");
        for (Workload w : p.workloads()) {
            ObjectNode wo = ws.addObject();
            wo.put("name", w.name());
            wo.put("connections", w.connections());
            wo.put("rttMs", w.rttMs());
            wo.put("inRate", Quantities.formatRate(w.inRate()));
            wo.put("outRate", Quantities.formatRate(w.outRate()));
            wo.put("reader", reader(w.reader()));
            wo.put("writer", writer(w.writer()));
            wo.put("peerReader", reader(w.peerReader()));
            putSize(wo, "soRcvbuf", w.soRcvbuf());
            putSize(wo, "soSndbuf", w.soSndbuf());
            wo.put("mtu", w.mtu());
            if (w.peer().isPresent()) {
                wo.put("peer", w.peer().get().toString());
            } else {
                wo.putNull("peer");
            }
            // written only when set, so files without them stay as they were
            w.tcpNotsentLowat().ifPresent(b -> wo.put("tcpNotsentLowat", Quantities.formatBytes(b)));
            w.listener().ifPresent(l -> {
                ObjectNode lo = wo.putObject("listener");
                l.backlog().ifPresent(b -> lo.put("backlog", b));
                lo.put("unaccepted", l.unaccepted());
            });
        }
        return o;
    }

    private static ObjectNode change(WorkloadChange c) {
        ObjectNode o = MAPPER.createObjectNode();
        c.connections().ifPresent(v -> o.put("connections", v));
        c.inRate().ifPresent(v -> o.put("inRate", Quantities.formatRate(v)));
        c.outRate().ifPresent(v -> o.put("outRate", Quantities.formatRate(v)));
        c.reader().ifPresent(v -> o.put("reader", reader(v)));
        c.writer().ifPresent(v -> o.put("writer", writer(v)));
        c.peerReader().ifPresent(v -> o.put("peerReader", reader(v)));
        c.unaccepted().ifPresent(v -> o.put("unaccepted", v));
        c.closed().ifPresent(v -> o.put("closed", v));
        return o;
    }

    private static ObjectNode sysctls(Map<String, String> values) {
        ObjectNode o = MAPPER.createObjectNode();
        values.forEach(o::put);
        return o;
    }

    private static void putSize(ObjectNode o, String field, Optional<Bytes> size) {
        if (size.isPresent()) {
            o.put(field, Quantities.formatBytes(size.get()));
        } else {
            o.putNull(field);
        }
    }

    static String reader(ReaderBehaviour r) {
        return Quantities.formatReader(r);
    }

    static String writer(WriterBehaviour w) {
        return w.name().toLowerCase(Locale.ROOT);
    }
}
