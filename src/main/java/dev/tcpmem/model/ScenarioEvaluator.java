package dev.tcpmem.model;

import static dev.tcpmem.model.derivation.Derivation.input;

import dev.tcpmem.kernel.KernelProfile;
import dev.tcpmem.kernel.Pages;
import dev.tcpmem.kernel.RamDerivedDefaults;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.kernel.SysctlDefaults;
import dev.tcpmem.kernel.SysctlValue;
import dev.tcpmem.model.connection.AcceptQueue;
import dev.tcpmem.model.connection.ConnectionLimits;
import dev.tcpmem.model.connection.OrphanGroup;
import dev.tcpmem.model.derivation.Derivation;
import dev.tcpmem.model.derivation.Origin;
import dev.tcpmem.model.node.NodeTcpMemory;
import dev.tcpmem.model.result.AcceptQueueResult;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.NodeResult;
import dev.tcpmem.model.result.PodResult;
import dev.tcpmem.model.result.Series;
import dev.tcpmem.model.result.WorkloadResult;
import dev.tcpmem.model.scenario.CgroupVersion;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Timeline;
import dev.tcpmem.model.scenario.TimelineEvent;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.socket.SocketModel;
import dev.tcpmem.model.socket.SocketParameters;
import dev.tcpmem.model.sysctl.EffectiveSysctls;
import dev.tcpmem.model.timeline.TimelineSimulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the model on a scenario: socket rules per workload, then the timeline of the node's TCP memory. */
public final class ScenarioEvaluator {

    static final String TCP_MEM = "net.ipv4.tcp_mem";
    static final String MEM_PCPU_RSV = "net.core.mem_pcpu_rsv";
    static final String MAX_ORPHANS = "net.ipv4.tcp_max_orphans";

    private ScenarioEvaluator() {
    }

    /** Evaluates with the catalog's defaults for the node's kernel and memory. */
    public static EvaluationResult evaluate(Scenario scenario, SysctlCatalog catalog) {
        return evaluate(scenario, SysctlDefaults.forNode(catalog, scenario.node().kernel(), scenario.node().memory()));
    }

    /**
     * Evaluates with the given kernel defaults (name to text as sysctl prints it). Model sysctls missing from the
     * map take {@link KernelProfile#fallbackDefault} (tcp_mem from node RAM).
     */
    public static EvaluationResult evaluate(Scenario scenario, Map<String, String> kernelDefaults) {
        Prepared p = prepare(scenario, kernelDefaults);
        TimelineSimulation.Output out = TimelineSimulation.run(p.setup());
        return result(scenario, p, out);
    }

    /** The timeline simulation's input for a scenario (socket rules per workload, pods, tcp_mem). */
    public static TimelineSimulation.Setup simulationSetup(Scenario scenario, Map<String, String> kernelDefaults) {
        return prepare(scenario, kernelDefaults).setup();
    }

    /** Everything the simulation needs, computed once per evaluation. */
    record Prepared(KernelProfile profile, EffectiveSysctls nodeSysctls, NodeTcpMemory tcpMem,
                    List<SocketParameters> sockets, TimelineSimulation.Setup setup, long slackPages,
                    Map<String, Derivation> nodeDerivations, Map<String, Integer> workloadIndex,
                    List<AcceptQueue> queues, Map<String, Integer> queueIndex, int[] unchargedPod,
                    Map<String, Integer> orphanIndex, Map<String, Double> orphanLife, long maxOrphans) {
    }

    /** A workload's socket rules depend on its pod's sysctls and on everything but its name and connection count. */
    private record SocketKey(EffectiveSysctls sysctls, Workload shape) {
    }

