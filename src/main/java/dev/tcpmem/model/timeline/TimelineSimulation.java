package dev.tcpmem.model.timeline;

import dev.tcpmem.kernel.Pages;
import dev.tcpmem.kernel.WindowRule;
import dev.tcpmem.model.node.MemoryState;
import dev.tcpmem.model.node.NodeTcpMemory;
import dev.tcpmem.model.node.PressureRules;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Timeline;
import dev.tcpmem.model.scenario.TimelineEvent;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WorkloadChange;
import dev.tcpmem.model.scenario.WriterBehaviour;
import dev.tcpmem.model.socket.DrainingReader;
import dev.tcpmem.model.socket.SendBuffer;
import dev.tcpmem.model.socket.SocketParameters;

import java.util.List;
import java.util.PriorityQueue;

/**
 * Deterministic fluid simulation of every workload's per-connection queues and buffers, and of the node's global
 * counter, over the timeline. All connections of a workload are identical, so the cost is O(steps x workloads),
 * independent of connection counts.
 *
 * <p>Per step of dt seconds (events at or before the step's start apply to it):
 * <ul>
 * <li>receive queue (truesize bytes): a draining reader holds one RTT of arrivals, and against a bulk writer on the
 *     node (arrivals bounded by nothing but the window) one skb, what arrives between two reads
 *     ({@code DrainingReader}), not a window; a stalled or slow reader's queue
 *     grows at (in - read) x truesize/payload up to sk_rcvbuf (net/ipv4/tcp_input.c tcp_try_rmem_schedule() prunes
 *     above sk_rcvbuf; free space keeps being advertised until then). Arrivals are limited to window / RTT.</li>
 * <li>DRS (readers that read, not under pressure): rcvbuf grows to {@code ReceiveBuffer.drsTarget}; never shrinks.</li>
 * <li>send queue: a rate writer holds one RTT of unacknowledged data, plus what the peer does not take
 *     (peer stalled or slower); a bulk writer keeps sk_sndbuf full (tcp_notsent_lowat unlimited), whether or not
 *     the peer reads; with a tcp_notsent_lowat, at most in-flight + lowat + size_goal / 2 unsent bytes
 *     ({@code SendBuffer.notsentAtRest}); send buffers grow by tcp_sndbuf_expand() from the congestion window reached (rate x RTT; for a
 *     bulk writer the peer's whole window: no path bottleneck is modelled), not under
 *     pressure and not at or above tcp_mem[0] (tcp_should_expand_sndbuf()).</li>
 * <li>pressure (the node's flag, or the pod's cgroup's; when each is entered and left: {@link PressureRules}, one
 *     set of rules for both, fed with the counter plus the bursts a draining reader facing a bulk writer may take at
 *     once, {@code DrainingReader.burstPayload}, which are not charged): no buffer growth; rcv_ssthresh clamps to 4 x advmss
 *     so the window, and with it arrivals, shrink (net/ipv4/tcp_output.c __tcp_select_window()); under global
 *     pressure a socket grows only below its fair share tcp_mem[2] / sockets (net/core/sock.c).</li>
 * <li>limits: growth beyond tcp_rmem[0] / tcp_wmem[0] per socket is refused above tcp_mem[2] and, for hard memcg
 *     limits (v1 kmem.tcp, v2 from 5.15), above the pod's limit; refused send growth moderates sk_sndbuf
 *     (sk_stream_moderate_sndbuf()). Refusals are shared out proportionally (a group may then average a fraction of a page per socket),
 *     except from empty receive queues: then first come, first served, each refused connection getting its first
 *     skb forced past the limit (tcp_data_queue()), and its sender's send buffer staying at its initial size.</li>
 * <li>state high: the sockets asked for more than tcp_mem[2] in total (allocations are being refused there; the
 *     counter itself stays at or below it but for forced minimums), first-crossing time likewise.</li>
 * <li>a socket is charged ceil((receive + send truesize) / 4096) pages (sk_mem_pages()).</li>
 * <li>a listener's connections waiting for accept() are a group of their own (its accept queue, nothing reads or
 *     writes them), sized with the accepted group from the workload's connections and unaccepted whenever an event
 *     changes either; connections closed with unsent data are one too (its orphans).</li>
 * </ul>
 */
public final class TimelineSimulation {

    /**
     * A pod's memory cgroup as far as socket memory goes.
     *
     * @param rules its pressure rules (the same ones as the node's, for a cgroup counter)
     */
    public record PodSetup(String name, boolean accounted, long limitPages, boolean hardLimit, PressureRules rules) {
    }

    /**
     * One workload, its pod index, socket rules and on-node peer index (-1: off node). {@code orphans} is the index
     * of the group that holds its connections closed with unsent data (-1: none); such a group lives
     * {@code orphanLifetimeSeconds} after the close unless the kernel resets it sooner. {@code acceptQueue} is the
     * index of the group that holds a listener's connections waiting for accept() (-1: none), at most
     * {@code acceptCapacity} of them; the workload's {@code connections} then counts both, and its listener's
     * {@code unaccepted} how many wait.
     */
    public record WorkloadSetup(int pod, Workload workload, SocketParameters socket, int peer, int orphans,
                                double orphanLifetimeSeconds, int acceptQueue, long acceptCapacity) {

        public WorkloadSetup(int pod, Workload workload, SocketParameters socket, int peer, int orphans,
                             double orphanLifetimeSeconds) {
            this(pod, workload, socket, peer, orphans, orphanLifetimeSeconds, -1, 0);
        }

        public WorkloadSetup(int pod, Workload workload, SocketParameters socket, int peer) {
            this(pod, workload, socket, peer, -1, Double.NaN);
        }
    }

    /** @param maxOrphans net.ipv4.tcp_max_orphans, node-wide */
    public record Setup(NodeTcpMemory tcpMem, List<PodSetup> pods, List<WorkloadSetup> workloads,
                        List<String> podNames, Timeline timeline, long maxOrphans) {

        public Setup(NodeTcpMemory tcpMem, List<PodSetup> pods, List<WorkloadSetup> workloads, List<String> podNames,
                     Timeline timeline) {
            this(tcpMem, pods, workloads, podNames, timeline, Long.MAX_VALUE);
        }
    }

    /** Raw output; the evaluator turns it into result records. */
    public record Output(double[] time, long[] nodePages, long[][] podPages, MemoryState worst,
                         Double firstPressureSeconds, Double firstHighSeconds, long peakPages, long finalPages,
                         long[] podPeak, long[] podFinal, long[] podPeakCharged, boolean[] podPressureReached,
                         double[] workloadPeakPagesPerConn, double[] workloadFinalPagesPerConn,
                         long[] workloadPeakPages, long[] workloadFinalPages, long[] podPagesAtNodePeak,
                         double[] workloadFinalReceiveQueue, double[] workloadFinalSendQueue,
                         List<List<double[]>> podPressureSpans, long[] orphansResetForMemory,
                         long[] orphansResetOverLimit, Double firstOrphanResetSeconds, long[] peakConnections,
                         long[] peakUnaccepted, long[] closedConnections,
                         dev.tcpmem.model.result.QueueBand[] workloadFinalBand) {
    }

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double PAGE = Pages.PAGE_SIZE;
    private static final double PER_PAGE = 1.0 / Pages.PAGE_SIZE;
    /** Page totals are kept exactly, in 1/4096 page. */
    private static final long Q = 4096;
    private static final double PER_Q = 1.0 / Q;

