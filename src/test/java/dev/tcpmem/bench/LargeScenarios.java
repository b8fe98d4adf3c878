package dev.tcpmem.bench;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.model.scenario.CgroupVersion;
import dev.tcpmem.model.scenario.Node;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Rate;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Timeline;
import dev.tcpmem.model.scenario.TimelineEvent;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WorkloadChange;
import dev.tcpmem.model.scenario.WriterBehaviour;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Big nodes built in code for the JMH benchmarks (src/jmh) and the scaling tests: no fixture files. Every pod runs the
 * same mix of up to five workloads (a rate writer, a stalled reader, a slow bulk receiver, a writer to a stalled peer,
 * an idle drain), every other pod sets its own tcp_rmem, and each pod's first workload stalls for a minute, one pod
 * after the other from 30 s on. The connections are shared out evenly over all workloads.
 */
public final class LargeScenarios {

    /** 10 minutes at 100 ms steps: 6,001 points. */
    public static final double TEN_MINUTES = 600;
    /** 24 hours at 100 ms steps: 864,001 points. */
    public static final double ONE_DAY = 86_400;

    private static final ReaderBehaviour[] READERS = {ReaderBehaviour.DRAINS, ReaderBehaviour.STALLED, null,
        ReaderBehaviour.DRAINS, ReaderBehaviour.DRAINS};
    private static final WriterBehaviour[] WRITERS = {WriterBehaviour.RATE, WriterBehaviour.IDLE, WriterBehaviour.BULK,
        WriterBehaviour.RATE, WriterBehaviour.IDLE};

    /** tcp_mem far above anything these nodes reach, so node limits never change the dynamics between sizes. */
    public static final String ROOMY_TCP_MEM = "1000000000000 2000000000000 3000000000000";

    private LargeScenarios() {
    }

    /**
     * n copies of one pod of five workloads (connectionsPerWorkload each), all stalling at 30 s for a minute, with no
     * memory limits and room in tcp_mem: n times the workloads and nothing else different, for linearity checks.
     */
    public static Scenario replicas(int n, long connectionsPerWorkload, double durationSeconds) {
        Scenario one = node(2, 5, 2 * 5 * connectionsPerWorkload, durationSeconds);
        Pod template = one.pods().get(1);
        TimelineEvent stall = one.timeline().events().get(0);
        List<Pod> pods = new ArrayList<>();
        List<TimelineEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pods.add(new Pod("replica-" + i, Optional.empty(), Optional.empty(), template.sysctls(), template.workloads()));
            events.add(new TimelineEvent(stall.atSeconds(), "replica-" + i, stall.workload(), stall.set(),
                    stall.forSeconds()));
        }
        return roomy(new Scenario("replicas-" + n, "", one.node(), pods, new Timeline(durationSeconds, 100, events)));
    }

    /** The scenario without pod memory limits and with room in tcp_mem: every connection behaves the same at any size. */
    public static Scenario roomy(Scenario s) {
        List<Pod> pods = new ArrayList<>();
        for (Pod p : s.pods()) {
            pods.add(new Pod(p.name(), Optional.empty(), Optional.empty(), p.sysctls(), p.workloads()));
        }
        Map<String, String> sysctls = new java.util.HashMap<>(s.node().sysctls());
        sysctls.put("net.ipv4.tcp_mem", ROOMY_TCP_MEM);
        Node n = s.node();
        return new Scenario(s.name(), s.description(), new Node(n.memory(), n.cpus(), n.kernel(), n.cgroup(), sysctls),
                pods, s.timeline());
    }

    /** The typical big node: queues settle between the stalls. */
    public static Scenario node(int pods, int workloadsPerPod, long totalConnections, double durationSeconds) {
        return node(pods, workloadsPerPod, totalConnections, durationSeconds, false);
    }

    /**
     * adversarial: the third workload of each pod reads 1 B/s slower than it receives, so its queue changes at every
     * step and no step can be skipped as unchanged.
     */
    public static Scenario node(int pods, int workloadsPerPod, long totalConnections, double durationSeconds,
                                boolean adversarial) {
        if (workloadsPerPod < 1 || workloadsPerPod > READERS.length) {
            throw new IllegalArgumentException("1 to " + READERS.length + " workloads per pod");
        }
        long perWorkload = Math.max(1, totalConnections / ((long) pods * workloadsPerPod));
        List<Pod> list = new ArrayList<>();
        List<TimelineEvent> events = new ArrayList<>();
        for (int p = 0; p < pods; p++) {
            List<Workload> ws = new ArrayList<>();
            for (int w = 0; w < workloadsPerPod; w++) {
                ReaderBehaviour reader = READERS[w] != null ? READERS[w]
                        : new ReaderBehaviour.ReadsAt(new Rate(adversarial ? 51_999 : 20_000));
                ws.add(new Workload("w" + w, perWorkload, 0.5 + w, new Rate(50_000 + 1000 * w), new Rate(30_000),
                        reader, WRITERS[w], w == 3 ? ReaderBehaviour.STALLED : ReaderBehaviour.DRAINS,
                        Optional.empty(), Optional.empty(), 1500, Optional.empty()));
            }
            list.add(new Pod("pod-" + p, Optional.of(Bytes.gib(8)), Optional.empty(),
                    p % 2 == 0 ? Map.of("net.ipv4.tcp_rmem", "4096 87380 16777216") : Map.of(), ws));
            events.add(new TimelineEvent(30 + p % 500, "pod-" + p, "w0", new WorkloadChange(Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(ReaderBehaviour.STALLED), Optional.empty(),
                    Optional.empty()), Optional.of(60.0)));
        }
        return new Scenario("bench-" + pods + "x" + workloadsPerPod, "built by LargeScenarios",
                new Node(Bytes.gib(256), 32, KernelVersion.of(6, 1), CgroupVersion.V2, Map.of()), list,
                new Timeline(durationSeconds, 100, events));
    }
}