    static Prepared prepare(Scenario scenario, Map<String, String> kernelDefaults) {
        KernelProfile profile = KernelProfile.of(scenario.node().kernel());
        RamDerivedDefaults ram = RamDerivedDefaults.of(scenario.node().memory());
        EffectiveSysctls nodeSys = EffectiveSysctls.forNode(kernelDefaults, scenario.node().sysctls(), profile, ram);
        SysctlValue.Triplet tm = nodeSys.triplet(TCP_MEM);
        NodeTcpMemory tcpMem = new NodeTcpMemory(tm.min(), tm.def(), tm.max());
        Map<String, Derivation> nd = new LinkedHashMap<>();
        Origin tmOrigin = nodeSys.origin(TCP_MEM);
        long buffer = ram.bufferPages();
        String tmFormula = tmOrigin == Origin.NODE ? "set on the node: " + tm.text()
                : "L = max(nr_free_buffer_pages / 16, 128) = max(" + buffer + " / 16, 128); low = L / 4 * 3, pressure = L,"
                + " high = 2 x low (kernel's value for this RAM: " + formatTriplet(ram.tcpMem()) + ")";
        List<Derivation.Input> tmIn = List.of(input(TCP_MEM, tm.text(), tmOrigin),
                input("node memory", scenario.node().memory().value(), Origin.SCENARIO),
                input("nr_free_buffer_pages", buffer, Origin.DERIVED));
        nd.put("tcpMem.low", new Derivation("tcpMem.low", tm.min(), "pages", tmFormula, tmIn, "tcp_init_mem()", "net/ipv4/tcp.c"));
        nd.put("tcpMem.pressure", new Derivation("tcpMem.pressure", tm.def(), "pages", tmFormula, tmIn, "tcp_init_mem()", "net/ipv4/tcp.c"));
        nd.put("tcpMem.high", new Derivation("tcpMem.high", tm.max(), "pages", tmFormula, tmIn, "tcp_init_mem()", "net/ipv4/tcp.c"));
        long rsv = nodeSys.find(MEM_PCPU_RSV).map(s -> s.value() instanceof SysctlValue.Scalar sc ? sc.value()
                : KernelProfile.SK_MEMORY_PCPU_RESERVE_PAGES).orElse(KernelProfile.SK_MEMORY_PCPU_RESERVE_PAGES);
        long slack = profile.accountingSlackPages(scenario.node().cpus(), rsv);
        nd.put("accountingSlackPages", new Derivation("accountingSlackPages", slack, "pages",
                profile.hasPerCpuReserve() ? "cpus x net.core.mem_pcpu_rsv = " + scenario.node().cpus() + " x " + rsv
                        : "0 (no per-CPU reserve before 6.0)",
                List.of(input("cpus", scenario.node().cpus(), Origin.SCENARIO), input(MEM_PCPU_RSV, rsv, Origin.KERNEL_DEFAULT)),
                "sk_memory_allocated_add(): per-CPU forward-alloc reserve", "include/net/proto_memory.h, net/core/sock.c"));

        List<TimelineSimulation.PodSetup> pods = new ArrayList<>();
        List<TimelineSimulation.WorkloadSetup> ws = new ArrayList<>();
        List<SocketParameters> sockets = new ArrayList<>();
        List<String> podNames = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        List<AcceptQueue> queues = new ArrayList<>();
        // accept queues charged to no memcg yet sit in pods of their own after the real ones (never pressured by
        // the pod's limit, still on the node's counter); the result folds them back into their pod
        List<TimelineSimulation.WorkloadSetup> uncharged = new ArrayList<>();
        List<String> unchargedKeys = new ArrayList<>();
        Map<String, Integer> queueIndex = new LinkedHashMap<>();
        Map<String, Integer> orphanIndex = new LinkedHashMap<>();
        Map<String, Double> orphanLife = new LinkedHashMap<>();
        int[] unchargedPod = new int[scenario.pods().size()];
        java.util.Arrays.fill(unchargedPod, -1);
        boolean v2 = scenario.node().cgroup() == CgroupVersion.V2;
        boolean chargedOnAccept = profile.memcgChargesOnAccept();
        int podCount = scenario.pods().size();
        // replicas share their sysctls and workload shapes: derive each distinct one once (pure functions)
        Map<Map<String, String>, EffectiveSysctls> podSys = new HashMap<>();
        Map<SocketKey, SocketParameters> socketRules = new HashMap<>();
        // each workload's own events, in file order: the queue and orphan rules read only those (one pass, not one
        // scan of every event per workload)
        Map<List<String>, List<TimelineEvent>> eventsOf = new HashMap<>();
        for (TimelineEvent e : scenario.timeline().events()) {
            eventsOf.computeIfAbsent(List.of(e.pod(), e.workload()), k -> new ArrayList<>()).add(e);
        }
        int pi = 0;
        for (Pod pod : scenario.pods()) {
            EffectiveSysctls sys = podSys.computeIfAbsent(pod.sysctls(), nodeSys::withPod);
            boolean accounted;
            long limitPages;
            boolean hard;
            if (v2) {
                accounted = true;
                limitPages = pod.memoryLimit().map(b -> b.value() / Pages.PAGE_SIZE).orElse(Long.MAX_VALUE);
                hard = profile.memcgV2HardFailure();
            } else {
                accounted = pod.tcpMemoryLimit().isPresent();
                limitPages = pod.tcpMemoryLimit().map(b -> b.value() / Pages.PAGE_SIZE).orElse(Long.MAX_VALUE);
                hard = true;
            }
            pods.add(new TimelineSimulation.PodSetup(pod.name(), accounted, limitPages, hard,
                    dev.tcpmem.model.node.PressureRules.memcg(v2, limitPages)));
            podNames.add(pod.name());
            List<TimelineSimulation.WorkloadSetup> queuedHere = new ArrayList<>();
            List<String> queuedHereKeys = new ArrayList<>();
            for (Workload w : pod.workloads()) {
                AcceptQueue q = AcceptQueue.of(pod.name(), w, sys,
                        eventsOf.getOrDefault(List.of(pod.name(), w.name()), List.of()), chargedOnAccept);
                // a listener's workload is its accepted connections' group; the simulation splits off the waiting ones
                SocketParameters sp = socketRules.computeIfAbsent(new SocketKey(sys, w.withName("").withConnections(0)),
                        k -> SocketModel.of(w, sys, profile));
                index.put(pod.name() + "/" + w.name(), ws.size());
                ws.add(new TimelineSimulation.WorkloadSetup(pi, w, sp, -1));
                sockets.add(sp);
                if (q != null) {
                    queues.add(q);
                    Workload waiting = q.waitingWorkload(w);
                    SocketParameters qsp = SocketModel.of(waiting, sys, profile);
                    if (chargedOnAccept) {
                        if (unchargedPod[pi] < 0) {
                            unchargedPod[pi] = podCount + (int) java.util.Arrays.stream(unchargedPod).filter(x -> x >= 0).count();
                        }
                        uncharged.add(new TimelineSimulation.WorkloadSetup(unchargedPod[pi], waiting, qsp, -1));
                        unchargedKeys.add(q.key());
                    } else {
                        queuedHere.add(new TimelineSimulation.WorkloadSetup(pi, waiting, qsp, -1));
                        queuedHereKeys.add(q.key());
                    }
                }
            }
            // queues charged to the pod (before 5.6) stay in it, after its own workloads
            for (int k = 0; k < queuedHere.size(); k++) {
                queueIndex.put(queuedHereKeys.get(k), ws.size());
                ws.add(queuedHere.get(k));
            }
            // connections closed with unsent data stay in the pod (an orphan keeps its memory cgroup) as a group
            // of their own: no reader, no writer, the send queue they had draining as the peer reads
            for (Workload w : pod.workloads()) {
                if (OrphanGroup.closesAny(pod.name(), w, eventsOf.getOrDefault(List.of(pod.name(), w.name()), List.of()))) {
                    Workload orphans = OrphanGroup.workload(w);
                    orphanIndex.put(pod.name() + "/" + w.name(), ws.size());
                    orphanLife.put(pod.name() + "/" + w.name(),
                            ConnectionLimits.orphanGiveUpSeconds(sys, w.rttMs() / 1000.0));
                    ws.add(new TimelineSimulation.WorkloadSetup(pi, orphans, SocketModel.of(orphans, sys, profile), -1));
                }
            }
            pi++;
        }
        int realWorkloads = ws.size();
        for (int p = 0; p < scenario.pods().size(); p++) {
            if (unchargedPod[p] >= 0) {
                String name = scenario.pods().get(p).name() + " (accept queue)";
                pods.add(new TimelineSimulation.PodSetup(name, false, Long.MAX_VALUE, false,
                        dev.tcpmem.model.node.PressureRules.memcg(v2, Long.MAX_VALUE)));
                podNames.add(name);
            }
        }
        for (int k = 0; k < uncharged.size(); k++) {
            queueIndex.put(unchargedKeys.get(k), ws.size());
            ws.add(uncharged.get(k));
        }
        // on-node peers, both directions (accepted connections only: queued ones have no application end yet)
        int[] peers = new int[ws.size()];
        java.util.Arrays.fill(peers, -1);
        for (int i = 0; i < realWorkloads; i++) {
            Workload w = ws.get(i).workload();
            if (w.peer().isPresent()) {
                Integer j = index.get(w.peer().get().pod() + "/" + w.peer().get().workload());
                if (j != null && j != i) {
                    peers[i] = j;
                    if (peers[j] < 0) {
                        peers[j] = i;
                    }
                }
            }
        }
        int[] orphansOf = new int[ws.size()];
        double[] lifeOf = new double[ws.size()];
        java.util.Arrays.fill(orphansOf, -1);
        orphanIndex.forEach((key, oi) -> {
            orphansOf[index.get(key)] = oi;
            lifeOf[index.get(key)] = orphanLife.get(key);
        });
        int[] queueOf = new int[ws.size()];
        long[] capacityOf = new long[ws.size()];
        java.util.Arrays.fill(queueOf, -1);
        for (AcceptQueue q : queues) {
            queueOf[index.get(q.key())] = queueIndex.get(q.key());
            capacityOf[index.get(q.key())] = q.capacity();
        }
        List<TimelineSimulation.WorkloadSetup> linked = new ArrayList<>();
        for (int i = 0; i < ws.size(); i++) {
            TimelineSimulation.WorkloadSetup s = ws.get(i);
            linked.add(new TimelineSimulation.WorkloadSetup(s.pod(), s.workload(), s.socket(), peers[i], orphansOf[i],
                    orphansOf[i] >= 0 ? lifeOf[i] : Double.NaN, queueOf[i], capacityOf[i]));
        }
        Timeline timeline = scenario.timeline();
        long maxOrphans = nodeSys.find(MAX_ORPHANS).map(x -> nodeSys.scalar(MAX_ORPHANS)).orElse(Long.MAX_VALUE);
        TimelineSimulation.Setup setup = new TimelineSimulation.Setup(tcpMem, pods, linked, podNames, timeline,
                maxOrphans);
        return new Prepared(profile, nodeSys, tcpMem, sockets, setup, slack, nd, index, queues, queueIndex, unchargedPod,
                orphanIndex, orphanLife, maxOrphans);
    }

