package dev.tcpmem.model.connection;

import static dev.tcpmem.model.derivation.Derivation.input;

import dev.tcpmem.model.derivation.Derivation;
import dev.tcpmem.model.derivation.Origin;
import dev.tcpmem.model.result.OrphanResult;
import dev.tcpmem.model.scenario.Rate;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.TimelineEvent;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WriterBehaviour;
import java.util.List;
import java.util.Optional;

/**
 * A workload's connections that the application closed with data still unsent: orphans (no process owns them)
 * in FIN_WAIT1 that keep their send queue, charged to the node and to the pod's memory cgroup, until the peer takes
 * the data, the kernel gives up probing a peer that takes none, or the kernel resets them (too many orphans, or the
 * node out of TCP memory). tcp_close() resets a connection with unread received data instead, so orphans hold no
 * receive queue (net/ipv4/tcp.c).
 */
public final class OrphanGroup {

    private OrphanGroup() {
    }

    /** Whether any event closes connections of this workload. */
    public static boolean closesAny(String pod, Workload w, List<TimelineEvent> events) {
        return events.stream().anyMatch(e -> e.pod().equals(pod) && e.workload().equals(w.name())
                && e.set().closed().filter(k -> k > 0).isPresent());
    }

    /** The orphans as a group: none to start with; nothing arrives, nothing new is written, the peer still reads. */
    public static Workload workload(Workload w) {
        return w.withName(w.name() + " (orphans)")
                .withConnections(0)
                .withRates(Rate.ZERO, Rate.ZERO)
                .withBehaviour(ReaderBehaviour.DRAINS, WriterBehaviour.IDLE, w.peerReader())
                .withPeer(Optional.empty())
                .withListener(Optional.empty());
    }

    /** What the orphans of a workload came to over the timeline. */
    public static OrphanResult result(long closed, long peakOrphans, double peakPagesPerOrphan, long peakPages,
                                      double lifetimeSeconds, long resetForMemory, long resetOverLimit,
                                      long maxOrphans) {
        Derivation d = new Derivation("orphans.peakPages", peakPages, "pages",
                "connections closed with unsent data keep their send queues as orphans: at most " + peakOrphans
                        + " at once holding " + peakPages + " pages; each lives until its peer has taken the data, or "
                        + String.format(java.util.Locale.ROOT, "%.1f", lifetimeSeconds) + " s of zero-window "
                        + "probes (the back-off reaching TCP_RTO_MAX, tcp_orphan_retries); the kernel resets them sooner when more than tcp_max_orphans ("
                        + maxOrphans + ") exist node-wide (\"too many orphaned sockets\") or when TCP memory is above "
                        + "tcp_mem[2] (\"out of memory -- consider tuning tcp_mem\")",
                List.of(input("closed", closed, Origin.SCENARIO), input("net.ipv4.tcp_max_orphans", maxOrphans,
                        Origin.DERIVED), input("orphan lifetime", lifetimeSeconds, Origin.DERIVED)),
                "tcp_close(); tcp_check_oom(): tcp_too_many_orphans() / tcp_out_of_memory()",
                "net/ipv4/tcp.c, net/ipv4/tcp_timer.c");
        return new OrphanResult(closed, peakOrphans, peakPagesPerOrphan, peakPages, lifetimeSeconds, resetForMemory,
                resetOverLimit, d);
    }
}
