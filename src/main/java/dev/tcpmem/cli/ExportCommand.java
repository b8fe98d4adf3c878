package dev.tcpmem.cli;

import dev.tcpmem.chart.ChartExport;
import dev.tcpmem.chart.NodeMemoryChart;
import dev.tcpmem.chart.ScenarioCharts;
import dev.tcpmem.chart.SocketChart;
import dev.tcpmem.chart.SweepChart;
import dev.tcpmem.io.AtomicFiles;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.sweep.DefaultsSource;
import dev.tcpmem.model.sweep.SweepResult;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code export FILE --chart node|socket|sweep --out OUT.(png|svg|pdf) [--width W --height H]}, headless. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the chart the window shows for a scenario to PNG, SVG or PDF, headless.")
public final class ExportCommand implements Callable<Integer> {

    enum ChartKind { node, socket, sweep }

    @Parameters(index = "0", paramLabel = "FILE", description = "a *.tcpmem.json scenario")
    Path file;

    @Option(names = "--chart", required = true, paramLabel = "KIND", description = "node, socket or sweep")
    ChartKind chart;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "OUT.png, OUT.svg or OUT.pdf")
    Path out;

    @Option(names = "--width", defaultValue = "1200", description = "width in points/pixels (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", defaultValue = "700", description = "height (default: ${DEFAULT-VALUE})")
    int height;

    @Option(names = "--scale", defaultValue = "1", description = "PNG pixel density, e.g. 2 for print (default: ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--bytes", description = "memory in bytes instead of pages")
    boolean bytes;

    @Option(names = "--workload", paramLabel = "POD/WORKLOAD", description = "socket and sweep charts: the workload (default: the heaviest)")
    String workload;

    @Override
    public Integer call() throws Exception {
        if (width < 100 || width > 20000 || height < 100 || height > 20000) {
            throw new UserInputException("--width and --height must be from 100 to 20000");
        }
        if (!(scale > 0 && scale <= 8)) {
            throw new UserInputException("--scale must be above 0 and at most 8");
        }
        ChartExport.Format format;
        try {
            format = ChartExport.formatOf(out);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--out " + e.getMessage());
        }
        SysctlCatalog catalog = SysctlCatalog.bundled();
        Scenario s = ScenarioFiles.read(file, catalog);
        EvaluationResult r = ScenarioEvaluator.evaluate(s, catalog);
        JFreeChart c = switch (chart) {
            case node -> NodeMemoryChart.create(ScenarioCharts.node(s, r, !bytes));
            case socket -> SocketChart.create(ScenarioCharts.socket(s, r, workloadRef(s, r)).orElseThrow(() ->
                    new UserInputException(file + ": no workload " + workloadRef(s, r) + " to chart")));
            case sweep -> sweepChart(s, r, catalog);
        };
        AtomicFiles.write(out, ChartExport.bytes(c, format, width, height, scale));
        return TcpmemCommand.OK;
    }

    private JFreeChart sweepChart(Scenario s, EvaluationResult r, SysctlCatalog catalog) {
        ScenarioCharts.WorkloadRef ref = workloadRef(s, r);
        SweepResult sweep = ScenarioCharts.connectionsSweep(s, ref, DefaultsSource.catalog(catalog), 101);
        return SweepChart.create(ScenarioCharts.sweep(sweep, false,
                OptionalDouble.of(ScenarioCharts.currentConnections(s, ref)), !bytes));
    }

    private ScenarioCharts.WorkloadRef workloadRef(Scenario s, EvaluationResult r) {
        if (workload == null) {
            return ScenarioCharts.heaviestWorkload(r).orElseThrow(() ->
                    new UserInputException(file + ": the scenario has no workload to chart"));
        }
        int slash = workload.indexOf('/');
        if (slash <= 0) {
            throw new UserInputException("--workload " + workload + ": expected POD/WORKLOAD");
        }
        ScenarioCharts.WorkloadRef ref = new ScenarioCharts.WorkloadRef(workload.substring(0, slash), workload.substring(slash + 1));
        if (s.pod(ref.pod()).flatMap(p -> p.workload(ref.workload())).isEmpty()) {
            throw new UserInputException("--workload " + workload + ": no such workload in " + file);
        }
        return ref;
    }
}
