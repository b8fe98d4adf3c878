package dev.tcpmem.cli;

import dev.tcpmem.io.InputFormatException;
import dev.tcpmem.io.Quantities;
import dev.tcpmem.io.calibration.AcceptQueueComparison;
import dev.tcpmem.io.calibration.AcceptQueueRecording;
import dev.tcpmem.io.calibration.CalibrationRecording;
import dev.tcpmem.io.calibration.FidelityComparison;
import dev.tcpmem.io.calibration.FidelityJson;
import dev.tcpmem.io.calibration.OrphanComparison;
import dev.tcpmem.io.calibration.OrphanRecording;
import dev.tcpmem.io.calibration.ProbeRecording;
import dev.tcpmem.io.calibration.ProbeRecordingReader;
import dev.tcpmem.io.calibration.RecordingComparison;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.result.NodeResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fidelity RECORDING... [--json]}: the model against recordings of the probes under tools/calibrate/ (probe.py,
 * accept_queue.py, orphans.py), made on this project's machine or on the user's own node, with the tolerances the
 * project holds itself to.
 */
@Command(name = "fidelity", mixinStandardHelpOptions = true,
        description = {"Compare the model with kernel recordings of tools/calibrate/probe.py, accept_queue.py or "
                + "orphans.py: for each recording, what the model says against what the kernel did, and whether it is "
                + "within the project's tolerances.",
                "Record your own node with: sudo python3 tools/calibrate/probe.py --out DIR (accept_queue.py and "
                        + "orphans.py: --out FILE.json)",
                "Exit 0 when every compared quantity is within tolerance and every exact rule matches, 1 when any is "
                        + "not (the comparison is still printed), 2 for bad input."})
public final class FidelityCommand implements Callable<Integer> {

    public static final int OUT_OF_TOLERANCE = 1;

    @Parameters(arity = "1..*", paramLabel = "RECORDING",
            description = "probe.py, accept_queue.py or orphans.py recordings (*.json), or folders holding them")
    List<Path> inputs;

