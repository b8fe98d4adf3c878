package dev.tcpmem.model;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.model.result.EvaluationResult;
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
 * Not a test: times 50 pods x 5 workloads (4,000 connections each: a million in all), a 10-minute timeline at 100 ms
 * with a stall per pod; one workload per pod reads 1 B/s slower than it receives, so its queue changes every
 * step (no step can be skipped as unchanged). Run: java -cp target/classes:target/test-classes dev.tcpmem.model.TimelineBenchmark
 */
public final class TimelineBenchmark {

    private TimelineBenchmark() {
    }

    public static Scenario scenario() {
        return scenario(true);
    }

    /** adversarial: one workload per pod never settles (reads 1 B/s slower than it receives) and the node sits at high. */
    public static Scenario scenario(boolean adversarial) {
        List<Pod> pods = new ArrayList<>();
        List<TimelineEvent> events = new ArrayList<>();
        ReaderBehaviour[] readers = {ReaderBehaviour.DRAINS, ReaderBehaviour.STALLED,
                new ReaderBehaviour.ReadsAt(new Rate(adversarial ? 51_999 : 20_000)), ReaderBehaviour.DRAINS, ReaderBehaviour.DRAINS};
        WriterBehaviour[] writers = {WriterBehaviour.RATE, WriterBehaviour.IDLE, WriterBehaviour.BULK,
                WriterBehaviour.RATE, WriterBehaviour.IDLE};
        for (int p = 0; p < 50; p++) {
            List<Workload> ws = new ArrayList<>();
            for (int w = 0; w < 5; w++) {
                ws.add(new Workload("w" + w, 4000, 0.5 + w, new Rate(50_000 + 1000 * w), new Rate(30_000), readers[w],
                        writers[w], w == 3 ? ReaderBehaviour.STALLED : ReaderBehaviour.DRAINS, Optional.empty(),
                        Optional.empty(), 1500, Optional.empty()));
            }
            pods.add(new Pod("pod-" + p, Optional.of(Bytes.gib(8)), Optional.empty(),
                    p % 2 == 0 ? Map.of("net.ipv4.tcp_rmem", "4096 87380 16777216") : Map.of(), ws));
            events.add(new TimelineEvent(30 + p, "pod-" + p, "w0", new WorkloadChange(Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(ReaderBehaviour.STALLED), Optional.empty(), Optional.empty()),
                    Optional.of(60.0)));
        }
        return new Scenario("bench", "", new Node(Bytes.gib(256), 32, KernelVersion.of(6, 1), CgroupVersion.V2, Map.of()),
                pods, new Timeline(600, 100, events));
    }

    public static void main(String[] args) {
        boolean adversarial = args.length > 0 && args[0].equals("adversarial");
        Scenario s = scenario(adversarial);
        Map<String, String> d = Fixtures.defaults515("0 0 0");
        d.remove("net.ipv4.tcp_mem");
        EvaluationResult r = null;
        for (int i = 0; i < 200; i++) {
            r = ScenarioEvaluator.evaluate(s, d);
        }
        int runs = 200;
        long t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            r = ScenarioEvaluator.evaluate(s, d);
        }
        double ms = (System.nanoTime() - t0) / 1e6 / runs;
        System.out.printf((adversarial ? "adversarial: " : "typical: ") + "%.3f ms per evaluation (%d steps x 250 workloads); peak %d pages, state %s, pressure at %s%n",
                ms, r.series().size(), r.node().peakPages(), r.node().state(), r.node().firstPressureSeconds());
    }
}
