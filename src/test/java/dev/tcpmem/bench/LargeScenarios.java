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

    private LargeScenarios() {
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
