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
 * The 50 pods x 5 workloads node (a million connections) over a 10-minute and a 24-hour timeline at 100 ms steps
 * (6,001 and 864,001 points), typical and adversarial (one queue per pod changes at every step).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class TimelineBenchmark {

    @Param({"600", "86400"})
    public double seconds;

    @Param({"false", "true"})
    public boolean adversarial;

    private Scenario scenario;
    private SysctlCatalog catalog;

    @Setup
    public void build() {
        scenario = LargeScenarios.node(50, 5, 1_000_000, seconds, adversarial);
        catalog = SysctlCatalog.bundled();
    }

    @Benchmark
    public EvaluationResult timeline() {
        return ScenarioEvaluator.evaluate(scenario, catalog);
    }
}