    // configuration
    private final int n;
    private final int podCount;
    private final NodeTcpMemory mem;
    private final int[] pod;
    private final int[] peer;
    private final double[] rtt;
    private final double[] invRtt;
    private final double[] k;
    private final int[] mss;
    private final double[] rmem0;
    private final double[] wmem0;
    private final double[] rcvCap;
    private final boolean[] rcvAuto;
    private final double[] sndCap;
    private final boolean[] sndAuto;
    private final int[] factor;
    private final long[] perMss;
    private final long[] lowat;
    private final long[] winClamp;
    private final long[] winMax;
    private final WindowRule[] rule;
    private final SocketParameters[] socketSetup;
    /** per workload: its orphan group (-1: none); per orphan group: whether it is one, and how long orphans live */
    private final int[] orphanGroup;
    private final boolean[] isOrphans;
    private final double[] orphanLife;
    private final long maxOrphans;
    private final long[] resetForMemory;
    private final long[] resetOverLimit;
    private final long[] peakConns;
    /**
     * per listener workload: its accept-queue group (-1: none), the queue's capacity, the workload's connections
     * (accepted, waiting and dropped) and how many of them wait for accept(), the most that waited at once
     */
    private final int[] acceptQueue;
    private final long[] acceptCap;
    private final long[] listenTotal;
    private final long[] unaccepted;
    private final long[] peakUnaccepted;
    /** Connections the application actually closed into each workload's orphan group (events may ask for more). */
    private final long[] closedConns;
    private Double firstOrphanReset;
    private final PriorityQueue<Action> actions = new PriorityQueue<>((a, b) -> a.time() != b.time()
            ? Double.compare(a.time(), b.time()) : Long.compare(a.seq(), b.seq()));
    private long seq;
    private final boolean[] podAccounted;
    private final boolean[] podHard;
    private final long[] podLimit;
    private final PressureRules nodeRules;
    private final PressureRules[] podRules;
    /** Truesize of the first skb a connection receives: what tcp_data_queue() forces into an empty queue. */
    private final double[] firstSkb;
    /** Workloads whose sockets are charging as they go (data flowing in and read, or sent and taken). */
    private final boolean[] flowing;
    /** Fraction of a receiving workload's connections served before a limit refused the rest from empty queues. */
    private final double[] servedFrac;
    private final double[] sndInit;
    private final int[] podFlowing;

    // current behaviour (changed by events)
    private final long[] conns;
    private final double[] inR;
    private final double[] outR;
    private final double[] readR;
    private final double[] peerReadR;
    private final double[] appR;
    private final WriterBehaviour[] writerOf;

    // state per connection
    private final double[] rx;
    private final double[] tx;
    private final double[] rcv;
    private final double[] snd;
    private final double[] ppc;
    private final double[] b0;

    // scratch
    private final double[] rx1;
    private final double[] tx1;
    private final double[] rxf;
    private final double[] txf;
    private final double[] pf;
    private final double[] p1;
    private final double[] podScale;
    private final long[] podTotal;

    private boolean globalPressure;
    // skipping work for workloads whose inputs did not change (results are identical either way)
    private final boolean[] changedW;
    private final int[] changedList;
    private int changedCount;
    private final boolean[] pending;
    private final int[] pendingList;
    private int pendingCount;
    private final long[] activeMark;
    private final int[] activeList;
    private int activeCount;
    private long stepNo;
    private final int[][] dependents;
    private final IntSet wanting;
    /**
     * Pods whose page total changed or whose own pressure flipped in the step just computed: the per-pod passes
     * after a step (series runs, pressure spans, totals) visit only these (all pods at every step was a tenth of an
     * evaluation of 50 pods: JFR, BENCHMARKS.md).
     */
    private final IntSet touchedPods;
    private final long[] forcedQ;
    private final long[] demandQ;
    private final long[] askQ;
    private final long[] sumQ;
    private final long[] podForcedQ;
    private final long[] podDemandQ;
    private final long[] podSumQ;
    /** per workload, pod and node: pages a draining reader's burst would add on top of its charge (DrainingReader) */
    private final long[] burstQ;
    private final long[] podBurstQ;
    private long burstTotalQ;
    private long forcedTotalQ;
    private long wantedQ;
    private long totalQ;
    private final double[] lastS;
    private final boolean[] podPressureUsed;
    private boolean envKnown;
    private boolean recomputeAll;
    private boolean socketsDirty = true;
    private final int[] podStart;
    private final double[] peakPpc;
    private final double[] peakWp;
    private boolean envPressure;
    private boolean envAboveLow;
    private boolean envOverHigh;
    private double envFair;
    private double envDt;
    private final boolean[] podPressure;
    private long total;
    private long wantedTotal;
    private final double[] wantB1;
    private final double[] pAsk;
    private long totalSockets;
    private boolean hasOrphanGroups;
    // work done, for the scaling tests (countWork)
    private long computedSteps;
    private long workloadUpdates;

    private TimelineSimulation(Setup s) {
        mem = s.tcpMem();
        nodeRules = PressureRules.node(mem);
        n = s.workloads().size();
        podCount = s.pods().size();
        pod = new int[n];
        peer = new int[n];
        rtt = new double[n];
        invRtt = new double[n];
        k = new double[n];
        mss = new int[n];
        rmem0 = new double[n];
        wmem0 = new double[n];
        rcvCap = new double[n];
        rcvAuto = new boolean[n];
        sndCap = new double[n];
        sndAuto = new boolean[n];
        factor = new int[n];
        perMss = new long[n];
        lowat = new long[n];
        winClamp = new long[n];
        winMax = new long[n];
        rule = new WindowRule[n];
        socketSetup = new SocketParameters[n];
        orphanGroup = new int[n];
        isOrphans = new boolean[n];
        orphanLife = new double[n];
        maxOrphans = s.maxOrphans();
        resetForMemory = new long[n];
        resetOverLimit = new long[n];
        peakConns = new long[n];
        acceptQueue = new int[n];
        acceptCap = new long[n];
        listenTotal = new long[n];
        unaccepted = new long[n];
        peakUnaccepted = new long[n];
        closedConns = new long[n];
        conns = new long[n];
        inR = new double[n];
        outR = new double[n];
        readR = new double[n];
        peerReadR = new double[n];
        appR = new double[n];
        writerOf = new WriterBehaviour[n];
        rx = new double[n];
        tx = new double[n];
        rcv = new double[n];
        snd = new double[n];
        ppc = new double[n];
        b0 = new double[n];
        wantB1 = new double[n];
        pAsk = new double[n];
        rx1 = new double[n];
        tx1 = new double[n];
        rxf = new double[n];
        txf = new double[n];
        pf = new double[n];
        p1 = new double[n];
        firstSkb = new double[n];
        servedFrac = new double[n];
        sndInit = new double[n];
        flowing = new boolean[n];
        for (int i = 0; i < n; i++) {
            WorkloadSetup ws = s.workloads().get(i);
            SocketParameters p = ws.socket();
            Workload w = ws.workload();
            pod[i] = ws.pod();
            peer[i] = ws.peer();
            orphanGroup[i] = ws.orphans();
            acceptQueue[i] = ws.acceptQueue();
            acceptCap[i] = ws.acceptCapacity();
            if (ws.orphans() >= 0) {
                isOrphans[ws.orphans()] = true;
                hasOrphanGroups = true;
                orphanLife[ws.orphans()] = ws.orphanLifetimeSeconds();
            }
            rtt[i] = p.rttSeconds();
            invRtt[i] = 1.0 / p.rttSeconds();
            k[i] = p.truesizePerByte();
            mss[i] = p.mss();
            rmem0[i] = p.rmem0();
            wmem0[i] = p.wmem0();
            rcvCap[i] = p.rcvbufMax();
            rcvAuto[i] = p.receiveAutotuning();
            sndCap[i] = p.sndbufMax();
            sndAuto[i] = p.sendAutotuning();
            factor[i] = p.sndbufExpandFactor();
            perMss[i] = p.sndbufPerMss();
            lowat[i] = p.notsentLowat();
            winClamp[i] = 65535L << p.windowScale();
            winMax[i] = p.windowMax();
            rule[i] = p.windowRule();
            socketSetup[i] = p;
            rcv[i] = p.rcvbufInitial();
            servedFrac[i] = 1;
            sndInit[i] = p.sndbufInitial();
            // the sender sizes an skb to at most half the largest window seen, 65535 unscaled in the SYN
            // (tcp_bound_to_half_wnd(), net/ipv4/tcp_output.c); a receiver under pressure clamps to 4 x advmss
            double synWindow = Math.min(65535, rule[i].winFromSpace(p.rcvbufInitial()));
            firstSkb[i] = Math.min(4.0 * p.mss(), synWindow / 2) * p.truesizePerByte();
            snd[i] = p.sndbufInitial();
            conns[i] = Math.max(0, w.connections());
            peakConns[i] = conns[i];
            inR[i] = w.inRate().bytesPerSecond();
            outR[i] = w.outRate().bytesPerSecond();
            readR[i] = readRate(w.reader());
            peerReadR[i] = readRate(w.peerReader());
            writerOf[i] = w.writer();
            appR[i] = appRate(w.writer(), outR[i]);
        }
        podAccounted = new boolean[podCount];
        podHard = new boolean[podCount];
        podLimit = new long[podCount];
        podRules = new PressureRules[podCount];
        podFlowing = new int[podCount];
        podPressure = new boolean[podCount];
        podScale = new double[podCount];
        java.util.Arrays.fill(podScale, 1);
        podTotal = new long[podCount];
        changedW = new boolean[n];
        changedList = new int[n];
        pending = new boolean[n];
        pendingList = new int[n];
        activeMark = new long[n];
        activeList = new int[n];
        wanting = new IntSet(n);
        touchedPods = new IntSet(podCount);
        forcedQ = new long[n];
        demandQ = new long[n];
        askQ = new long[n];
        sumQ = new long[n];
        podForcedQ = new long[podCount];
        podDemandQ = new long[podCount];
        burstQ = new long[n];
        podBurstQ = new long[podCount];
        podSumQ = new long[podCount];
        int[] depCount = new int[n];
        for (int i = 0; i < n; i++) {
            if (peer[i] >= 0) {
                depCount[peer[i]]++;
            }
        }
        dependents = new int[n][];
        for (int i = 0; i < n; i++) {
            dependents[i] = new int[depCount[i]];
            depCount[i] = 0;
        }
        for (int i = 0; i < n; i++) {
            if (peer[i] >= 0) {
                dependents[peer[i]][depCount[peer[i]]++] = i;
            }
        }
        lastS = new double[n];
        podPressureUsed = new boolean[podCount];
        peakPpc = new double[n];
        peakWp = new double[n];
        podStart = new int[podCount + 1];
        for (int i = 0, p = 0; p <= podCount; p++) {
            while (i < n && pod[i] < p) {
                i++;
            }
            podStart[p] = i;
        }
        for (int i = 1; i < n; i++) {
            if (pod[i] < pod[i - 1]) {
                throw new IllegalArgumentException("workloads must be listed pod by pod");
            }
        }
        for (int p = 0; p < podCount; p++) {
            PodSetup ps = s.pods().get(p);
            podAccounted[p] = ps.accounted();
            podHard[p] = ps.hardLimit();
            podLimit[p] = ps.limitPages();
            podRules[p] = ps.rules();
        }
        for (int i = 0; i < n; i++) {
            if (acceptQueue[i] >= 0) {
                // the listener's connections split into the accepted group and its accept queue's
                Workload w = s.workloads().get(i).workload();
                listenTotal[i] = conns[i];
                unaccepted[i] = w.listener().map(l -> l.unaccepted()).orElse(0L);
                splitAcceptQueue(i);
                peakConns[i] = conns[i];
            }
        }
    }

