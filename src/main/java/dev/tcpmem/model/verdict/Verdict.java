package dev.tcpmem.model.verdict;

import dev.tcpmem.model.node.MemoryState;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.NodeResult;
import dev.tcpmem.model.result.PodResult;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.TimelineEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What happens, in words a reviewer can paste into a design document: the worst state, when it is reached and
 * after which event, which pod holds most of the node's TCP memory, and what that does to the neighbours.
 *
 * @param headline one line for the status bar
 * @param details  the consequences, one sentence each
 */
public record Verdict(MemoryState state, String headline, List<String> details) {

    public Verdict {
        details = List.copyOf(details);
    }

    public static Verdict of(Scenario s, EvaluationResult r) {
        NodeResult n = r.node();
        Optional<PodResult> top = r.pods().stream().max(Comparator.comparingLong(PodResult::peakPages));
        String topText = top.filter(p -> n.peakPages() > 0).map(p -> String.format(Locale.ROOT, "%s holds %.0f %% at peak",
                p.name(), 100.0 * p.peakPages() / n.peakPages())).orElse("no pod holds TCP memory");
        List<String> details = new ArrayList<>();
        String headline;
        switch (n.state()) {
            case HIGH -> {
                headline = String.format(Locale.ROOT, "Over high at %s%s: %s; allocations fail for every pod",
                        seconds(n.firstHighSeconds()), cause(s, n.firstHighSeconds()), topText);
                details.add("Above tcp_mem[2] (" + n.tcpMem().high() + " pages) new socket memory is refused node-wide: "
                        + "received segments are dropped and retransmitted, writers block in sendmsg.");
                details.add("Sockets that are closing with unsent data are reset, and the kernel logs "
                        + "\"TCP: out of memory -- consider tuning tcp_mem\" (net/ipv4/tcp.c tcp_check_oom).");
                details.add("Pressure began at " + seconds(n.firstPressureSeconds()) + ": from then on no socket on the node grows its buffers.");
            }
            case PRESSURE -> {
                headline = String.format(Locale.ROOT, "Pressure at %s%s: %s; all pods lose buffer growth",
                        seconds(n.firstPressureSeconds()), cause(s, n.firstPressureSeconds()), topText);
                details.add("Above tcp_mem[1] (" + n.tcpMem().pressure() + " pages) every socket on the node is under pressure "
                        + "until the total falls to tcp_mem[0] (" + n.tcpMem().low() + " pages): receive windows stop growing "
                        + "and shrink toward 4 × MSS, send buffers are cut to what is queued, autotuning stops.");
                details.add("The neighbours pay for the heaviest pod: their throughput drops even though their own use did not change.");
            }
            default -> {
                double share = n.tcpMem().pressure() == 0 ? 0 : 100.0 * n.peakPages() / n.tcpMem().pressure();
                headline = String.format(Locale.ROOT, "Normal: peak %,d pages, %.0f %% of the pressure line; %s",
                        n.peakPages(), share, topText);
                if (n.peakPages() > n.tcpMem().low()) {
                    details.add("Above tcp_mem[0] (" + n.tcpMem().low() + " pages) send buffers no longer grow "
                            + "(tcp_should_expand_sndbuf), though the node is not under pressure.");
                }
            }
        }
        for (PodResult p : r.pods()) {
            if (p.memcg().pressureReached()) {
                details.add(p.name() + " reaches its own memory cgroup limit"
                        + (p.memcg().limitBytes() == null ? "" : " (" + p.memcg().limitBytes() + " bytes)")
                        + ": its sockets are under memcg pressure whatever the node's state" + spans(p) + ".");
            }
        }
        for (PodResult p : r.pods()) {
            for (var w : p.workloads()) {
                w.acceptQueue().filter(q -> q.peakPages() > 0).ifPresent(q -> details.add(String.format(Locale.ROOT,
                        "%s/%s: %,d connections waiting for accept() hold %,d pages on the node%s%s.", p.name(), w.name(),
                        q.queued(), q.peakPages(), q.chargedToPod() ? ""
                                : ", which the pod's memory cgroup does not see until accept() takes them",
                        q.dropped() > 0 ? String.format(Locale.ROOT, "; %,d more handshakes are dropped while the queue "
                                + "is full", q.dropped()) : "")));
            }
        }
        for (PodResult p : r.pods()) {
            for (var w : p.workloads()) {
                w.orphans().filter(o -> o.peakOrphans() > 0).ifPresent(o -> {
                    details.add(String.format(Locale.ROOT, "%s/%s: %,d connections closed with unsent data stay as "
                                    + "orphans holding up to %,d pages, each until its peer takes the data or for up to "
                                    + "%.0f s of zero-window probes.", p.name(), w.name(), o.peakOrphans(),
                            o.peakPages(), o.lifetimeSeconds()));
                    if (o.resetForMemory() > 0) {
                        details.add(String.format(Locale.ROOT, "%,d of them are reset while TCP memory is over "
                                + "tcp_mem[2]: the kernel logs \"TCP: out of memory -- consider tuning tcp_mem\" "
                                + "(tcp_check_oom()).", o.resetForMemory()));
                    }
                    if (o.resetOverLimit() > 0) {
                        details.add(String.format(Locale.ROOT, "%,d of them are reset beyond tcp_max_orphans: the "
                                + "kernel logs \"too many orphaned sockets\".", o.resetOverLimit()));
                    }
                });
            }
        }
        if (n.accountingSlackPages() > 0) {
            details.add("The kernel's counter may lag the true total by up to " + n.accountingSlackPages()
                    + " pages (per-CPU reserves), so a crossing can come that much later.");
        }
        return new Verdict(n.state(), headline, details);
    }

