package dev.tcpmem.bench;

import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Timeline;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scaling checks of issue 8, one parameter at a time, each on a node that tells the same story at every size:
 * connections (the 50 pods x 5 workloads node with room in tcp_mem, 10 minutes at 100 ms, 1,000 vs 10,000,000
 * connections in all: within 1.2x); workloads (10 / 50 / 200 replicas of a 5-workload pod with room in tcp_mem, so
 * each replica does the same work: linear); steps (the adversarial 50-pod node with room in tcp_mem and no stall
 * events, whose every step is computed alike, over 1 / 10 / 100 minutes: linear). dev.tcpmem.bench.JmhReport checks the ratios.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ScalingBenchmark {

    @State(Scope.Benchmark)
    public static class Connections {
        @Param({"1000", "10000000"})
        public long connections;
        Scenario scenario;
        SysctlCatalog catalog;

        @Setup
        public void build() {
            // room in tcp_mem, no pod limits: the same story at both sizes (as ScalingWorkTest); with the node's own
            // tcp_mem the 10,000,000 reach tcp_mem[2] early and stop changing while the 1,000 keep changing
            scenario = LargeScenarios.roomy(LargeScenarios.node(50, 5, connections, LargeScenarios.TEN_MINUTES));
            catalog = SysctlCatalog.bundled();
        }
    }

    @State(Scope.Benchmark)
    public static class Pods {
        @Param({"10", "50", "200"})
        public int pods;
        Scenario scenario;
        SysctlCatalog catalog;

        @Setup
        public void build() {
            scenario = LargeScenarios.replicas(pods, 4000, LargeScenarios.TEN_MINUTES);
            catalog = SysctlCatalog.bundled();
        }
    }

    @State(Scope.Benchmark)
    public static class Steps {
        @Param({"60", "600", "6000"})
        public double seconds;
        Scenario scenario;
        SysctlCatalog catalog;

        @Setup
        public void build() {
            // the adversarial queues change at every step; without the stall events (all in the first minutes) and
            // with room in tcp_mem every step does the same work, so the cost per step can be compared over lengths
            Scenario a = LargeScenarios.roomy(LargeScenarios.node(50, 5, 1_000_000, seconds, true));
            scenario = new Scenario(a.name(), a.description(), a.node(), a.pods(),
                    new Timeline(seconds, 100, java.util.List.of()));
            catalog = SysctlCatalog.bundled();
        }
    }

    @Benchmark
    public EvaluationResult connections(Connections c) {
        return ScenarioEvaluator.evaluate(c.scenario, c.catalog);
    }

    @Benchmark
    public EvaluationResult pods(Pods p) {
        return ScenarioEvaluator.evaluate(p.scenario, p.catalog);
    }

    @Benchmark
    public EvaluationResult steps(Steps s) {
        return ScenarioEvaluator.evaluate(s.scenario, s.catalog);
    }
}
