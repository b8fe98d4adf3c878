package dev.tcpmem.io.calibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The {@code tcpmem-fidelity/1} JSON of the {@code fidelity} command (README "Headless commands"): per recording the
 * kernel measured and the profile used, every compared quantity (measured, modelled, error, allowed deviation,
 * within; where the model's value is an expected value, its band and whether the measurement is in it) and every
 * exact rule, and whether all of it holds. accept_queue.py and orphans.py recordings (kinds "acceptQueue" and
 * "orphans") keep the probe.py fields' shape (no groups, node and memcg null) and add their own object.
 */
public final class FidelityJson {

    public static final String FORMAT = "tcpmem-fidelity/1";
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private FidelityJson() {
    }

    public static String toJson(List<? extends RecordingComparison> comparisons) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("within", comparisons.stream().allMatch(RecordingComparison::within));
        ObjectNode summary = root.putObject("summary");
        summary.put("recordings", comparisons.size());
        summary.put("recordingsWithin", comparisons.stream().filter(RecordingComparison::within).count());
        summary.put("quantities", comparisons.stream().mapToLong(c -> c.quantities().size()).sum());
        summary.put("quantitiesOut", comparisons.stream().mapToLong(c -> c.outOfTolerance().size()).sum());
        summary.put("exactChecks", comparisons.stream().mapToLong(c -> c.exact().size()).sum());
        summary.put("exactMismatches", comparisons.stream().mapToLong(c -> c.mismatches().size()).sum());
        summary.put("quantitiesWithBand", comparisons.stream().mapToLong(c -> c.withBand().size()).sum());
        summary.put("quantitiesInBand", comparisons.stream().mapToLong(c -> c.inBand().size()).sum());
        ArrayNode recs = root.putArray("recordings");
        for (RecordingComparison c : comparisons) {
            if (c instanceof FidelityComparison f) {
                recording(recs.addObject(), f);
            } else if (c instanceof AcceptQueueComparison a) {
                acceptQueue(recs.addObject(), a);
            } else {
                orphans(recs.addObject(), (OrphanComparison) c);
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the comparison as JSON", e);
        }
    }

    private static void recording(ObjectNode o, FidelityComparison c) {
        ProbeRecording rec = c.recording();
        o.put("file", rec.source());
        o.put("case", rec.name());
        o.put("kernel", rec.kernelRelease());
        o.put("profile", rec.profile().toString());
        o.put("profileExact", rec.profileExact());
        o.put("kind", rec.underMemcg() ? "memcg" : "steady");
        o.put("draining", rec.draining());
        o.put("within", c.within());
        ArrayNode notes = o.putArray("notes");
        rec.notes().forEach(notes::add);
        ArrayNode groups = o.putArray("groups");
        String current = null;
        ArrayNode ends = null;
        for (FidelityComparison.EndRow row : c.ends()) {
            if (!row.group().name().equals(current)) {
                current = row.group().name();
                ObjectNode g = groups.addObject();
                g.put("name", current);
                g.put("pattern", row.group().pattern());
                g.put("connections", row.group().count());
                ends = g.putArray("ends");
            }
            ObjectNode e = ends.addObject();
            e.put("end", row.end().role());
            e.put("pod", row.end().pod());
            e.put("workload", row.end().workload());
            quantity(e.putObject("pagesPerSocket"), row.pagesPerSocket());
            row.receiveQueue().ifPresent(q -> quantity(e.putObject("receiveQueueBytes"), q));
            row.sendQueue().ifPresent(q -> quantity(e.putObject("sendQueueBytes"), q));
            ArrayNode exact = e.putArray("exact");
            for (FidelityComparison.ExactCheck x : row.exact()) {
                ObjectNode xo = exact.addObject();
                xo.put("check", x.check());
                xo.put("kernel", x.kernel());
                xo.put("model", x.model());
                xo.put("match", x.match());
            }
        }
        quantity(o.putObject("node").putObject("pages"), c.nodePages());
        if (c.memcgUsage().isPresent()) {
            quantity(o.putObject("memcg").putObject("usagePages"), c.memcgUsage().get());
        } else {
            o.putNull("memcg");
        }
    }

    private static void acceptQueue(ObjectNode o, AcceptQueueComparison c) {
        AcceptQueueRecording rec = c.recording();
        common(o, c, "acceptQueue");
        ObjectNode a = o.putObject("acceptQueue");
        a.put("connections", rec.connections());
        a.put("backlog", rec.backlog());
        a.put("somaxconn", rec.somaxconn());
        quantity(a.putObject("pagesPerWaitingSocket"), c.pagesPerWaitingSocket());
        quantity(a.putObject("usageAfterAcceptBytes"), c.usageAfterAccept());
        exact(a.putArray("exact"), c.exact());
    }

    private static void orphans(ObjectNode o, OrphanComparison c) {
        OrphanRecording rec = c.recording();
        common(o, c, "orphans");
        ObjectNode a = o.putObject("orphans");
        a.put("connections", rec.connections());
        a.put("tcpOrphanRetries", rec.orphanRetries());
        a.put("rttMs", rec.rttMs());
        quantity(a.putObject("pagesPerOrphan"), c.pagesPerOrphan());
        quantity(a.putObject("lifetimeSeconds"), c.lifetimeSeconds());
        exact(a.putArray("exact"), c.exact());
    }

    /** The fields every recording has, in the probe.py recordings' shape (no groups, no node or memcg pages). */
    private static void common(ObjectNode o, RecordingComparison c, String kind) {
        CalibrationRecording rec = c.recording();
        o.put("file", rec.source());
        o.put("case", rec.name());
        o.put("kernel", rec.kernelRelease());
        o.put("profile", rec.profile().toString());
        o.put("profileExact", rec.profileExact());
        o.put("kind", kind);
        o.put("draining", false);
        o.put("within", c.within());
        ArrayNode notes = o.putArray("notes");
        rec.notes().forEach(notes::add);
        o.putArray("groups");
        o.putNull("node");
        o.putNull("memcg");
    }

    private static void exact(ArrayNode into, List<FidelityComparison.ExactCheck> checks) {
        for (FidelityComparison.ExactCheck x : checks) {
            ObjectNode xo = into.addObject();
            xo.put("check", x.check());
            xo.put("what", x.what());
            xo.put("kernel", x.kernel());
            xo.put("model", x.model());
            xo.put("match", x.match());
        }
    }

    private static void quantity(ObjectNode o, FidelityComparison.Quantity q) {
        o.put("measured", q.measured());
        o.put("modelled", q.modelled());
        double err = q.errorPercent();
        if (Double.isFinite(err)) {
            o.put("errorPercent", Math.round(err * 10) / 10.0);
        } else {
            o.putNull("errorPercent");
        }
        o.put("allowed", q.allowed());
        o.put("within", q.within());
        // only where the model's value is an expected value: the band the kernel's rules leave, and whether the
        // measurement lies in it (the within verdict stays the tolerance's)
        q.band().ifPresent(b -> {
            ObjectNode bo = o.putObject("band");
            bo.put("low", b.low());
            bo.put("high", b.high());
            bo.put("why", b.why());
            bo.put("inBand", q.inBand().orElseThrow());
        });
    }
}
