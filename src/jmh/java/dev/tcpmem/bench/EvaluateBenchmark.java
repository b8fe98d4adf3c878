package dev.tcpmem.bench;

import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.Scenario;

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
 * One evaluation as the app runs it on every edit ({@code ScenarioEvaluator.evaluate(scenario, catalog)}: kernel
 * defaults from the catalog, socket rules, 10-minute timeline at 100 ms), for the node sizes of issue 8.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1) // C2 recompiles the simulation for 6-7 s on 2 cores: 5 left the first measured iteration warming
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class EvaluateBenchmark {

    /** pods x workloads per pod / connections in all. */
    @Param({"1x1/1000", "50x5/1000000", "200x5/1000000"})
    public String node;

    @Param({"false"})
    public boolean adversarial;

    private Scenario scenario;
    private SysctlCatalog catalog;

    @Setup
    public void build() {
        String[] shape = node.split("[x/]");
        scenario = LargeScenarios.node(Integer.parseInt(shape[0]), Integer.parseInt(shape[1]), Long.parseLong(shape[2]),
                LargeScenarios.TEN_MINUTES, adversarial);
        catalog = SysctlCatalog.bundled();
    }

    @Benchmark
    public EvaluationResult evaluate() {
        return ScenarioEvaluator.evaluate(scenario, catalog);
    }
}
