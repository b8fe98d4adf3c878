package dev.tcpmem.io.calibration;

import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.PodResult;
import dev.tcpmem.model.result.WorkloadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the model says against what the kernel did, for one probe recording: the quantities held to a tolerance
 * ({@link Tolerances}) and the ones that must match exactly (getsockopt buffer sizes, buffer locks, window scale).
 *
 * <p>Every case (issue 4): pages per socket of each end of each group (skmem r + w + f, mean over the group's
 * sockets) and the node's pages (sockstat TCP mem Δ), ±10 %. Cases run in the probe's memory cgroup (issue 10), in
 * addition: receive queue (skmem r) and send queue (skmem w) of each end and the cgroup's TCP usage, ±15 %.
 *
 * <p>Quantities are named as the replay tests and FIDELITY.md name them: "group/end" (pages per socket), "group/end r",
 * "group/end w", "node", "memcg".
 */
public record FidelityComparison(ProbeRecording recording, EvaluationResult result, List<EndRow> ends,
                                 Quantity nodePages, Optional<Quantity> memcgUsage) implements RecordingComparison {

    public FidelityComparison {
        ends = List.copyOf(ends);
    }

    /** Every exact rule, per end in order. */
    @Override
    public List<ExactCheck> exact() {
        return ends.stream().flatMap(e -> e.exact().stream()).toList();
    }

    /**
     * What a quantity measures: the issue-4 ones for every probe.py case, the issue-10 ones under a memory cgroup;
     * accept_queue.py's ({@link AcceptQueueComparison}) and orphans.py's ({@link OrphanComparison}).
     */
    public enum Kind {
        PAGES_PER_SOCKET, NODE_PAGES, RECEIVE_QUEUE, SEND_QUEUE, MEMCG_USAGE,
        WAITING_SOCKET_PAGES, ACCEPTED_USAGE, ORPHAN_PAGES, ORPHAN_LIFETIME;

        /** Held to the steady-state tolerance (±10 %) rather than the pressure one (±15 %). */
        public boolean steady() {
            return this == PAGES_PER_SOCKET || this == NODE_PAGES;
        }
    }

    /**
     * One compared number; {@code allowed} is the largest |modelled − measured| within tolerance; {@code band}, where
     * the model's value is an expected value, where the kernel's rules may leave it ({@link WorkloadResult#finalBand}).
     * The band does not change the within/out verdict, which stays the tolerance's.
     */
    public record Quantity(String what, Kind kind, double measured, double modelled, double allowed,
                           Optional<Band> band) {

        public Quantity(String what, Kind kind, double measured, double modelled, double allowed) {
            this(what, kind, measured, modelled, allowed, Optional.empty());
        }

        /** Whether the measured value lies in the model's band; empty where the model gives none. */
        public Optional<Boolean> inBand() {
            return band.map(b -> measured >= b.low() && measured <= b.high());
        }

        public boolean within() {
            return Tolerances.within(measured, modelled, allowed);
        }

        /** (model − measured) / measured in %, NaN when the kernel measured 0. */
        public double errorPercent() {
            return measured == 0 ? (modelled == 0 ? 0 : Double.NaN) : 100 * (modelled - measured) / measured;
        }
    }

    /** The model's band around a quantity, and the kernel rule that leaves it open. */
    public record Band(double low, double high, String why) {
    }

    /** One end of one group: its pages per socket, under a memory cgroup its queues, and its exact rules. */
    public record EndRow(ProbeRecording.Group group, ProbeRecording.End end, Quantity pagesPerSocket,
                         Optional<Quantity> receiveQueue, Optional<Quantity> sendQueue, List<ExactCheck> exact) {

        public EndRow {
            exact = List.copyOf(exact);
        }

        public boolean exactMatch() {
            return exact.stream().allMatch(ExactCheck::match);
        }

        /** "group/end", as the replay tests and FIDELITY.md name it. */
        public String label() {
            return group.name() + "/" + end.role();
        }
    }

    /**
     * A rule that must hold exactly: what the kernel showed, what the model says.
     *
     * @param check SO_RCVBUF, SO_SNDBUF, rcvbuf (skmem rb: lock or growth), sndbuf (skmem tb), wscale; queued and
     *              usageWhileWaiting (accept_queue.py); orphans (orphans.py)
     * @param what  "group/end check", or what the rule is for the other probes' recordings
     */
    public record ExactCheck(String check, String what, String kernel, String model, boolean match) {
    }

    public static FidelityComparison of(ProbeRecording rec, EvaluationResult r) {
        boolean memcg = rec.underMemcg();
        List<EndRow> rows = new ArrayList<>();
        for (ProbeRecording.Group g : rec.groups()) {
            for (ProbeRecording.End e : g.ends()) {
                WorkloadResult w = e.in(r);
                String label = g.name() + "/" + e.role();
                double pm = e.mean("charged_pages");
                Optional<dev.tcpmem.model.result.QueueBand> fb = w.finalBand();
                Quantity pages = new Quantity(label, Kind.PAGES_PER_SOCKET, pm, w.finalPagesPerConnection(),
                        Tolerances.socketPages(pm), fb.map(b -> new Band(b.pagesLow(), b.pagesHigh(), b.why())));
                Optional<Quantity> rq = Optional.empty();
                Optional<Quantity> wq = Optional.empty();
                if (memcg) {
                    rq = Optional.of(new Quantity(label + " r", Kind.RECEIVE_QUEUE, e.mean("r"),
                            w.finalReceiveQueueBytes(), Tolerances.queueBytes(e.mean("r")),
                            fb.filter(b -> b.receiveQueueLow() < b.receiveQueueHigh())
                                    .map(b -> new Band(b.receiveQueueLow(), b.receiveQueueHigh(), b.why()))));
                    wq = Optional.of(new Quantity(label + " w", Kind.SEND_QUEUE, e.mean("w"),
                            w.finalSendQueueBytes(), Tolerances.queueBytes(e.mean("w")),
                            fb.filter(b -> b.sendQueueLow() < b.sendQueueHigh())
                                    .map(b -> new Band(b.sendQueueLow(), b.sendQueueHigh(), b.why()))));
                }
                rows.add(new EndRow(g, e, pages, rq, wq, exactChecks(label, e, w.socket())));
            }
        }
        Quantity node = new Quantity("node", Kind.NODE_PAGES, rec.measuredNodePages(), r.node().finalPages(),
                Tolerances.nodePages(rec.measuredNodePages(), rec.nodeSlackPages()));
        Optional<Quantity> usage = rec.memcgPodIn(r).map(p -> {
            double mu = rec.measuredMemcgPages();
            return new Quantity("memcg", Kind.MEMCG_USAGE, mu, modelledUsagePages(p), Tolerances.usagePages(mu));
        });
        return new FidelityComparison(rec, r, rows, node, usage);
    }

    /** The model's cgroup usage in pages: the pod's pages when its sockets are accounted (v1: a limit is set). */
    public static double modelledUsagePages(PodResult p) {
        return p.memcg().limitBytes() == null ? 0 : p.finalPages();
    }

    /** Every quantity, in a stable order: per end pages (and r, w), node, memcg usage. */
    @Override
    public List<Quantity> quantities() {
        List<Quantity> q = new ArrayList<>();
        for (EndRow row : ends) {
            q.add(row.pagesPerSocket());
            row.receiveQueue().ifPresent(q::add);
            row.sendQueue().ifPresent(q::add);
        }
        q.add(nodePages);
        memcgUsage.ifPresent(q::add);
        return q;
    }

    /**
     * The exact rules for one end. getsockopt right after connect/accept against the model's initial buffers; the
     * buffer lock (SO_RCVBUF/SO_SNDBUF set, or tcp_moderate_rcvbuf = 0): where the model locks a buffer the kernel
     * never moved it on any socket, and where the kernel grew it the model allows growth up to at least that; the
     * receive window scale (ss wscale of the socket's own side) on every socket.
     */
    static List<ExactCheck> exactChecks(String label, ProbeRecording.End e, WorkloadResult.SocketResult s) {
        List<ExactCheck> c = new ArrayList<>();
        c.add(getsockopt("SO_RCVBUF", label, e.getsockopt().stream().map(ProbeRecording.Getsockopt::soRcvbuf).toList(),
                s.rcvbufInitial()));
        c.add(getsockopt("SO_SNDBUF", label, e.getsockopt().stream().map(ProbeRecording.Getsockopt::soSndbuf).toList(),
                s.sndbufInitial()));
        c.add(buffer("rcvbuf", label, e.min("rb"), e.max("rb"), e.getsockopt().get(0).soRcvbuf(),
                s.rcvbufInitial(), s.rcvbufMax()));
        c.add(buffer("sndbuf", label, e.min("tb"), e.max("tb"), e.getsockopt().get(0).soSndbuf(),
                s.sndbufInitial(), s.sndbufMax()));
        long wmin = e.min("wscale_rcv");
        long wmax = e.max("wscale_rcv");
        c.add(new ExactCheck("wscale", label + " window scale", wmin == wmax ? Long.toString(wmin) : wmin + "–" + wmax,
                Integer.toString(s.windowScale()), wmin == wmax && wmin == s.windowScale()));
        return c;
    }

    private static ExactCheck getsockopt(String check, String label, List<Long> kernel, long model) {
        String what = label + " getsockopt(" + check + ")";
        for (long k : kernel) {
            if (k != model) {
                return new ExactCheck(check, what, Long.toString(k), Long.toString(model), false);
            }
        }
        return new ExactCheck(check, what, Long.toString(kernel.get(0)), Long.toString(model), true);
    }

    /**
     * Locked in the model (max == initial): every socket's buffer still at the getsockopt value. Grown in the kernel
     * (max above the model's initial value): the model is not locked and its cap holds the kernel's largest.
     */
    private static ExactCheck buffer(String check, String label, long kmin, long kmax, long getsockopt, long initial,
                                     long max) {
        boolean locked = max == initial;
        String what = label + (check.equals("rcvbuf") ? " receive buffer (skmem rb)" : " send buffer (skmem tb)");
        String kernel = kmin == kmax ? Long.toString(kmin) : kmin + "–" + kmax;
        String model = locked ? "locked " + initial : initial + "→" + max;
        boolean ok = true;
        if (locked) {
            ok = kmin == getsockopt && kmax == getsockopt;
        }
        if (kmax > initial) {
            ok &= !locked && kmax <= max;
        }
        return new ExactCheck(check, what, kernel, model, ok);
    }
}