    static double readRate(ReaderBehaviour r) {
        if (r instanceof ReaderBehaviour.Drains) {
            return INF;
        }
        if (r instanceof ReaderBehaviour.ReadsAt a) {
            return a.rate().bytesPerSecond();
        }
        return 0;
    }

    static double appRate(WriterBehaviour w, double outRate) {
        return switch (w) {
            case IDLE -> 0;
            case RATE -> outRate;
            case BULK -> INF;
        };
    }

    /** Pages charged for this many truesize bytes per socket (sk_mem_pages(): whole pages, rounded up). */
    public static long pages(double bytes) {
        if (!(bytes > 0)) {
            return 0;
        }
        double x = bytes * PER_PAGE - 1e-9;
        long l = (long) x;
        return l < x ? l + 1 : l;
    }

    /**
     * Pages a socket holding bytes is charged, given it held b0 bytes charged p0 pages (p0 may be an average over
     * the group when a limit shared out whole pages): whole pages, never more than before when shrinking, never
     * less than before when growing, the same when unchanged.
     */
    static double charged(double bytes, double b0, double p0) {
        if (bytes == b0) {
            return p0;  // unchanged: keeps an average over unlike sockets (first come, first served) as it was
        }
        long p = pages(bytes);
        return bytes <= b0 ? Math.min(p0, p) : Math.max(p0, p);
    }

    /** A page total from a sum of per-workload doubles (integers unless a limit shared pages out). */
    static long whole(double pages) {
        return pages <= 0 ? 0 : (long) Math.floor(pages + 1e-6);
    }

    public static Output run(Setup s) {
        return new TimelineSimulation(s).simulate(s);
    }

    /** The same simulation recomputing every workload at every step: for tests of the incremental bookkeeping. */
    static Output runRecomputingEverything(Setup s) {
        TimelineSimulation sim = new TimelineSimulation(s);
        sim.recomputeAll = true;
        return sim.simulate(s);
    }

    /**
     * What a run did, for tests of how the cost scales: steps computed (others were skipped as unchanged), workload
     * updates (one per workload group recomputed in a step, never per connection) and pod passes (steps x pods).
     */
    record Work(long steps, long computedSteps, long workloadUpdates, long podPasses) {
    }

    /** Runs the simulation and reports the work it did instead of its output. */
    static Work countWork(Setup s) {
        TimelineSimulation sim = new TimelineSimulation(s);
        Output out = sim.simulate(s);
        return new Work(out.time().length, sim.computedSteps, sim.workloadUpdates, sim.computedSteps * sim.podCount);
    }

    private record Action(double time, long seq, int workload, WorkloadChange change, Double forSeconds) {
    }