    @Option(names = "--json", description = "one " + FidelityJson.FORMAT + " JSON object on stdout")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SysctlCatalog catalog = SysctlCatalog.bundled();
        ProbeRecordingReader reader = new ProbeRecordingReader(catalog);
        List<CalibrationRecording> recordings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files()) {
            try {
                recordings.add(reader.read(f));
            } catch (InputFormatException e) {
                problems.add(e.getMessage().split("\n")[0]);
            }
        }
        if (!problems.isEmpty()) {
            throw new UserInputException(String.join("\nerror: ", problems));
        }
        List<RecordingComparison> comparisons = new ArrayList<>();
        for (CalibrationRecording rec : recordings) {
            comparisons.add(RecordingComparison.of(rec, catalog));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? FidelityJson.toJson(comparisons) : text(comparisons));
        out.flush();
        return comparisons.stream().allMatch(RecordingComparison::within) ? TcpmemCommand.OK : OUT_OF_TOLERANCE;
    }

    /** The files named, folders expanded to the *.json in them (sorted); a folder without any is bad input. */
    private List<Path> files() {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : inputs) {
            if (!Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            List<Path> in;
            try (Stream<Path> s = Files.list(p)) {
                in = s.filter(f -> f.getFileName().toString().endsWith(".json") && !Files.isDirectory(f)).sorted().toList();
            } catch (IOException e) {
                throw new UserInputException(p + ": cannot list the folder: " + e.getMessage());
            }
            if (in.isEmpty()) {
                throw new UserInputException(p + ": no recordings (*.json) in this folder: record some with "
                        + "`sudo python3 tools/calibrate/probe.py --out " + p + "`, or name the files");
            }
            out.addAll(in);
        }
        return List.copyOf(out);
    }

    static String text(List<RecordingComparison> comparisons) {
        StringBuilder b = new StringBuilder();
        for (RecordingComparison c : comparisons) {
            if (c instanceof FidelityComparison f) {
                recording(b, f);
            } else if (c instanceof AcceptQueueComparison a) {
                acceptQueue(b, a);
            } else {
                orphans(b, (OrphanComparison) c);
            }
            b.append('\n');
        }
        long within = comparisons.stream().filter(RecordingComparison::within).count();
        long quantities = comparisons.stream().mapToLong(c -> c.quantities().size()).sum();
        long out = comparisons.stream().mapToLong(c -> c.outOfTolerance().size()).sum();
        long exact = comparisons.stream().mapToLong(c -> c.exact().size()).sum();
        long mismatched = comparisons.stream().mapToLong(c -> c.mismatches().size()).sum();
        long banded = comparisons.stream().mapToLong(c -> c.withBand().size()).sum();
        long inBand = comparisons.stream().mapToLong(c -> c.inBand().size()).sum();
        b.append(String.format(Locale.ROOT, "%d of %d recordings within tolerance (%d of %d quantities within, "
                + "%d of %d exact rules match)%n", within, comparisons.size(), quantities - out, quantities,
                exact - mismatched, exact));
        if (banded > 0) {
            b.append(String.format(Locale.ROOT, "%d of %d quantities the model gives a band for lie in it%n", inBand,
                    banded));
        }
        if (comparisons.stream().anyMatch(c -> c instanceof FidelityComparison)) {
            b.append("Tolerances: pages per socket ±10 % (at least 1 page); node pages ±10 % or ncpus × mem_pcpu_rsv pages"
                    + " (the node counter's per-CPU lag, 6.0+), whichever is larger; in a memory cgroup: receive and send"
                    + " queues ±15 % (at least 8192 bytes) and the cgroup's TCP usage ±15 % (at least 2 pages);"
                    + " getsockopt buffer sizes, buffer locks and window scale exactly. FIDELITY.md gives the reasons and"
                    + " the cases the model is known not to match.\n");
        }
        if (comparisons.stream().anyMatch(c -> c instanceof AcceptQueueComparison)) {
            b.append("Accept queue (accept_queue.py) tolerances: pages per waiting socket and the cgroup's TCP usage after accept()"
                    + " ±10 %; the connections the queue holds and the cgroup's usage while they wait exactly.\n");
        }
        if (comparisons.stream().anyMatch(c -> c instanceof OrphanComparison)) {
            b.append("Orphans (orphans.py) tolerances: the send queue an orphan keeps ±10 %, the seconds until the kernel dropped"
                    + " them ±3 % (RTO from the kernel's own samples, timer-wheel lateness, 0.2 s sampling); the orphans"
                    + " right after close() exactly.\n");
        }
        if (banded > 0) {
            b.append("Model band: where the model's value is an expected value of a quantity the kernel leaves anywhere"
                    + " in a band (a blocked writer's queue, tcp_notsent_lowat's unsent bytes, a reader on a bulk"
                    + " writer's node), the band and whether the measurement lies in it; it does not change the"
                    + " within/out verdict.\n");
            for (String why : comparisons.stream().flatMap(c -> c.withBand().stream())
                    .map(q -> q.band().get().why()).distinct().toList()) {
                b.append("  band: ").append(why).append('\n');
            }
        }
        return b.toString();
    }

    private static void recording(StringBuilder b, FidelityComparison c) {
        ProbeRecording rec = c.recording();
        NodeResult n = c.result().node();
        b.append(rec.name()).append("  (").append(rec.source()).append(")\n");
        b.append(String.format(Locale.ROOT, "  kernel %s measured, model profile %s%s; node MemTotal %d kB, %d CPUs, tcp_mem %d %d %d;"
                        + " %s%s%n", rec.kernelRelease(), rec.profile(), rec.profileExact() ? "" : " (nearest known)",
                rec.scenario().node().memory().value() / 1024, rec.scenario().node().cpus(),
                n.tcpMem().low(), n.tcpMem().pressure(), n.tcpMem().high(),
                rec.loopback() ? "loopback" : "veth", rec.draining() ? ", draining: means over the second half" : ""));
        for (String note : rec.notes()) {
            b.append("  note: ").append(note).append('\n');
        }
        for (ProbeRecording.Group g : rec.groups()) {
            if (g.writersDone() > 0) {
                b.append(String.format(Locale.ROOT, "  note: %d writers of group %s stopped at the probe's "
                        + "max_bytes_per_conn; the model's bulk writer never stops%n", g.writersDone(), g.name()));
            }
        }
        if (rec.underMemcg()) {
            ProbeRecording.Memcg m = rec.memcg().get();
            b.append(String.format(Locale.ROOT, "  memory cgroup (v1) of the %s: kmem.tcp limit %s%n",
                    String.join(" and ", m.roles()),
                    m.tcpLimitBytes().map(l -> Quantities.formatBytes(dev.tcpmem.kernel.Bytes.of(l)))
                            .orElse("none (the kernel then accounts nothing)")));
        }
        b.append(String.format(Locale.ROOT, "  %-22s %7s  %-18s %12s %12s %9s %12s  %-28s %s%n", "group/end", "conns",
                "quantity", "measured", "modelled", "error", "allowed ±", "model band", "verdict"));
        for (FidelityComparison.EndRow row : c.ends()) {
            String label = row.label();
            String conns = Long.toString(row.group().count());
            row(b, label, conns, "pages per socket", row.pagesPerSocket());
            row.receiveQueue().ifPresent(q -> row(b, label, conns, "recv queue bytes", q));
            row.sendQueue().ifPresent(q -> row(b, label, conns, "send queue bytes", q));
        }
        row(b, "node", "", "pages (sockstat Δ)", c.nodePages());
        c.memcgUsage().ifPresent(q -> row(b, "memory cgroup", "", "TCP usage pages", q));
        // columns as wide as their widest cell: a grown buffer's range ("11929638–15505955 / 131072→33554432") is long
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("exact: kernel / model", "SO_RCVBUF", "SO_SNDBUF", "rcvbuf (skmem rb)", "sndbuf (skmem tb)",
                "wscale", ""));
        for (FidelityComparison.EndRow row : c.ends()) {
            List<String> cells = new ArrayList<>();
            cells.add(row.label());
            for (FidelityComparison.ExactCheck x : row.exact()) {
                cells.add(x.kernel() + " / " + x.model() + (x.match() ? "" : " ≠"));
            }
            cells.add(row.exactMatch() ? "match" : "MISMATCH");
            rows.add(cells);
        }
        int[] width = new int[rows.get(0).size()];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                line.append("  ").append(r.get(i)).append(" ".repeat(width[i] - r.get(i).length()));
            }
            b.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        verdict(b, c);
    }

    private static void acceptQueue(StringBuilder b, AcceptQueueComparison c) {
        AcceptQueueRecording rec = c.recording();
        header(b, rec, String.format(Locale.ROOT, "accept queue (accept_queue.py): %d connections, listen() backlog %d,"
                + " somaxconn %d; the server in a memory cgroup (v1)", rec.connections(), rec.backlog(), rec.somaxconn()));
        verdicts(b, c);
    }

    private static void orphans(StringBuilder b, OrphanComparison c) {
        OrphanRecording rec = c.recording();
        header(b, rec, String.format(Locale.ROOT, "orphans (orphans.py): %d connections closed with full send queues,"
                + " tcp_orphan_retries %d, rtt %s ms", rec.connections(), rec.orphanRetries(), num(rec.rttMs())));
        verdicts(b, c);
    }

    private static void header(StringBuilder b, CalibrationRecording rec, String what) {
        b.append(rec.name()).append("  (").append(rec.source()).append(")\n");
        b.append(String.format(Locale.ROOT, "  kernel %s measured, model profile %s%s; %s%n", rec.kernelRelease(),
                rec.profile(), rec.profileExact() ? "" : " (nearest known)", what));
        for (String note : rec.notes()) {
            b.append("  note: ").append(note).append('\n');
        }
    }

    /** The quantities and exact rules of a recording of accept_queue.py or orphans.py, and its verdict. */
    private static void verdicts(StringBuilder b, RecordingComparison c) {
        int w = c.quantities().stream().mapToInt(q -> q.what().length()).max().orElse(0);
        b.append(String.format(Locale.ROOT, "  %-" + w + "s %12s %12s %9s %12s  %s%n", "quantity", "measured",
                "modelled", "error", "allowed ±", "verdict"));
        for (FidelityComparison.Quantity q : c.quantities()) {
            double err = q.errorPercent();
            b.append(String.format(Locale.ROOT, "  %-" + w + "s %12s %12s %9s %12s  %s%n", q.what(), num(q.measured()),
                    num(q.modelled()), Double.isFinite(err) ? String.format(Locale.ROOT, "%+.1f %%", err) : "n/a",
                    num(q.allowed()), q.within() ? "within" : "out"));
        }
        int x = c.exact().stream().mapToInt(e -> e.what().length()).max().orElse(0);
        x = Math.max(x, "exact rule".length());
        b.append(String.format(Locale.ROOT, "  %-" + x + "s  %s%n", "exact rule", "kernel / model"));
        for (FidelityComparison.ExactCheck e : c.exact()) {
            b.append(String.format(Locale.ROOT, "  %-" + x + "s  %s%n", e.what(),
                    e.kernel() + " / " + e.model() + (e.match() ? "  match" : "  MISMATCH")));
        }
        verdict(b, c);
    }

    private static void verdict(StringBuilder b, RecordingComparison c) {
        int counted = c.quantities().size();
        int out = c.outOfTolerance().size();
        int exact = c.exact().size();
        int mism = c.mismatches().size();
        b.append(String.format(Locale.ROOT, "  => %s: %d of %d quantities within tolerance, %d of %d exact rules match%n",
                c.within() ? "within" : "out", counted - out, counted, exact - mism, exact));
    }

    private static void row(StringBuilder b, String label, String conns, String what, FidelityComparison.Quantity q) {
        double err = q.errorPercent();
        String band = q.band().map(x -> num(x.low()) + "–" + num(x.high()) + (q.inBand().orElseThrow()
                ? ": in band" : ": outside")).orElse("");
        b.append(String.format(Locale.ROOT, "  %-22s %7s  %-18s %12s %12s %9s %12s  %-28s %s%n", label, conns, what,
                num(q.measured()), num(q.modelled()),
                Double.isFinite(err) ? String.format(Locale.ROOT, "%+.1f %%", err) : "n/a", num(q.allowed()), band,
                q.within() ? "within" : "out"));
    }

    /** Whole numbers as they are, others to one decimal. */
    static String num(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? String.format(Locale.ROOT, "%d", (long) Math.rint(v))
                : String.format(Locale.ROOT, "%.1f", v);
    }
}
