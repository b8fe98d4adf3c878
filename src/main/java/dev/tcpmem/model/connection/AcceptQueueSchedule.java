package dev.tcpmem.model.connection;

import dev.tcpmem.model.scenario.TimelineEvent;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WorkloadChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A listener workload is simulated as two groups: the accepted connections and those waiting in the accept queue.
 * This turns the scenario's events on the workload into events on each group: changes of the connection count or of
 * the number waiting become absolute counts for both groups whenever either changes (replaying the events in time
 * order with their reverts, as the timeline does); reader and writer changes go to the accepted group only
 * (nothing reads or writes a waiting connection); rate and peer changes go to both.
 */
public final class AcceptQueueSchedule {

    /**
     * @param initialAccepted connections accepted at the start
     * @param initialQueued   connections waiting at the start
     * @param maxUnaccepted   the most connections said to be waiting at any time
     * @param maxQueued       the most the queue held at any time
     * @param events          the events for both groups, replacing the workload's own
     */
    public record Split(long initialAccepted, long initialQueued, long maxUnaccepted, long maxQueued,
                        List<TimelineEvent> events) {
    }

    private record Act(double time, long seq, Optional<Long> connections, Optional<Long> unaccepted,
                       Double forSeconds) {
    }

    private AcceptQueueSchedule() {
    }

    /** Whether any event sets how many of this workload's connections wait for accept(). */
    public static boolean anyEventSetsUnaccepted(String pod, Workload w, List<TimelineEvent> events) {
        return events.stream().anyMatch(e -> e.pod().equals(pod) && e.workload().equals(w.name())
                && e.set().unaccepted().isPresent());
    }

    /**
     * @param events    all the scenario's events, in file order (those of other workloads are ignored)
     * @param queuePod  the pod the waiting group is simulated in
     * @param queueName the waiting group's workload name
     */
    public static Split of(String pod, Workload w, long capacity, List<TimelineEvent> events, String queuePod,
                           String queueName) {
        List<TimelineEvent> out = new ArrayList<>();
        PriorityQueue<Act> acts = new PriorityQueue<>((a, b) -> a.time() != b.time()
                ? Double.compare(a.time(), b.time()) : Long.compare(a.seq(), b.seq()));
        long seq = 0;
        for (TimelineEvent e : events) {
            if (!e.pod().equals(pod) || !e.workload().equals(w.name())) {
                continue;
            }
            WorkloadChange c = e.set();
            if (c.connections().isPresent() || c.unaccepted().isPresent()) {
                acts.add(new Act(e.atSeconds(), seq, c.connections(), c.unaccepted(), e.forSeconds().orElse(null)));
            }
            seq++;
            // closing takes connections the application has: the accepted ones
            WorkloadChange accepted = new WorkloadChange(Optional.empty(), c.inRate(), c.outRate(), c.reader(),
                    c.writer(), c.peerReader(), Optional.empty(), c.closed());
            if (!accepted.isEmpty()) {
                out.add(new TimelineEvent(e.atSeconds(), pod, w.name(), accepted, e.forSeconds()));
            }
            WorkloadChange waiting = new WorkloadChange(Optional.empty(), c.inRate(), c.outRate(), Optional.empty(),
                    Optional.empty(), c.peerReader());
            if (!waiting.isEmpty()) {
                out.add(new TimelineEvent(e.atSeconds(), queuePod, queueName, waiting, e.forSeconds()));
            }
        }
        long c = w.connections();
        long u = w.listener().map(l -> l.unaccepted()).orElse(0L);
        long acc = accepted(c, u);
        long q = queued(c, u, capacity);
        long maxU = Math.min(u, c);
        long maxQ = q;
        long initialAccepted = acc;
        long initialQueued = q;
        while (!acts.isEmpty()) {
            Act a = acts.poll();
            final long cNow = c;
            final long uNow = u;
            Optional<Long> oldC = a.connections().map(x -> cNow);
            Optional<Long> oldU = a.unaccepted().map(x -> uNow);
            c = a.connections().orElse(c);
            u = a.unaccepted().orElse(u);
            if (a.forSeconds() != null) {
                acts.add(new Act(a.time() + Math.max(0, a.forSeconds()), seq++, oldC, oldU, null));
            }
            long acc1 = accepted(c, u);
            long q1 = queued(c, u, capacity);
            if (acc1 != acc) {
                out.add(new TimelineEvent(a.time(), pod, w.name(), connections(acc1), Optional.empty()));
            }
            if (q1 != q) {
                out.add(new TimelineEvent(a.time(), queuePod, queueName, connections(q1), Optional.empty()));
            }
            acc = acc1;
            q = q1;
            maxU = Math.max(maxU, Math.min(u, c));
            maxQ = Math.max(maxQ, q);
        }
        return new Split(initialAccepted, initialQueued, maxU, maxQ, out);
    }

    /** Connections the application has: all but those said to wait (the dropped ones included). */
    static long accepted(long connections, long unaccepted) {
        return connections - Math.min(unaccepted, connections);
    }

    /** Connections in the queue: the waiting ones, at most the queue's capacity. */
    static long queued(long connections, long unaccepted, long capacity) {
        return Math.min(Math.min(unaccepted, connections), capacity);
    }

    private static WorkloadChange connections(long n) {
        return new WorkloadChange(Optional.of(n), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
