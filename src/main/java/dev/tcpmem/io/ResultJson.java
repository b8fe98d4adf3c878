package dev.tcpmem.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcpmem.model.connection.ConnectionLimits;
import dev.tcpmem.model.derivation.Derivation;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.NodeResult;
import dev.tcpmem.model.result.PodResult;
import dev.tcpmem.model.result.Series;
import dev.tcpmem.model.result.WorkloadResult;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code tcpmem-result/1} JSON of CONTRACT.md. Beyond the contract's fields it adds (as allowed, optional)
 * each number's derivation and the per-CPU accounting slack.
 */
public final class ResultJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ResultJson() {
    }

    public static String toJson(EvaluationResult r) {
        return toJson(r, Map.of());
    }

    /** With each pod's connection limits (accept queue, SYN backlog, dead-peer detection, orphans) as "limits". */
    public static String toJson(EvaluationResult r, Map<String, ConnectionLimits> limits) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", EvaluationResult.FORMAT);
        root.put("kernel", r.kernel().toString());
        root.put("pageSize", r.pageSize());
        NodeResult n = r.node();
        ObjectNode node = root.putObject("node");
        ObjectNode tcpMem = node.putObject("tcpMem");
        tcpMem.put("low", n.tcpMem().low());
        tcpMem.put("pressure", n.tcpMem().pressure());
        tcpMem.put("high", n.tcpMem().high());
        node.put("peakPages", n.peakPages());
        node.put("finalPages", n.finalPages());
        node.put("state", n.state().key());
        putNullable(node, "firstPressureSeconds", n.firstPressureSeconds());
        putNullable(node, "firstHighSeconds", n.firstHighSeconds());
        node.put("accountingSlackPages", n.accountingSlackPages());
        derivations(node, n.derivations());
        ArrayNode pods = root.putArray("pods");
        for (PodResult p : r.pods()) {
            ObjectNode po = pods.addObject();
            po.put("name", p.name());
            po.put("peakPages", p.peakPages());
            po.put("finalPages", p.finalPages());
            ObjectNode memcg = po.putObject("memcg");
            memcg.put("chargedBytesPeak", p.memcg().chargedBytesPeak());
            if (p.memcg().limitBytes() == null) {
                memcg.putNull("limitBytes");
            } else {
                memcg.put("limitBytes", p.memcg().limitBytes());
            }
            memcg.put("pressureReached", p.memcg().pressureReached());
            ArrayNode spans = memcg.putArray("pressureSpans");
            for (PodResult.PressureSpan sp : p.memcg().pressureSpans()) {
                ObjectNode so = spans.addObject();
                so.put("startSeconds", round(sp.startSeconds()));
                if (sp.endSeconds() == null) {
                    so.putNull("endSeconds");
                } else {
                    so.put("endSeconds", round(sp.endSeconds()));
                }
            }
            ConnectionLimits l = limits.get(p.name());
            if (l != null) {
                ObjectNode lo = po.putObject("limits");
                lo.put("acceptQueueCap", l.acceptQueueCap());
                lo.put("synBacklogCap", l.synBacklogCap());
                lo.put("synBacklogBytes", l.synBacklogBytes());
                lo.put("keepaliveDetectionSeconds", l.keepaliveDetectionSeconds());
                lo.put("retransmitGiveUpSeconds", round(l.retransmitGiveUpSeconds()));
                lo.put("maxOrphans", l.maxOrphans());
                lo.put("orphanFinTimeoutSeconds", l.orphanFinTimeoutSeconds());
                derivations(lo, l.derivations());
            }
            ArrayNode ws = po.putArray("workloads");
            for (WorkloadResult w : p.workloads()) {
                ObjectNode wo = ws.addObject();
                wo.put("name", w.name());
                wo.put("connections", w.connections());
                WorkloadResult.SocketResult s = w.socket();
                ObjectNode so = wo.putObject("socket");
                so.put("rcvbufInitial", s.rcvbufInitial());
                so.put("rcvbufMax", s.rcvbufMax());
                so.put("sndbufInitial", s.sndbufInitial());
                so.put("sndbufMax", s.sndbufMax());
                so.put("autotuning", s.autotuning());
                so.put("windowScale", s.windowScale());
                so.put("windowMax", s.windowMax());
                so.put("bdpBytes", s.bdpBytes());
                so.put("throughputCeilingBytesPerSecond", s.throughputCeilingBytesPerSecond());
                derivations(so, s.derivations());
                wo.put("peakPagesPerConnection", round(w.peakPagesPerConnection()));
                wo.put("finalPagesPerConnection", round(w.finalPagesPerConnection()));
                // only where the final value is an expected value inside a band the kernel leaves open
                w.finalBand().ifPresent(b -> {
                    ObjectNode bo = wo.putObject("finalPagesPerConnectionBand");
                    bo.put("low", round(b.pagesLow()));
                    bo.put("high", round(b.pagesHigh()));
                    bo.put("why", b.why());
                });
                if (w.pagesPerConnection() != null) {
                    wo.set("pagesPerConnectionDerivation", derivation(w.pagesPerConnection()));
                }
                w.acceptQueue().ifPresent(q -> {
                    ObjectNode qo = wo.putObject("acceptQueue");
                    qo.put("unaccepted", q.unaccepted());
                    qo.put("capacity", q.capacity());
                    qo.put("queued", q.queued());
                    qo.put("dropped", q.dropped());
                    qo.put("peakPagesPerConnection", round(q.peakPagesPerConnection()));
                    qo.put("peakPages", q.peakPages());
                    qo.put("finalPages", q.finalPages());
                    qo.put("chargedToPod", q.chargedToPod());
                    qo.set("derivation", derivation(q.derivation()));
                });
                w.orphans().ifPresent(o -> {
                    ObjectNode oo = wo.putObject("orphans");
                    oo.put("closed", o.closed());
                    oo.put("peakOrphans", o.peakOrphans());
                    oo.put("peakPagesPerOrphan", round(o.peakPagesPerOrphan()));
                    oo.put("peakPages", o.peakPages());
                    oo.put("lifetimeSeconds", round(o.lifetimeSeconds()));
                    oo.put("resetForMemory", o.resetForMemory());
                    oo.put("resetOverLimit", o.resetOverLimit());
                    oo.set("derivation", derivation(o.derivation()));
                });
            }
        }
        Series ser = r.series();
        ObjectNode series = root.putObject("series");
        ArrayNode t = series.putArray("timeSeconds");
        for (double v : ser.timeSeconds()) {
            t.add(round(v));
        }
        ArrayNode np = series.putArray("nodePages");
        for (long v : ser.nodePages()) {
            np.add(v);
        }
        ObjectNode pp = series.putObject("podPages");
        ser.podPages().forEach((name, values) -> {
            ArrayNode a = pp.putArray(name);
            for (long v : values) {
                a.add(v);
            }
        });
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    private static void derivations(ObjectNode parent, Map<String, Derivation> ds) {
        if (ds.isEmpty()) {
            return;
        }
        ObjectNode o = parent.putObject("derivations");
        new TreeMap<>(ds).forEach((k, d) -> o.set(k, derivation(d)));
    }

    private static ObjectNode derivation(Derivation d) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("value", d.value());
        o.put("unit", d.unit());
        o.put("formula", d.formula());
        ArrayNode in = o.putArray("inputs");
        for (Derivation.Input i : d.inputs()) {
            in.addObject().put("name", i.name()).put("value", i.value()).put("origin", i.origin().label());
        }
        o.put("rule", d.rule());
        o.put("source", d.source());
        return o;
    }

    private static void putNullable(ObjectNode o, String field, Double v) {
        if (v == null) {
            o.putNull(field);
        } else {
            o.put(field, round(v));
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