    /** A socket rule by identity (hashing a rule would hash all its derivation texts) and an MTU. */
    private record RuleAndMtu(SocketParameters rule, int mtu) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RuleAndMtu k && k.rule == rule && k.mtu == mtu;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(rule) * 31 + mtu;
        }
    }

    /** The texts of a workload's pages-per-connection derivation (its value is set per workload). */
    private static Derivation perConnection(SocketParameters sp, int mtu) {
        return new Derivation("peakPagesPerConnection", 0, "pages",
                "ceil((receive queue + send queue truesize bytes) / 4096) at the peak; queued data is charged as "
                        + "64 KiB GSO/GRO skbs of " + sp.skbTruesize() + " truesize bytes per " + sp.skbPayload()
                        + " payload bytes",
                List.of(input("mtu", mtu, Origin.SCENARIO), input("skb truesize", sp.skbTruesize(),
                        Origin.KERNEL_CONSTANT), input("rcvbufMax", sp.rcvbufMax(), Origin.DERIVED),
                        input("sndbufMax", sp.sndbufMax(), Origin.DERIVED)),
                "sk_mem_pages(): whole pages per socket, skb->truesize charged",
                "include/net/sock.h, net/core/sock.c");
    }

    private static String formatTriplet(long[] t) {
        return t[0] + " " + t[1] + " " + t[2];
    }

    static EvaluationResult result(Scenario scenario, Prepared p, TimelineSimulation.Output out) {
        NodeTcpMemory tm = p.tcpMem();
        Map<String, Derivation> nd = new LinkedHashMap<>(p.nodeDerivations());
        nd.put("peakPages", new Derivation("peakPages", out.peakPages(), "pages",
                "max over the timeline of sum over workloads of connections x pages per connection",
                List.of(input("tcp_mem", tm.low() + " " + tm.pressure() + " " + tm.high(), Origin.DERIVED)),
                "tcp_memory_allocated is one node-wide counter for all network namespaces", "net/ipv4/tcp.c"));
        NodeResult node = new NodeResult(new NodeResult.TcpMem(tm.low(), tm.pressure(), tm.high()), out.peakPages(),
                out.finalPages(), out.worst(), out.firstPressureSeconds(), out.firstHighSeconds(), p.slackPages(), nd);
        List<PodResult> pods = new ArrayList<>();
        Map<String, long[]> podSeries = new LinkedHashMap<>();
        Map<String, AcceptQueue> queueByKey = new LinkedHashMap<>();
        p.queues().forEach(q -> queueByKey.put(q.key(), q));
        boolean v2 = scenario.node().cgroup() == CgroupVersion.V2;
        // replicas share their socket rules (the same SocketParameters instance, see prepare): their texts and socket
        // results are built once per distinct rule, not per workload (a tenth of an evaluation's time: JFR, BENCHMARKS.md)
        Map<RuleAndMtu, Derivation> perConnTexts = new HashMap<>();
        Map<SocketParameters, WorkloadResult.SocketResult> socketResults = new java.util.IdentityHashMap<>();
        for (int pi = 0; pi < scenario.pods().size(); pi++) {
            Pod pod = scenario.pods().get(pi);
            List<WorkloadResult> wrs = new ArrayList<>();
            for (Workload w : pod.workloads()) {
                String key = pod.name() + "/" + w.name();
                int wi = p.workloadIndex().get(key);
                SocketParameters sp = p.setup().workloads().get(wi).socket();
                double peakPpc = out.workloadPeakPagesPerConn()[wi];
                Derivation perConnText = perConnTexts.computeIfAbsent(new RuleAndMtu(sp, w.mtu()), k -> perConnection(sp, w.mtu()));
                Derivation perConn = new Derivation(perConnText.quantity(), peakPpc, perConnText.unit(), perConnText.formula(),
                        perConnText.inputs(), perConnText.rule(), perConnText.source());
                java.util.Optional<AcceptQueueResult> aq = java.util.Optional.empty();
                AcceptQueue q = queueByKey.get(key);
                if (q != null) {
                    int qi = p.queueIndex().get(key);
                    aq = java.util.Optional.of(q.result(out.peakUnaccepted()[wi], out.peakConnections()[qi],
                            out.workloadPeakPagesPerConn()[qi], out.workloadPeakPages()[qi], out.workloadFinalPages()[qi],
                            !p.profile().memcgChargesOnAccept()));
                }
                java.util.Optional<dev.tcpmem.model.result.OrphanResult> orphans = java.util.Optional.empty();
                Integer oi = p.orphanIndex().get(key);
                if (oi != null) {
                    orphans = java.util.Optional.of(OrphanGroup.result(out.closedConnections()[wi], out.peakConnections()[oi],
                            out.workloadPeakPagesPerConn()[oi], out.workloadPeakPages()[oi], p.orphanLife().get(key),
                            out.orphansResetForMemory()[oi], out.orphansResetOverLimit()[oi], p.maxOrphans()));
                }
                wrs.add(new WorkloadResult(w.name(), w.connections(), socketResults.computeIfAbsent(sp, WorkloadResult.SocketResult::of), peakPpc,
                        out.workloadFinalPagesPerConn()[wi], out.workloadPeakPages()[wi], out.workloadFinalPages()[wi],
                        perConn, aq, out.workloadFinalReceiveQueue()[wi], out.workloadFinalSendQueue()[wi], orphans,
                        java.util.Optional.ofNullable(out.workloadFinalBand()[wi])));
            }
            Long limit = v2 ? pod.memoryLimit().map(b -> b.value()).orElse(null)
                    : pod.tcpMemoryLimit().map(b -> b.value()).orElse(null);
            int qp = p.unchargedPod()[pi];
            long[] series = out.podPages()[pi];
            long peak = out.podPeak()[pi];
            long fin = out.podFinal()[pi];
            long atNodePeak = out.podPagesAtNodePeak()[pi];
            if (qp >= 0) {
                // the pod's own pages plus its accept queues', step by step, for what the pod holds on the node
                long[] extra = out.podPages()[qp];
                series = new long[series.length];
                peak = 0;
                for (int i = 0; i < series.length; i++) {
                    series[i] = out.podPages()[pi][i] + extra[i];
                    peak = Math.max(peak, series[i]);
                }
                fin += out.podFinal()[qp];
                atNodePeak += out.podPagesAtNodePeak()[qp];
            }
            pods.add(new PodResult(pod.name(), peak, fin, atNodePeak,
                    new PodResult.Memcg(out.podPeakCharged()[pi], limit, out.podPressureReached()[pi],
                            out.podPressureSpans().get(pi).stream().map(sp -> new PodResult.PressureSpan(sp[0],
                                    Double.isNaN(sp[1]) ? null : sp[1])).toList()), wrs));
            podSeries.put(pod.name(), series);
        }
        return new EvaluationResult(scenario.node().kernel(), Pages.PAGE_SIZE, node, pods,
                new Series(out.time(), out.nodePages(), podSeries));
    }
}