    /** " after cassandra-0/clients readers stall at 60 s" when an event precedes the crossing. */
    private static String cause(Scenario s, Double at) {
        if (at == null) {
            return "";
        }
        return s.timeline().events().stream().filter(e -> e.atSeconds() <= at)
                .max(Comparator.comparingDouble(TimelineEvent::atSeconds))
                .map(e -> " after " + e.pod() + "/" + e.workload() + " " + describe(e) + " at " + seconds(e.atSeconds()))
                .orElse("");
    }

    private static String describe(TimelineEvent e) {
        List<String> parts = new ArrayList<>();
        e.set().reader().ifPresent(r -> parts.add("reader " + name(r)));
        e.set().peerReader().ifPresent(r -> parts.add("peer reader " + name(r)));
        e.set().writer().ifPresent(w -> parts.add("writer " + w.name().toLowerCase(Locale.ROOT)));
        e.set().connections().ifPresent(c -> parts.add("connections " + c));
        e.set().unaccepted().ifPresent(u -> parts.add(u + " waiting for accept()"));
        e.set().closed().ifPresent(k -> parts.add(k + " closed with unsent data"));
        e.set().inRate().ifPresent(x -> parts.add("in-rate change"));
        e.set().outRate().ifPresent(x -> parts.add("out-rate change"));
        return String.join(", ", parts);
    }

    private static String name(dev.tcpmem.model.scenario.ReaderBehaviour r) {
        if (r instanceof dev.tcpmem.model.scenario.ReaderBehaviour.Stalled) {
            return "stalled";
        }
        return r instanceof dev.tcpmem.model.scenario.ReaderBehaviour.Drains ? "drains" : "slows";
    }

    /** " (from 2 s to 7.5 s, from 9 s)": when the pod was under its own pressure. */
    private static String spans(PodResult p) {
        List<String> parts = new java.util.ArrayList<>();
        for (PodResult.PressureSpan sp : p.memcg().pressureSpans()) {
            parts.add("from " + seconds(sp.startSeconds()) + (sp.endSeconds() == null ? "" : " to " + seconds(sp.endSeconds())));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static String seconds(Double t) {
        if (t == null) {
            return "—";
        }
        return t == Math.rint(t) ? String.format(Locale.ROOT, "%.0f s", t) : String.format(Locale.ROOT, "%.1f s", t);
    }
}
