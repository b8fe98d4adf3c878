package dev.tcpmem.cli;

import dev.tcpmem.chart.ScenarioCharts;
import dev.tcpmem.chart.ScenarioReport;
import dev.tcpmem.io.AtomicFiles;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.sweep.DefaultsSource;
import dev.tcpmem.model.sweep.SweepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code report FILE --out DIR}: a Markdown report with the charts as PNG files, for a design document. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a Markdown report (verdict, sysctl changes, per-workload numbers, derivations) with the "
                + "node, socket and sweep charts as PNG images beside it.")
public final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "a *.tcpmem.json scenario")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for report.md and its images")
    Path out;

    @Option(names = "--name", defaultValue = "report", description = "base name of the files (default: ${DEFAULT-VALUE})")
    String name;

    @Override
    public Integer call() throws Exception {
        if (!name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new UserInputException("--name " + name + ": use letters, digits, '.', '_' or '-'");
        }
        SysctlCatalog catalog = SysctlCatalog.bundled();
        Scenario s = ScenarioFiles.read(file, catalog);
        EvaluationResult r = ScenarioEvaluator.evaluate(s, catalog);
        Optional<SweepResult> sweep = ScenarioCharts.heaviestWorkload(r)
                .map(ref -> ScenarioCharts.connectionsSweep(s, ref, DefaultsSource.catalog(catalog), 101));
        Files.createDirectories(out);
        for (Map.Entry<String, byte[]> f : ScenarioReport.build(s, r, sweep, catalog, name).entrySet()) {
            AtomicFiles.write(out.resolve(f.getKey()), f.getValue());
        }
        return TcpmemCommand.OK;
    }
}
