package dev.tcpmem.chart;

import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.RamDerivedDefaults;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.kernel.SysctlDefaults;
import dev.tcpmem.model.derivation.Derivation;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.NodeResult;
import dev.tcpmem.model.result.PodResult;
import dev.tcpmem.model.result.QueueBand;
import dev.tcpmem.model.result.WorkloadResult;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.sweep.SweepResult;
import dev.tcpmem.model.verdict.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A scenario report for a design document: Markdown with the charts as PNG images beside it, the sysctl changes
 * from the kernel defaults, the verdict and the derivation of the key numbers. Returns the files' bytes by name;
 * the caller writes them.
 */
public final class ScenarioReport {

    private ScenarioReport() {
    }

    public static Map<String, byte[]> build(Scenario s, EvaluationResult r, Optional<SweepResult> sweep,
                                            SysctlCatalog catalog, String baseName) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        String nodePng = baseName + "-node.png";
        files.put(nodePng, ChartExport.bytes(NodeMemoryChart.create(ScenarioCharts.node(s, r, true)), ChartExport.Format.PNG, 1200, 650, 2));
        Optional<ScenarioCharts.WorkloadRef> heavy = ScenarioCharts.heaviestWorkload(r);
        String socketPng = baseName + "-socket.png";
        heavy.flatMap(ref -> ScenarioCharts.socket(s, r, ref)).ifPresent(d -> put(files, socketPng, SocketChart.create(d)));
        String sweepPng = baseName + "-sweep.png";
        sweep.ifPresent(sw -> put(files, sweepPng, SweepChart.create(ScenarioCharts.sweep(sw, false, OptionalDouble.empty(), true))));

        StringBuilder md = new StringBuilder();
        Verdict v = Verdict.of(s, r);
        NodeResult n = r.node();
        md.append("# ").append(s.name()).append("\n\n");
        if (!s.description().isBlank()) {
            md.append(s.description()).append("\n\n");
        }
        md.append("**Verdict:** ").append(v.headline()).append("\n\n");
        v.details().forEach(d -> md.append("- ").append(d).append('\n'));
        md.append("\n## Node\n\n");
        md.append(String.format(Locale.ROOT, "| | |\n|---|---|\n| memory | %s |\n| CPUs | %d |\n| kernel | %s |\n| cgroup | %s |\n"
                        + "| tcp_mem (pages) | %,d / %,d / %,d |\n| peak | %,d pages (%s) |\n| first pressure | %s |\n| first high | %s |\n\n",
                human(s.node().memory().value()), s.node().cpus(), s.node().kernel(), s.node().cgroup().name().toLowerCase(Locale.ROOT),
                n.tcpMem().low(), n.tcpMem().pressure(), n.tcpMem().high(), n.peakPages(), human(n.peakPages() * r.pageSize()),
                seconds(n.firstPressureSeconds()), seconds(n.firstHighSeconds())));
        md.append("![Node TCP memory](").append(nodePng).append(")\n\n");
        md.append("## Sysctl changes from the kernel defaults\n\n");
        md.append(changes(s, catalog));
        md.append("\n## Pods\n\n| pod | workload | connections | peak pages / conn | final pages / conn | rcvbuf max"
                + " | sndbuf max | window max | BDP |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        // where the kernel leaves a final queue anywhere in a band, the model's value is its expected value: the
        // band beside it, and the kernel rule once per distinct rule as a numbered note under the table
        List<String> bandRules = new ArrayList<>();
        for (PodResult p : r.pods()) {
            for (WorkloadResult w : p.workloads()) {
                WorkloadResult.SocketResult so = w.socket();
                String fin = String.format(Locale.ROOT, "%,.1f", w.finalPagesPerConnection());
                if (w.finalBand().isPresent()) {
                    QueueBand b = w.finalBand().get();
                    int note = bandRules.indexOf(b.why());
                    if (note < 0) {
                        bandRules.add(b.why());
                        note = bandRules.size() - 1;
                    }
                    fin += String.format(Locale.ROOT, " (%,.0f–%,.0f)<sup>%d</sup>", b.pagesLow(), b.pagesHigh(), note + 1);
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,.1f | %s | %s | %s | %s | %s |%n", p.name(), w.name(),
                        w.connections(), w.peakPagesPerConnection(), fin, human(so.rcvbufMax()), human(so.sndbufMax()),
                        human(so.windowMax()), human(so.bdpBytes())));
            }
        }
        if (!bandRules.isEmpty()) {
            md.append("\nIn brackets: the range in which the kernel may leave that connection's pages; each note says"
                    + " why, and which point of the range the model gives.\n\n");
            for (int i = 0; i < bandRules.size(); i++) {
                md.append(i + 1).append(". ").append(bandRules.get(i)).append("\n");
            }
        }
        if (files.containsKey(socketPng)) {
            md.append("\n![Socket of ").append(heavy.get()).append("](").append(socketPng).append(")\n");
        }
        if (files.containsKey(sweepPng)) {
            md.append("\n![Sweep](").append(sweepPng).append(")\n");
        }
        md.append("\n## How the numbers are derived\n\n");
        for (Derivation d : n.derivations().values()) {
            md.append("```\n").append(d.explain()).append("\n```\n\n");
        }
        heavy.ifPresent(ref -> r.pods().stream().filter(p -> p.name().equals(ref.pod())).flatMap(p -> p.workloads().stream())
                .filter(w -> w.name().equals(ref.workload())).findFirst().ifPresent(w -> {
                    md.append("For ").append(ref).append(":\n\n");
                    w.socket().derivations().values().forEach(d -> md.append("```\n").append(d.explain()).append("\n```\n\n"));
                }));
        md.append("_Generated by TCP Memory Explorer; pages are ").append(r.pageSize()).append(" bytes._\n");
        files.put(baseName + ".md", md.toString().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** Markdown table of every sysctl the scenario sets that differs from the kernel's default. */
    static String changes(Scenario s, SysctlCatalog catalog) {
        KernelVersion k = s.node().kernel();
        RamDerivedDefaults ram = RamDerivedDefaults.of(s.node().memory());
        StringBuilder b = new StringBuilder("| where | sysctl | value | kernel default |\n|---|---|---|---|\n");
        int rows = 0;
        rows += rows(b, "node", s.node().sysctls(), catalog, k, ram);
        for (Pod p : s.pods()) {
            rows += rows(b, "pod " + p.name(), p.sysctls(), catalog, k, ram);
        }
        return rows == 0 ? "None: every sysctl is at its kernel default.\n" : b.toString();
    }

    private static int rows(StringBuilder b, String where, Map<String, String> values, SysctlCatalog catalog,
                            KernelVersion k, RamDerivedDefaults ram) {
        int n = 0;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String dflt = catalog.find(e.getKey()).flatMap(d -> SysctlDefaults.of(d, k, ram)).orElse("—");
            if (dflt.strip().replaceAll("\\s+", " ").equals(e.getValue())) {
                continue;
            }
            b.append("| ").append(where).append(" | `").append(e.getKey()).append("` | ").append(e.getValue()).append(" | ")
                    .append(dflt).append(" |\n");
            n++;
        }
        return n;
    }

    private static void put(Map<String, byte[]> files, String name, org.jfree.chart.JFreeChart chart) {
        try {
            files.put(name, ChartExport.bytes(chart, ChartExport.Format.PNG, 1200, 600, 2));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String human(long bytes) {
        return IecFormat.bytes(bytes);
    }

    private static String seconds(Double t) {
        return t == null ? "never" : String.format(Locale.ROOT, "%.1f s", t);
    }
}