    private Output simulate(Setup s) {
        Timeline tl = s.timeline();
        double dt = Math.max(1e-3, tl.stepMillis()) / 1000.0;
        double duration = Math.max(0, tl.durationSeconds());
        int steps = (int) Math.min(10_000_000, Math.ceil(duration / dt - 1e-9));
        for (TimelineEvent e : tl.events()) {
            int wi = indexOf(s, e.pod(), e.workload());
            if (wi >= 0) {
                actions.add(new Action(e.atSeconds(), seq++, wi, e.set(), e.forSeconds().orElse(null)));
            }
        }
        double[] time = new double[steps + 1];
        long[] nodeSeries = new long[steps + 1];
        long[][] podSeries = new long[podCount][steps + 1];
        long[] podPeak = new long[podCount];
        long[] podAtPeak = new long[podCount];
        long[] podPeakCharged = new long[podCount];
        boolean[] podPressureReached = new boolean[podCount];
        double[] wPeakPpc = peakPpc;
        long[] wPeakPages = new long[n];
        Double firstPressure = null;
        Double firstHigh = null;
        MemoryState worst = MemoryState.NORMAL;
        long peak = 0;
        boolean quiet = false;
        // per pod: {start, end} of each stretch under its own pressure (end NaN while still in it)
        List<List<double[]>> spans = new java.util.ArrayList<>();
        for (int p = 0; p < podCount; p++) {
            spans.add(new java.util.ArrayList<>());
        }
        long[] runValue = new long[podCount];
        int[] runFrom = new int[podCount];
        boolean[] spanOpen = new boolean[podCount];
        for (int i = 0; i <= steps; i++) {
            double tStart = i == 0 ? 0 : (i - 1) * dt;
            double step = i == 0 ? 0 : dt;
            boolean applied = false;
            while (!actions.isEmpty() && actions.peek().time() <= tStart + 1e-9) {
                Action a = actions.poll();
                WorkloadChange revert = apply(a.workload(), a.change(), a.time());
                applied = true;
                if (a.forSeconds() != null) {
                    actions.add(new Action(a.time() + Math.max(0, a.forSeconds()), seq++, a.workload(), revert, null));
                }
            }
            if (i > 0 && resetOrphans(tStart)) {
                applied = true;
            }
            long prevTotal = total;
            long prevWanted = wantedTotal;
            boolean ran = !(quiet && !applied) || recomputeAll;
            if (ran) {
                boolean changed = step(step);
                quiet = i > 0 && !changed; // a step of 0 s changing nothing says nothing about the next one
                if (firstPressure == null && i > 0 && prevTotal <= mem.pressure() && total > mem.pressure()) {
                    firstPressure = tStart + step * crossing(mem.pressure());
                }
                if (firstHigh == null && i > 0 && prevWanted <= mem.high() && wantedTotal > mem.high()) {
                    firstHigh = tStart + step * crossingWanted(mem.high());
                }
                if (firstPressure == null && globalPressure) {
                    // entered on a draining reader's burst (DrainingReader) while the charge stayed below tcp_mem[1]
                    firstPressure = i == 0 ? 0.0 : tStart + step;
                }
                if (i == 0) {
                    if (total > mem.pressure()) {
                        firstPressure = 0.0;
                    }
                    if (wantedTotal > mem.high()) {
                        firstHigh = 0.0;
                    }
                }
                worst = worst.worst(mem.state(globalPressure, Math.max(total, wantedTotal)));
                if (total > peak || i == 0) {
                    System.arraycopy(podTotal, 0, podAtPeak, 0, podCount);
                }
                peak = Math.max(peak, total);
                double tEnd = i == 0 ? 0 : Math.min(duration, i * dt);
                for (int tp = 0; tp < touchedPods.size(); tp++) {
                    int p = touchedPods.get(tp);
                    // the span lists are touched only when a pod's own pressure flips
                    if (podPressure[p] != spanOpen[p]) {
                        List<double[]> sp = spans.get(p);
                        if (podPressure[p]) {
                            podPressureReached[p] = true;
                            sp.add(new double[] {tEnd, Double.NaN});
                        } else {
                            sp.get(sp.size() - 1)[1] = tEnd;
                        }
                        spanOpen[p] = podPressure[p];
                    }
                }
            }
            time[i] = i == 0 ? 0 : Math.min(duration, i * dt);
            nodeSeries[i] = total;
            if (ran) {
                // a pod's series is written in runs when its total changes: writing every pod at every step
                // strides across all the arrays and was a third of an evaluation's time (JFR, BENCHMARKS.md)
                for (int tp = 0; tp < touchedPods.size(); tp++) {
                    int p = touchedPods.get(tp);
                    if (podTotal[p] != runValue[p]) {
                        podPeak[p] = Math.max(podPeak[p], podTotal[p]);
                        java.util.Arrays.fill(podSeries[p], runFrom[p], i, runValue[p]);
                        runValue[p] = podTotal[p];
                        runFrom[p] = i;
                    }
                }
                touchedPods.clear();
            }
        }
        for (int p = 0; p < podCount; p++) {
            java.util.Arrays.fill(podSeries[p], runFrom[p], steps + 1, runValue[p]);
        }
        for (int p = 0; p < podCount; p++) {
            podPeakCharged[p] = podAccounted[p] ? Math.multiplyExact(podPeak[p], Pages.PAGE_SIZE) : 0;
        }
        double[] wFinalPpc = new double[n];
        long[] wFinalPages = new long[n];
        for (int w = 0; w < n; w++) {
            wPeakPages[w] = Math.round(peakWp[w]);
            wFinalPpc[w] = conns[w] > 0 ? ppc[w] : 0;
            wFinalPages[w] = Math.round(conns[w] * ppc[w]);
        }
        long[] podFinal = podTotal.clone();
        return new Output(time, nodeSeries, podSeries, worst, firstPressure, firstHigh, peak, total, podPeak, podFinal,
                podPeakCharged, podPressureReached, wPeakPpc, wFinalPpc, wPeakPages, wFinalPages, podAtPeak,
                rx.clone(), tx.clone(), spans, resetForMemory.clone(), resetOverLimit.clone(), firstOrphanReset,
                peakConns.clone(), peakUnaccepted.clone(), closedConns.clone(), finalBands());
    }

    /**
     * The band around each workload's final queues where a rule that set them is an expected value (null where every
     * rule is exact): computed once from the final state, with the regime tests of the step (the same quantities the
     * rules used), and only where the final queue is that rule's value (not cut by a limit or pressure since).
     */
    private dev.tcpmem.model.result.QueueBand[] finalBands() {
        dev.tcpmem.model.result.QueueBand[] bands = new dev.tcpmem.model.result.QueueBand[n];
        for (int w = 0; w < n; w++) {
            if (conns[w] <= 0 || isOrphans[w]) {
                continue;
            }
            int pr = peer[w];
            double rLow = rx[w];
            double rHigh = rx[w];
            double tLow = tx[w];
            double tHigh = tx[w];
            String readWhy = null;
            String sendWhy = null;
            // a reader that keeps up with a bulk writer on the node (DrainingReader): CPU-bound
            if (pr >= 0 && readR[w] == INF && appR[pr] == INF) {
                long goal = SendBuffer.sizeGoal(mss[pr], winMax[w]);
                double[] b = DrainingReader.receiveQueueBand(snd[pr], goal, rcv[w]);
                if (rx[w] >= b[0] && rx[w] <= b[1]) {
                    rLow = b[0];
                    rHigh = b[1];
                    readWhy = "A reader on the node of a bulk writer holds anything from nothing to what the writer"
                            + " has unacknowledged (its sk_sndbuf + one skb): CPU scheduling decides; the model takes"
                            + " a reader that keeps up, one skb.";
                }
            }
            if (appR[w] == INF && servedFrac(pr) >= 1) {
                double peerWin = peerWindow(w);
                double peerRead = peerReadRate(w);
                long goal = SendBuffer.sizeGoal(mss[w], (long) peerWin);
                double sb = snd[w];
                double lo = sb;
                double hi = sb;
                String rule = null;
                if (peerStalled(w, peerRead)) {
                    double peerTook = peerTook(w, peerWin);
                    double[] b = SendBuffer.stalledWriterQueueBand(sb, sndInit[w], peerTook, goal);
                    sb = SendBuffer.stalledWriterQueue(sb, sndInit[w], peerTook, goal);
                    lo = b[0];
                    hi = b[1];
                    rule = "A blocked writer's send queue rests between 2/3 of sk_sndbuf (sk_stream_write_space() wakes"
                            + " it below that) and sk_sndbuf + one skb (tcp_sendmsg_locked() checks sk_sndbuf only before"
                            + " a new skb).";
                } else if (pr >= 0 && peerRead == INF) {
                    double[] b = DrainingReader.sendQueueBand(sb, goal);
                    lo = b[0];
                    hi = b[1];
                    rule = "A bulk writer facing a reader on its node holds anything from nothing to sk_sndbuf + one"
                            + " skb: CPU scheduling decides; the model takes a full sk_sndbuf.";
                }
                if (lowat[w] < SendBuffer.NOTSENT_LOWAT_UNLIMITED) {
                    double drain = Math.min(peerRead, peerWin * invRtt[w]);
                    double inFlight = drain * rtt[w];
                    double capped = SendBuffer.queuedTruesize(inFlight + SendBuffer.notsentAtRest(lowat[w], goal), goal);
                    if (capped < sb) {
                        double[] nb = SendBuffer.notsentBand(lowat[w], goal);
                        sb = capped;
                        lo = Math.min(lo, SendBuffer.queuedTruesize(inFlight + nb[0], goal));
                        hi = Math.min(hi, SendBuffer.queuedTruesizeAtMost(inFlight + nb[1], goal));
                        rule = "Under tcp_notsent_lowat the unsent bytes rest between lowat / 2 (tcp_stream_memory_free()"
                                + " wakes the writer only below that) and lowat + one skb (checked only before a new skb).";
                    }
                }
                // the band applies where the final queue is the rule's value (a limit or pressure may have cut it)
                if (rule != null && Math.abs(tx[w] - sb) <= 1e-6 * Math.max(1, sb) && lo <= tx[w] && tx[w] <= hi) {
                    tLow = lo;
                    tHigh = hi;
                    sendWhy = rule;
                }
            }
            String why = readWhy == null ? sendWhy : sendWhy == null ? readWhy : readWhy + " " + sendWhy;
            if (why != null && ppc[w] == pages(rx[w] + tx[w])) {
                bands[w] = new dev.tcpmem.model.result.QueueBand(rLow, rHigh, tLow, tHigh, pages(rLow + tLow),
                        pages(rHigh + tHigh), why);
            }
        }
        return bands;
    }

