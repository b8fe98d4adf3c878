package dev.tcpmem.bench;

import dev.tcpmem.chart.NodeChartData;
import dev.tcpmem.chart.NodeMemoryChart;
import dev.tcpmem.chart.ScenarioCharts;
import dev.tcpmem.chart.SocketChartData;
import dev.tcpmem.chart.SweepChartData;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.sweep.DefaultsSource;
import dev.tcpmem.model.sweep.SweepResult;

import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

import org.jfree.chart.JFreeChart;
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
 * Building the charts' datasets from an evaluation (chart.ScenarioCharts): the node chart as the live window draws it
 * (at most 600 points per series) and as exports draw it (every step), the live node chart's JFreeChart with its
 * datasets, the socket chart and the sweep chart.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Djava.awt.headless=true"})
public class ChartDataBenchmark {

    @Param({"50x5/1000000", "200x5/1000000"})
    public String node;

    private Scenario scenario;
    private EvaluationResult result;
    private ScenarioCharts.WorkloadRef heaviest;
    private SweepResult sweep;

    @Setup
    public void build() {
        String[] shape = node.split("[x/]");
        scenario = LargeScenarios.node(Integer.parseInt(shape[0]), Integer.parseInt(shape[1]), Long.parseLong(shape[2]),
                LargeScenarios.TEN_MINUTES);
        SysctlCatalog catalog = SysctlCatalog.bundled();
        result = ScenarioEvaluator.evaluate(scenario, catalog);
        heaviest = ScenarioCharts.heaviestWorkload(result).orElseThrow();
        sweep = ScenarioCharts.connectionsSweep(scenario, heaviest, DefaultsSource.catalog(catalog), 41);
    }

    @Benchmark
    public NodeChartData nodeLive() {
        return ScenarioCharts.node(scenario, result, false, 600);
    }

    @Benchmark
    public NodeChartData nodeExport() {
        return ScenarioCharts.node(scenario, result, false);
    }

    @Benchmark
    public JFreeChart nodeLiveChart() {
        return NodeMemoryChart.create(ScenarioCharts.node(scenario, result, false, 600));
    }

    @Benchmark
    public SocketChartData socket() {
        return ScenarioCharts.socket(scenario, result, heaviest).orElseThrow();
    }

    @Benchmark
    public SweepChartData sweep() {
        return ScenarioCharts.sweep(sweep, false, OptionalDouble.of(ScenarioCharts.currentConnections(scenario, heaviest)),
                false);
    }
}
