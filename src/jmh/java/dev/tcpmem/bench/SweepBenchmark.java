package dev.tcpmem.bench;

import dev.tcpmem.chart.ScenarioCharts;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.sweep.DefaultsSource;
import dev.tcpmem.model.sweep.Sweep;
import dev.tcpmem.model.sweep.SweepParameter;
import dev.tcpmem.model.sweep.SweepResult;

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
 * A 200-point sweep of one workload's connections (0 to 40x its count, so the node crosses pressure and high and both
 * bisections run), defaults from the catalog as the app's sweep chart takes them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class SweepBenchmark {

    @Param({"1x1/1000", "50x5/1000000"})
    public String node;

    @Param({"200"})
    public int points;

    private Scenario scenario;
    private DefaultsSource defaults;
    private SweepParameter parameter;
    private long current;

    @Setup
    public void build() {
        String[] shape = node.split("[x/]");
        scenario = LargeScenarios.node(Integer.parseInt(shape[0]), Integer.parseInt(shape[1]), Long.parseLong(shape[2]),
                LargeScenarios.TEN_MINUTES);
        defaults = DefaultsSource.catalog(SysctlCatalog.bundled());
        ScenarioCharts.WorkloadRef ref = new ScenarioCharts.WorkloadRef("pod-0", "w0");
        parameter = new SweepParameter.Connections(ref.pod(), ref.workload());
        current = ScenarioCharts.currentConnections(scenario, ref);
    }

    @Benchmark
    public SweepResult sweep() {
        return Sweep.run(scenario, defaults, parameter, 0, 40.0 * current * scenario.pods().size(), points);
    }
}