    /**
     * A peer that never reads: its window closes and the ACKs stop (SendBuffer.stalledPeerCwnd()). Not while w's pod or
     * node is under pressure, nor when the peer's window is clamped by its own pressure: that is the window's and
     * PressureRules' regime.
     */
    private boolean peerStalled(int w, double peerRead) {
        int pr = peer[w];
        boolean peerUnclamped = !(pr >= 0 && (globalPressure || podPressure[pod[pr]]));
        return peerRead == 0 && !(globalPressure || podPressure[pod[w]]) && peerUnclamped;
    }

    /**
     * What a stalled peer takes before its window closes: no more than its window, nor than its receive buffer holds
     * in payload (sk_rcvbuf less the skb heads).
     */
    private double peerTook(int w, double peerWin) {
        int pr = peer[w];
        return pr >= 0 ? Math.min(SendBuffer.stalledPeerPayload((long) rcv[pr]), peerWin) : peerWin;
    }

    /** The window w's peer offers now: on the node its current window (clamped under its pressure), else the largest. */
    private double peerWindow(int w) {
        int pr = peer[w];
        return pr >= 0 ? window(pr, globalPressure || podPressure[pod[pr]]) : winMax[w];
    }

    /** How fast w's peer reads: its reader on the node, else the scenario's peerReader. */
    private double peerReadRate(int w) {
        int pr = peer[w];
        return pr >= 0 ? readR[pr] : peerReadR[w];
    }

    private double servedFrac(int peerIndex) {
        return peerIndex >= 0 ? servedFrac[peerIndex] : 1;
    }

    /**
     * The kernel resets orphans in tcp_out_of_resources() (net/ipv4/tcp_timer.c) when their timer fires and
     * tcp_check_oom() (net/ipv4/tcp.c) finds either too many orphans (tcp_too_many_orphans(): more than
     * tcp_max_orphans node-wide) or the node out of TCP memory (tcp_out_of_memory(): the socket holds more than
     * SOCK_MIN_SNDBUF queued and tcp_memory_allocated is above tcp_mem[2]), logging "too many orphaned sockets" or
     * "out of memory -- consider tuning tcp_mem". The model resets them at the step the condition holds (their
     * probe timer fires within one RTO, at most TCP_RTO_MAX later). Returns whether any group changed.
     */
    private boolean resetOrphans(double now) {
        if (!hasOrphanGroups) {
            return false; // nothing to reset: skip the pass over every workload at every step
        }
        boolean any = false;
        boolean overHigh = wantedTotal > mem.high();
        long orphans = 0;
        for (int w = 0; w < n; w++) {
            if (!isOrphans[w] || conns[w] == 0) {
                continue;
            }
            if (overHigh && tx[w] > dev.tcpmem.kernel.SkbTruesize.SOCK_MIN_SNDBUF) {
                resetForMemory[w] += conns[w];
                apply(w, connectionsChange(0), now);
                any = true;
                if (firstOrphanReset == null) {
                    firstOrphanReset = now;
                }
            } else {
                orphans += conns[w];
            }
        }
        if (orphans > maxOrphans) {
            // every orphan's timer finds the count over the limit until it is back at the limit
            long keep = maxOrphans;
            for (int w = 0; w < n; w++) {
                if (isOrphans[w] && conns[w] > 0) {
                    long kept = Math.min(conns[w], (long) Math.floor((double) conns[w] * maxOrphans / orphans));
                    kept = Math.min(kept, keep);
                    keep -= kept;
                    resetOverLimit[w] += conns[w] - kept;
                    apply(w, connectionsChange(kept), now);
                    any = true;
                }
            }
        }
        return any;
    }

    private static WorkloadChange connectionsChange(long n) {
        return new WorkloadChange(java.util.Optional.of(n), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
    }

    private static int indexOf(Setup s, String podName, String workloadName) {
        for (int i = 0; i < s.workloads().size(); i++) {
            WorkloadSetup ws = s.workloads().get(i);
            if (ws.workload().name().equals(workloadName) && s.podNames().get(ws.pod()).equals(podName)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Applies a change at time {@code now} and returns the change that undoes it (closing is for good). On a listener
     * {@code connections} and {@code unaccepted} set the workload's totals, which the accepted and waiting groups
     * follow; closing then takes from the accepted ones; reader and writer changes reach the accepted group only
     * (nothing reads or writes a waiting connection), rate and peer changes both.
     */
    private WorkloadChange apply(int w, WorkloadChange c, double now) {
        int aq = acceptQueue[w];
        java.util.Optional<Long> oldConns = c.connections().map(x -> aq >= 0 ? listenTotal[w] : conns[w]);
        java.util.Optional<Long> oldUnaccepted = c.unaccepted().filter(x -> aq >= 0).map(x -> unaccepted[w]);
        java.util.Optional<dev.tcpmem.model.scenario.Rate> oldIn = c.inRate().map(x -> new dev.tcpmem.model.scenario.Rate(inR[w]));
        java.util.Optional<dev.tcpmem.model.scenario.Rate> oldOut = c.outRate().map(x -> new dev.tcpmem.model.scenario.Rate(outR[w]));
        java.util.Optional<ReaderBehaviour> oldReader = c.reader().map(x -> behaviour(readR[w]));
        java.util.Optional<WriterBehaviour> oldWriter = c.writer().map(x -> writerOf[w]);
        java.util.Optional<ReaderBehaviour> oldPeerReader = c.peerReader().map(x -> behaviour(peerReadR[w]));
        markPending(w);
        socketsDirty = true;
        if (aq < 0) {
            c.connections().ifPresent(v -> setConnections(w, v));
        } else if (c.connections().isPresent() || c.unaccepted().isPresent()) {
            c.connections().ifPresent(v -> listenTotal[w] = Math.max(0, v));
            c.unaccepted().ifPresent(v -> unaccepted[w] = Math.max(0, v));
            splitAcceptQueue(w);
        }
        c.closed().ifPresent(k -> {
            long closing = Math.min(Math.max(0, k), conns[w]);
            close(w, closing, now);
            if (aq >= 0) {
                listenTotal[w] -= closing; // the waiting ones stay as they are
            }
        });
        c.inRate().ifPresent(v -> inR[w] = v.bytesPerSecond());
        c.outRate().ifPresent(v -> outR[w] = v.bytesPerSecond());
        c.reader().ifPresent(v -> readR[w] = readRate(v));
        c.peerReader().ifPresent(v -> peerReadR[w] = readRate(v));
        c.writer().ifPresent(v -> writerOf[w] = v);
        appR[w] = appRate(writerOf[w], outR[w]);
        if (aq >= 0 && (c.inRate().isPresent() || c.outRate().isPresent() || c.peerReader().isPresent())) {
            // the peer still sends to a waiting connection and still reads what it sent
            inR[aq] = inR[w];
            outR[aq] = outR[w];
            peerReadR[aq] = peerReadR[w];
            appR[aq] = appRate(writerOf[aq], outR[aq]);
            markPending(aq);
        }
        return new WorkloadChange(oldConns, oldIn, oldOut, oldReader, oldWriter, oldPeerReader, oldUnaccepted);
    }

    /**
     * A listener's groups from its connections and how many wait for accept(): the queue holds the waiting ones up to
     * its capacity (sk_acceptq_is_full(): the kernel drops the rest's handshakes, so they hold nothing here); the
     * application has all the others.
     */
    private void splitAcceptQueue(int w) {
        long waiting = Math.min(unaccepted[w], listenTotal[w]);
        setConnections(w, listenTotal[w] - waiting);
        setConnections(acceptQueue[w], Math.min(waiting, acceptCap[w]));
        peakUnaccepted[w] = Math.max(peakUnaccepted[w], waiting);
    }

    private void setConnections(int g, long v) {
        if (conns[g] == 0 && v > 0) {
            // a group that had no connections has no state: the new ones start as fresh sockets
            rx[g] = 0;
            tx[g] = 0;
            ppc[g] = 0;
            rcv[g] = socketSetup[g].rcvbufInitial();
            snd[g] = socketSetup[g].sndbufInitial();
        }
        conns[g] = Math.max(0, v);
        peakConns[g] = Math.max(peakConns[g], conns[g]);
        markPending(g);
        socketsDirty = true;
    }

    private void markPending(int w) {
        if (!pending[w]) {
            pending[w] = true;
            pendingList[pendingCount++] = w;
        }
    }

    /**
     * The application closes k connections of w. tcp_close() (net/ipv4/tcp.c) resets a socket with unread data and
     * frees its receive queue; one with unsent data keeps its send queue and send buffer as an orphan that still
     * sends (FIN_WAIT1). In an orphan group of its own the closed connections keep w's per-connection send queue;
     * an orphan group closing some (its lifetime over) just loses them.
     */
    private void close(int w, long k, double now) {
        if (k <= 0) {
            return;
        }
        int og = orphanGroup[w];
        if (og >= 0) {
            long before = conns[og];
            long after = before + k;
            tx[og] = (tx[og] * before + tx[w] * k) / after;
            snd[og] = (snd[og] * before + snd[w] * k) / after;
            ppc[og] = (ppc[og] * before + pages(tx[w]) * k) / after;
            rx[og] = 0;
            rcv[og] = socketSetup[og].rcvbufInitial();
            conns[og] = after;
            closedConns[w] += k;
            peakConns[og] = Math.max(peakConns[og], after);
            markPending(og);
            // the kernel gives up on an orphan its peer does not take data from after tcp_orphan_retries probes
            actions.add(new Action(now + orphanLife[og], seq++, og, closeChange(k), null));
        }
        conns[w] -= k;
    }

    private static WorkloadChange closeChange(long k) {
        return new WorkloadChange(java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.of(k));
    }

    private static ReaderBehaviour behaviour(double rate) {
        if (rate == INF) {
            return ReaderBehaviour.DRAINS;
        }
        if (rate == 0) {
            return ReaderBehaviour.STALLED;
        }
        return new ReaderBehaviour.ReadsAt(new dev.tcpmem.model.scenario.Rate(rate));
    }

    /** One step; returns whether anything changed. Only workloads whose inputs changed are recomputed. */
    private boolean step(double dt) {
        stepNo++;
        if (socketsDirty) {
            long sum = 0;
            for (int w = 0; w < n; w++) {
                sum += conns[w];
            }
            totalSockets = sum;
            socketsDirty = false;
        }
        long sockets = totalSockets;
        boolean aboveLow = total >= mem.low();
        boolean overHigh = total > mem.high();
        double fairShare = globalPressure && nodeRules.fairShareUnderPressure() && sockets > 0
                ? (double) mem.high() * PAGE / sockets : INF;
        boolean envChanged = recomputeAll || !envKnown || envPressure != globalPressure || envAboveLow != aboveLow
                || envOverHigh != overHigh || envFair != fairShare || envDt != dt;
        envKnown = true;
        envPressure = globalPressure;
        envAboveLow = aboveLow;
        envOverHigh = overHigh;
        envFair = fairShare;
        envDt = dt;
        // which workloads to recompute: all when the node's situation changed, else those that changed last step,
        // those an event touched, those of a pod whose memcg pressure flipped, and whoever reads their window
        activeCount = 0;
        if (envChanged) {
            for (int w = 0; w < n; w++) {
                activate(w);
            }
        } else {
            for (int ci = 0; ci < changedCount; ci++) {
                activate(changedList[ci]);
            }
            for (int ci = 0; ci < pendingCount; ci++) {
                activate(pendingList[ci]);
            }
            for (int p = 0; p < podCount; p++) {
                if (podPressureUsed[p] != podPressure[p]) {
                    for (int w = podStart[p]; w < podStart[p + 1]; w++) {
                        activate(w);
                    }
                }
            }
            for (int ai = 0; ai < activeCount; ai++) { // grows: whoever reads a recomputed window, transitively
                for (int d : dependents[activeList[ai]]) {
                    activate(d);
                }
            }
            // in workload order, as a full pass would (a peer earlier in the order is seen after its update)
            boolean sorted = true;
            for (int ai = 1; ai < activeCount && sorted; ai++) {
                sorted = activeList[ai - 1] < activeList[ai];
            }
            if (!sorted) {
                if (activeCount * 8 > n) {
                    int k = 0;
                    for (int w = 0; w < n; w++) {
                        if (activeMark[w] == stepNo) {
                            activeList[k++] = w;
                        }
                    }
                } else {
                    java.util.Arrays.sort(activeList, 0, activeCount);
                }
            }
        }
        for (int p = 0; p < podCount; p++) {
            podPressureUsed[p] = podPressure[p];
        }
        for (int ci = 0; ci < pendingCount; ci++) {
            pending[pendingList[ci]] = false;
        }
        pendingCount = 0;
        for (int ci = 0; ci < changedCount; ci++) {
            changedW[changedList[ci]] = false;
        }
        changedCount = 0;
        boolean flagsChanged = false;
        for (int ai = 0; ai < activeCount; ai++) {
            int w = activeList[ai];
            boolean underP = globalPressure || podPressure[pod[w]];
            double r = rtt[w];
            double kk = k[w];
            double rcvb = rcv[w];
            double win = window(w, underP);
            // receive side
            int pr = peer[w];
            double inOff = pr >= 0 ? appR[pr] : inR[w];
            double ir = invRtt[w];
            double inEff = Math.min(inOff, win * ir);
            double rd = readR[w];
            double r0 = rx[w];
            boolean keepsUpWithBulk = rd == INF && inOff == INF;
            double base = keepsUpWithBulk
                    // a bulk peer on the node: only the window bounds arrivals, and a reader that keeps up holds one
                    // skb between reads, not a window (DrainingReader)
                    ? Math.min(DrainingReader.queuedPayload(mss[w], winMax[w], win) * kk, rcvb)
                    : Math.min(Math.min(inEff, rd) * r * kk, rcvb);
            double r1;
            if (rd == INF) {
                r1 = base;
            } else if (rd >= inEff) {
                r1 = Math.max(base, r0 - (rd - inEff) * kk * dt);
            } else {
                r1 = Math.max(base, Math.min(r0 + (inEff - rd) * kk * dt, Math.max(r0, rcvb)));
            }
            if (rcvAuto[w] && !underP && rd > 0 && rcvb < rcvCap[w]) {
                double copied = Math.min(inEff, rd) * r;
                double target = dev.tcpmem.model.socket.ReceiveBuffer.drsTarget(copied, mss[w], (long) rcvCap[w], rule[w]);
                if (target > rcvb) {
                    rcv[w] = target;
                    markChanged(w);
                }
            }
            // send side
            double peerWin = peerWindow(w);
            double peerRead = peerReadRate(w);
            double drain = Math.min(peerRead, peerWin * ir);
            double app = appR[w];
            double sb = snd[w];
            boolean peerStalled = peerStalled(w, peerRead);
            // only the stalled-peer rules below read what the peer took
            double peerTook = peerStalled ? peerTook(w, peerWin) : 0;
            if (sndAuto[w] && !underP && !aboveLow && sb < sndCap[w]) {
                long cwnd;
                if (peerStalled) {
                    // the ACKs stop when the stalled peer's window closes: cwnd stays where those packets left it
                    int peerWscale = pr >= 0 ? socketSetup[pr].windowScale() : socketSetup[w].windowScale();
                    long packets = SendBuffer.stalledPeerPackets((long) peerTook, peerWscale, mss[w]);
                    cwnd = SendBuffer.stalledPeerCwnd(socketSetup[w].bbr(), packets);
                } else {
                    // a flowing writer's congestion window grows to the peer's window (no path bottleneck is modelled)
                    double inflight = app == INF ? peerWin : Math.min(app, peerWin * ir) * r;
                    cwnd = (long) Math.ceil(Math.min(1e12, inflight) / mss[w]);
                }
                double target = SendBuffer.expandTarget(cwnd, factor[w], perMss[w], (long) sndCap[w]);
                if (target > sb) {
                    sb = target;
                    snd[w] = sb;
                    markChanged(w);
                }
            }
            if (app == INF && peerStalled) {
                // a bulk writer blocked against a stalled peer: its queue rests inside the band its last fill and
                // the 2/3-of-sk_sndbuf wake-up leave (SendBuffer.stalledWriterQueue()); under memory pressure the
                // model keeps the full sk_sndbuf, as before this rule (measured only through the memcg cases)
                sb = SendBuffer.stalledWriterQueue(sb, sndInit[w], peerTook, SendBuffer.sizeGoal(mss[w], (long) peerWin));
            }
            if (lowat[w] < SendBuffer.NOTSENT_LOWAT_UNLIMITED) {
                // tcp_notsent_lowat: in flight (one RTT of what the peer takes) + the unsent bytes at rest, in skbs
                // of size_goal (half the peer's window, whole MSS), never above sk_sndbuf
                long goal = SendBuffer.sizeGoal(mss[w], (long) peerWin);
                double unsent = drain * r + SendBuffer.notsentAtRest(lowat[w], goal);
                sb = Math.min(sb, SendBuffer.queuedTruesize(unsent, goal));
            }
            double t0 = tx[w];
            double t1;
            if (app == INF) {
                t1 = Math.max(sb, t0 - drain * kk * dt);
                double served = pr >= 0 ? servedFrac[pr] : 1;
                if (served < 1) {
                    // the peer's connections refused from the start never acknowledged data, so their send buffers
                    // never grew (tcp_sndbuf_expand() runs on ACKs, tcp_new_space()): they hold the initial sk_sndbuf
                    t1 = served * t1 + (1 - served) * Math.min(t1, sndInit[w]);
                }
            } else {
                double baseT = Math.min(Math.min(app, drain) * r * kk, sb);
                if (app <= drain) {
                    t1 = Math.max(baseT, t0 - (drain - app) * kk * dt);
                } else {
                    t1 = Math.max(baseT, Math.min(t0 + (app - drain) * kk * dt, Math.max(t0, sb)));
                }
            }
            if (rd > 0 && servedFrac[w] < 1) {
                servedFrac[w] = 1;  // the reader reads again: every connection's data flows, its sender sees ACKs
                markChanged(w);
            }
            boolean fl = (rd > 0 && inEff > 0) || (app > 0 && drain > 0);
            if (fl != flowing[w]) {
                flowing[w] = fl;
                podFlowing[pod[w]] += fl ? 1 : -1;
            }
            // forced minimums: tcp_rmem[0] / tcp_wmem[0] per socket are always granted
            // (the receive guarantee does not stand above tcp_mem[2]; the send one is forced: sk_forced_mem_schedule())
            // a cgroup at its limit skips the minimum (a failed memcg charge jumps to suppress_allocation); its
            // pressure flag stands for "at the limit" here (a charge that fits below the limit succeeds either way)
            boolean noMinimum = overHigh || podPressure[pod[w]] && !podRules[pod[w]].guaranteesMinimumUnderPressure();
            double rf = r1 <= r0 ? r1 : noMinimum ? r0 : Math.min(r1, Math.max(r0, rmem0[w]));
            double tf = t1 <= t0 ? t1 : Math.min(t1, Math.max(t0, wmem0[w]));
            double bf = rf + tf;
            double bb0 = r0 + t0;
            double bb1 = r1 + t1;
            // fair share under global pressure (net/core/sock.c __sk_mem_raise_allocated())
            wantB1[w] = bb1;
            double p0 = ppc[w];
            double pForced = charged(bf, bb0, p0);
            pAsk[w] = Math.max(pForced, charged(bb1, bb0, p0));
            double allowedBytes = Math.max(Math.max(bb0, fairShare), bf);
            if (bb1 > allowedBytes) {
                double frac = (allowedBytes - bf) / (bb1 - bf);
                r1 = rf + (r1 - rf) * frac;
                t1 = tf + (t1 - tf) * frac;
                bb1 = r1 + t1;
            }
            rx1[w] = r1;
            tx1[w] = t1;
            rxf[w] = rf;
            txf[w] = tf;
            b0[w] = bb0;
            double pWanted = bb1 == wantB1[w] ? pAsk[w] : Math.max(pForced, charged(bb1, bb0, p0));
            pf[w] = pForced;
            p1[w] = pWanted;
            long c = conns[w];
            long qf = q(pForced);
            long nf = c * qf;
            long nd = c * (q(pWanted) - qf);
            long na = c * q(pAsk[w]);
            int pw = pod[w];
            podForcedQ[pw] += nf - forcedQ[w];
            podDemandQ[pw] += nd - demandQ[w];
            forcedTotalQ += nf - forcedQ[w];
            wantedQ += na - askQ[w];
            forcedQ[w] = nf;
            demandQ[w] = nd;
            // what the sender's unacknowledged data would add if it landed at once: it does not stay (the reader keeps
            // up), but a limit below it is reached, so it counts for entering pressure, not for the pages charged
            long nb = 0;
            if (keepsUpWithBulk && pr >= 0) {
                double burst = Math.min(DrainingReader.burstPayload(mss[w], winMax[w], window(w, false), snd[pr]) * kk,
                        rcvb);
                nb = c * q(Math.max(0, pages(burst + t1) - pages(r1 + t1)));
            }
            podBurstQ[pw] += nb - burstQ[w];
            burstTotalQ += nb - burstQ[w];
            burstQ[w] = nb;
            askQ[w] = na;
            if (nd > 0) {
                wanting.add(w);
            } else {
                wanting.remove(w);
            }
        }
        // hard limits: memcg per pod, then tcp_mem[2] for the node
        double nodeDemand = 0;
        for (int p = 0; p < podCount; p++) {
            double s = 1;
            double demand = podDemandQ[p] * PER_Q;
            if (podAccounted[p] && podHard[p] && demand > 0) {
                double allowed = Math.max(0, podLimit[p] - podForcedQ[p] * PER_Q);
                s = Math.min(1, allowed / demand);
            }
            podScale[p] = s;
            nodeDemand += s * demand;
        }
        double nodeScale = nodeDemand > 0
                ? Math.min(1, Math.max(0, mem.high() - forcedTotalQ * PER_Q) / nodeDemand) : 1;
        for (int ai = 0; ai < activeCount; ai++) {
            int w = activeList[ai];
            commit(w, podScale[pod[w]] * nodeScale);
        }
        computedSteps++;
        workloadUpdates += activeCount;
        for (int wi = 0; wi < wanting.size(); wi++) {
            int w = wanting.get(wi);
            double s = podScale[pod[w]] * nodeScale;
            if (activeMark[w] != stepNo && s != lastS[w]) {
                commit(w, s);
                workloadUpdates++;
            }
        }
        for (int tp = 0; tp < touchedPods.size(); tp++) {
            int p = touchedPods.get(tp);
            podTotal[p] = podSumQ[p] / Q;
        }
        total = totalQ / Q;
        wantedTotal = wantedQ / Q;
        // the same rules for the node's counter and each pod's cgroup, parameterised by which counter it is
        // a draining reader's burst (DrainingReader.burstPayload) counts as charged for entering pressure and is
        // refused above the hard limit, like any other receive the counter cannot take
        long nodePeak = total + burstTotalQ / Q;
        boolean gp = nodeRules.nextPressureFlag(globalPressure, nodePeak, nodeScale < 1 || nodePeak > mem.high(),
                nodeScale > 0);
        if (gp != globalPressure) {
            flagsChanged = true;
        }
        globalPressure = gp;
        for (int p = 0; p < podCount; p++) {
            long podPeak = podTotal[p] + podBurstQ[p] / Q;
            boolean refused = podScale[p] < 1 || podRules[p].limited() && podPeak > podLimit[p];
            boolean charged = podScale[p] > 0 && (podDemandQ[p] > 0 || podFlowing[p] > 0 && podTotal[p] < podLimit[p]);
            boolean pp = podAccounted[p] && podRules[p].limited()
                    && podRules[p].nextPressureFlag(podPressure[p], podPeak, refused, charged);
            if (pp != podPressure[p]) {
                flagsChanged = true;
                touchedPods.add(p);
            }
            podPressure[p] = pp;
        }
        // the next step reads the node's new total: one that crossed tcp_mem[0] or tcp_mem[2] changes what it grants
        // even when no workload's state changed (connections an event removed lowered the total), so it is not quiet
        boolean envMoves = (total >= mem.low()) != aboveLow || (total > mem.high()) != overHigh;
        return flagsChanged || changedCount > 0 || envMoves;
    }

    /** Applies the share s (0..1) of its wanted growth that the limits allow to workload w. */
    private void commit(int w, double s) {
            lastS[w] = s;
            double r1 = rx1[w];
            double t1 = tx1[w];
            double pg;
            if (s < 1 && p1[w] > pf[w] && rx[w] == 0 && r1 > 0 && t1 <= txf[w] && p1[w] > 0) {
                // receive growth refused while the queues were empty: first come, first served. The connections whose data
                // arrived first fill as if unlimited until the limit is reached; every other one is refused with an
                // empty queue, where tcp_data_queue() forces its first skb in anyway (sk_forced_mem_schedule(), past
                // the limit) and drops the rest. The fraction served is what the limit allows of the average.
                double served = Math.min(1, (pf[w] + s * (p1[w] - pf[w])) / p1[w]);
                servedFrac[w] = served;
                double skb = Math.min(firstSkb[w], r1);
                double tForced = txf[w];
                r1 = served * r1 + (1 - served) * skb;
                t1 = served * t1 + (1 - served) * tForced;
                pg = served * p1[w] + (1 - served) * pages(skb + tForced);
            } else if (s < 1 && p1[w] > pf[w]) {
                // this workload's share of what the limit still allows, as an average over its sockets
                pg = pf[w] + s * (p1[w] - pf[w]);
                double capBytes = pg * PAGE;
                double bf = rxf[w] + txf[w];
                double bb1 = r1 + t1;
                if (bb1 > capBytes) {
                    double frac = bb1 > bf ? Math.max(0, (capBytes - bf) / (bb1 - bf)) : 0;
                    boolean txRefused = t1 > txf[w];
                    r1 = rxf[w] + (r1 - rxf[w]) * frac;
                    t1 = txf[w] + (t1 - txf[w]) * frac;
                    if (txRefused && sndAuto[w]) {
                        double m = SendBuffer.moderate(snd[w], t1);
                        if (m != snd[w]) {
                            snd[w] = m;
                            markChanged(w);
                        }
                    }
                } else {
                    pg = p1[w];
                }
            } else {
                pg = p1[w];
            }
            long qg = q(pg);
            pg = qg * PER_Q;
            if (r1 != rx[w] || t1 != tx[w] || pg != ppc[w]) {
                markChanged(w);
            }
            rx[w] = r1;
            tx[w] = t1;
            ppc[w] = pg;
            long c = conns[w];
            long ns = c * qg;
            if (ns != sumQ[w]) {
                touchedPods.add(pod[w]);
            }
            podSumQ[pod[w]] += ns - sumQ[w];
            totalQ += ns - sumQ[w];
            sumQ[w] = ns;
            if (c > 0 && pg > peakPpc[w]) {
                peakPpc[w] = pg;
            }
            double wp = (double) ns * PER_Q;
            if (wp > peakWp[w]) {
                peakWp[w] = wp;
            }
    }

    private void activate(int w) {
        if (activeMark[w] != stepNo) {
            activeMark[w] = stepNo;
            activeList[activeCount++] = w;
        }
    }

    private void markChanged(int w) {
        if (!changedW[w]) {
            changedW[w] = true;
            changedList[changedCount++] = w;
        }
    }

    /** Pages in units of 1/4096 page (exact for whole pages), rounded down. */
    private static long q(double pages) {
        return pages <= 0 ? 0 : (long) (pages * Q + 1e-6);
    }

    /** The current advertised window of workload w's sockets; 4 x advmss under pressure. */
    private double window(int w, boolean underPressure) {
        double win = Math.min(rule[w].winFromSpace((long) rcv[w]), winClamp[w]);
        if (underPressure) {
            win = Math.min(win, 4.0 * mss[w]);
        }
        return win;
    }

    /**
     * Fraction of the last step at which the node total first exceeded threshold, each workload's bytes moving
     * linearly from its start to its end value within the step (bisection; whole pages per socket).
     */
    private double crossing(long threshold) {
        return firstAbove(this::totalAt, threshold);
    }

    /** Like {@link #crossing} for what sockets asked to be charged, before tcp_mem[2] refused part of it. */
    private double crossingWanted(long threshold) {
        return firstAbove(this::wantedAt, threshold);
    }

    /** Bisection for the first fraction of the step at which total(tau) exceeds threshold. */
    private static double firstAbove(java.util.function.DoubleToLongFunction total, long threshold) {
        double lo = 0;
        double hi = 1;
        if (total.applyAsLong(0) > threshold) {
            return 0;
        }
        for (int it = 0; it < 60; it++) {
            double mid = (lo + hi) / 2;
            if (total.applyAsLong(mid) > threshold) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private long wantedAt(double tau) {
        long t = 0;
        for (int w = 0; w < n; w++) {
            if (activeMark[w] != stepNo) {
                t += askQ[w];
                continue;
            }
            double b = b0[w] + tau * (wantB1[w] - b0[w]);
            t += conns[w] * q(Math.min(pages(b), Math.max(pAsk[w], pages(b0[w]))));
        }
        return t / Q;
    }

    private long totalAt(double tau) {
        long t = 0;
        for (int w = 0; w < n; w++) {
            if (activeMark[w] != stepNo) {
                t += sumQ[w];
                continue;
            }
            double b = b0[w] + tau * (rx[w] + tx[w] - b0[w]);
            t += conns[w] * q(Math.min(pages(b), Math.max(ppc[w], pages(b0[w]))));
        }
        return t / Q;
    }

    /** A set of small ints with O(1) add, remove and indexed iteration. */
    static final class IntSet {
        private final int[] items;
        private final int[] pos;
        private int size;

        IntSet(int capacity) {
            items = new int[capacity];
            pos = new int[capacity];
            java.util.Arrays.fill(pos, -1);
        }

        void add(int v) {
            if (pos[v] < 0) {
                pos[v] = size;
                items[size++] = v;
            }
        }

        void remove(int v) {
            int i = pos[v];
            if (i >= 0) {
                int last = items[--size];
                items[i] = last;
                pos[last] = i;
                pos[v] = -1;
            }
        }

        int size() {
            return size;
        }

        void clear() {
            for (int i = 0; i < size; i++) {
                pos[items[i]] = -1;
            }
            size = 0;
        }

        int get(int i) {
            return items[i];
        }
    }
}
