package dev.tcpmem.ui;

import dev.tcpmem.chart.ChartExport;
import dev.tcpmem.chart.ScenarioReport;
import dev.tcpmem.io.AtomicFiles;
import dev.tcpmem.io.InputFormatException;
import dev.tcpmem.io.TuningExport;
import dev.tcpmem.io.importers.ImportException;
import dev.tcpmem.io.importers.ImportInput;
import dev.tcpmem.io.importers.ImportResult;
import dev.tcpmem.io.importers.PodManifestImporter;
import dev.tcpmem.io.importers.SockstatImporter;
import dev.tcpmem.io.importers.SsImporter;
import dev.tcpmem.io.importers.SysctlDumpImporter;
import dev.tcpmem.io.SampleScenarios;
import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.io.ScenarioWriter;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.ui.explorer.SysctlExplorerViewModel;
import dev.tcpmem.ui.topology.TopologyViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import dev.tcpmem.chart.ScenarioCharts;
import dev.tcpmem.model.node.MemoryState;
import dev.tcpmem.model.result.PodResult;
import dev.tcpmem.model.result.WorkloadResult;
import dev.tcpmem.ui.charts.Evaluation;
import dev.tcpmem.ui.charts.LatencyStats;
import dev.tcpmem.ui.charts.LiveEvaluation;
import dev.tcpmem.ui.charts.SweepTarget;
import java.util.Map;

/**
 * The main window's state and commands: the open scenario document, the panels' view models, and file
 * commands (new, open, open sample, save, save as) with the "unsaved changes" guard.
 */
public final class MainWindowViewModel {

    public static final String EXTENSION = ".tcpmem.json";

    private final SysctlCatalog catalog;
    private final AppSettings settings;
    private final ScenarioReader reader;
    private final ScenarioDocument document;
    private final SysctlExplorerViewModel explorer;
    private final TopologyViewModel topology;
    private final dev.tcpmem.ui.timeline.TimelineViewModel timeline;
    private final LiveEvaluation live;
    private final LatencyStats latency = new LatencyStats(500);
    private final Autosave autosave;
    private final TimingDiagnostics timing = new TimingDiagnostics(latency);
    private DialogService dialogs;

    // Properties //

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(false);
    private final BooleanProperty showPages = new SimpleBooleanProperty(false);
    private final BooleanProperty diagnostics = new SimpleBooleanProperty(false);
    private final ObjectProperty<ScenarioCharts.WorkloadRef> selectedWorkload = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<MemoryState> state = new ReadOnlyObjectWrapper<>(MemoryState.NORMAL);

    public MainWindowViewModel(SysctlCatalog catalog, AppSettings settings, Scenario initial, Path initialFile) {
        this.catalog = catalog;
        this.settings = settings;
        this.reader = new ScenarioReader(catalog);
        this.document = new ScenarioDocument(initial, initialFile);
        this.explorer = new SysctlExplorerViewModel(document, catalog);
        this.topology = new TopologyViewModel(document);
        this.timeline = new dev.tcpmem.ui.timeline.TimelineViewModel(document);
        this.live = new LiveEvaluation(catalog);
        explorer.targetPodProperty().bind(topology.selectedPodProperty());
        explorer.setOnTouched(this::touched);
        topology.setOnTouched(this::touched);
        selectedWorkload.bind(Bindings.createObjectBinding(() -> topology.selectedPodProperty().get() == null
                        || topology.selectedWorkloadProperty().get() == null ? null
                        : new ScenarioCharts.WorkloadRef(topology.selectedPodProperty().get(), topology.selectedWorkloadProperty().get()),
                topology.selectedPodProperty(), topology.selectedWorkloadProperty()));
        document.scenarioProperty().addListener((o, a, b) -> live.request(b, document.lastEditNanos()));
        live.latestProperty().addListener((o, a, e) -> showEvaluation(e));
        title.bind(Bindings.createStringBinding(() -> (document.modifiedProperty().get() ? "• " : "")
                        + document.scenario().name()
                        + Optional.ofNullable(document.fileProperty().get()).map(f -> " — " + f.getFileName()).orElse("")
                        + " — " + DesktopApp.TITLE,
                document.scenarioProperty(), document.fileProperty(), document.modifiedProperty()));
        darkTheme.set(settings.darkTheme());
        showPages.set(settings.showPages());
        darkTheme.addListener((o, a, b) -> settings.setDarkTheme(b));
        showPages.addListener((o, a, b) -> settings.setShowPages(b));
        this.autosave = new Autosave(document, new RecoveryStore(settings.recoveryDirectory()), Autosave.QUIET,
                message -> {
                    if (dialogs != null) {
                        dialogs.showError("Autosave is not working", message);
                    }
                });
    }

    /**
     * What the window opens on: the file given on the command line, else the scenario last open, else the seed's
     * Cassandra sample — so the first thing a user sees is a node, its pods and the chart.
     */
    public static MainWindowViewModel startup(SysctlCatalog catalog, AppSettings settings, String argument,
                                              List<String> problems) {
        Opening o = opening(catalog, settings, argument);
        problems.addAll(o.problems());
        return new MainWindowViewModel(catalog, settings, o.scenario(), o.file());
    }

    /** The scenario a start opens, its file (null for the sample) and why a file given could not be opened. */
    public record Opening(Scenario scenario, Path file, List<String> problems) {
    }

    /**
     * Reads what {@link #startup} opens without touching JavaFX, so the app can do it while the toolkit starts
     * (the first read warms up Jackson: a few hundred milliseconds of a cold start).
     */
    public static Opening opening(SysctlCatalog catalog, AppSettings settings, String argument) {
        ScenarioReader reader = new ScenarioReader(catalog);
        List<String> problems = new java.util.ArrayList<>();
        if (argument != null) {
            Path p = Path.of(argument);
            try {
                Scenario s = reader.read(p);
                settings.addRecent(p);
                return new Opening(s, p, problems);
            } catch (InputFormatException e) {
                problems.add(e.getMessage());
            }
        } else {
            Optional<Path> last = settings.lastFile().filter(Files::isReadable);
            if (last.isPresent()) {
                try {
                    return new Opening(reader.read(last.get()), last.get(), problems);
                } catch (InputFormatException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        try {
            return new Opening(SampleScenarios.load(SampleScenarios.cassandra(), catalog), null, problems);
        } catch (InputFormatException e) {
            throw new IllegalStateException("the bundled Cassandra sample does not load: " + e.getMessage(), e);
        }
    }

    Autosave autosave() {
        return autosave;
    }

    /**
     * Offers back the unsaved work of windows that crashed or were killed (their recovery files), newest first.
     * A recovered scenario opens as modified, with its file, and is at once autosaved by this window before the
     * old recovery file is removed, so there is no moment when it is kept nowhere.
     */
    public void offerRecovery() {
        RecoveryStore store = autosave.store();
        for (RecoveryStore.Orphan o : store.orphans()) {
            try {
                Scenario s;
                try {
                    s = reader.read(o.scenarioFile());
                } catch (InputFormatException e) {
                    Path aside = store.setAside(o);
                    dialogs.showError("Cannot recover unsaved changes", e.getMessage()
                            + "\n\nThe file was kept as " + aside + ".");
                    continue;
                }
                String what = "\u201c" + s.name() + "\u201d" + o.originalFile().map(f -> " (" + f + ")").orElse(" (never saved)");
                String when = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                        .format(o.savedAt().atZone(java.time.ZoneId.systemDefault()));
                DialogService.RecoveryChoice choice = dialogs.askRecover("TCP Memory Explorer stopped without saving "
                        + "changes to " + what + ", last kept " + when + ".\nRecover them? They open as unsaved changes; "
                        + (document.modifiedProperty().get() ? "the changes open now are asked about first."
                        : "nothing is overwritten until you save."));
                switch (choice) {
                    case RECOVER -> {
                        if (!confirmDiscard("recovering the unsaved changes")) {
                            continue;
                        }
                        document.replace(s, o.originalFile().orElse(null), true);
                        autosave.saveNow();
                        autosave.awaitWrites();
                        store.remove(o);
                        return;
                    }
                    case DISCARD -> store.remove(o);
                    case LATER -> {
                        return;
                    }
                }
            } catch (IOException e) {
                dialogs.showError("Could not tidy the recovery files", describe(e));
            }
        }
    }

    /** A normal close (after the unsaved-changes question): this window's recovery file goes. */
    public void close() {
        autosave.close();
        live.shutdown();
    }

    public void setDialogs(DialogService dialogs) {
        this.dialogs = dialogs;
    }

    public DialogService dialogs() {
        return dialogs;
    }

    public SysctlCatalog catalog() {
        return catalog;
    }

    public AppSettings settings() {
        return settings;
    }

    public ScenarioDocument document() {
        return document;
    }

    public SysctlExplorerViewModel explorer() {
        return explorer;
    }

    public dev.tcpmem.ui.timeline.TimelineViewModel timeline() {
        return timeline;
    }

    public TopologyViewModel topology() {
        return topology;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    public BooleanProperty showPagesProperty() {
        return showPages;
    }

    public LiveEvaluation live() {
        return live;
    }

    public LatencyStats latency() {
        return latency;
    }

    public TimingDiagnostics timing() {
        return timing;
    }

    public BooleanProperty diagnosticsProperty() {
        return diagnostics;
    }

    public ObjectProperty<ScenarioCharts.WorkloadRef> selectedWorkloadProperty() {
        return selectedWorkload;
    }

    /** The verdict in words, for the status line. */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MemoryState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The input the user just changed becomes the sweep's; dragging the same one keeps the sweep's range. */
    private void touched(SweepTarget t) {
        SweepTarget current = live.sweepTargetProperty().get();
        if (current != null && current.parameter().equals(t.parameter())) {
            live.sweepTargetProperty().set(new SweepTarget(t.parameter(), current.from(), current.to(), current.logScale(), t.current()));
        } else {
            live.sweepTargetProperty().set(t);
        }
    }

    /** Evaluates the current scenario now, on this thread, so the first frame already shows the chart. */
    public Evaluation evaluateNow() {
        return live.evaluateNow(document.scenario());
    }

    /** Asks for an evaluation of the open scenario without waiting for it (the charts update when it is done). */
    public void evaluateInBackground() {
        live.request(document.scenario());
    }

    private void showEvaluation(Evaluation e) {
        if (e == null) {
            return;
        }
        verdict.set(e.verdict().headline());
        state.set(e.verdict().state());
        long peak = Math.max(1, e.result().node().peakPages());
        Map<String, Double> shares = new java.util.HashMap<>();
        for (PodResult p : e.result().pods()) {
            shares.put(p.name(), p.peakPages() / (double) peak);
        }
        topology.podSharesProperty().set(shares);
    }

    /** Every derivation of the latest evaluation, for "why this number?". */
    public String explainLatest() {
        Evaluation e = live.latestProperty().get();
        if (e == null) {
            return "No evaluation yet.";
        }
        StringBuilder b = new StringBuilder(e.verdict().headline()).append("\n");
        e.verdict().details().forEach(d -> b.append("  - ").append(d).append("\n"));
        b.append("\nNode\n");
        e.result().node().derivations().values().forEach(d -> b.append(d.explain()).append("\n\n"));
        ScenarioCharts.WorkloadRef ref = selectedWorkload.get();
        if (ref != null) {
            var limits = dev.tcpmem.model.connection.ConnectionLimits.forPods(e.scenario(), dev.tcpmem.kernel.SysctlDefaults
                    .forNode(catalog, e.scenario().node().kernel(), e.scenario().node().memory())).get(ref.pod());
            if (limits != null) {
                b.append("Connections of pod ").append(ref.pod()).append("\n");
                limits.derivations().values().forEach(d -> b.append(d.explain()).append("\n\n"));
            }
        }
        for (PodResult p : e.result().pods()) {
            for (WorkloadResult w : p.workloads()) {
                if (ref != null && ref.pod().equals(p.name()) && ref.workload().equals(w.name())) {
                    b.append("Workload ").append(ref).append("\n");
                    b.append(PagesPerConnectionText.of(w)).append("\n\n");
                    w.socket().derivations().values().forEach(d -> b.append(d.explain()).append("\n\n"));
                    if (w.pagesPerConnection() != null) {
                        b.append(w.pagesPerConnection().explain()).append("\n");
                    }
                }
            }
        }
        return b.toString();
    }

    // Commands //

    public void undo() {
        document.undo();
    }

    public void redo() {
        document.redo();
    }

    public void openWithDialog() {
        if (confirmDiscard("opening another scenario")) {
            dialogs.chooseOpen("Open scenario", List.of(EXTENSION)).ifPresent(this::openFile);
        }
    }

    /** Opens a file (menu, recent list, drag and drop); reports every problem at once and loads nothing half-way. */
    public boolean open(Path file) {
        return confirmDiscard("opening " + file.getFileName()) && openFile(file);
    }

    private boolean openFile(Path file) {
        try {
            Scenario s = reader.read(file);
            document.replace(s, file, false);
            settings.addRecent(file);
            settings.setLastFile(file);
            return true;
        } catch (InputFormatException e) {
            dialogs.showError("Cannot open " + file.getFileName(), e.getMessage());
            return false;
        }
    }

    public void openSample(SampleScenarios.Sample sample) {
        if (!confirmDiscard("opening the sample")) {
            return;
        }
        try {
            document.replace(SampleScenarios.load(sample, catalog), null, false);
            settings.setLastFile(null);
        } catch (InputFormatException e) {
            dialogs.showError("Cannot open the sample", e.getMessage());
        }
    }

    public boolean save() {
        Path f = document.fileProperty().get();
        return f == null ? saveAs() : saveTo(f);
    }

    public boolean saveAs() {
        String suggested = document.scenario().name().replaceAll("[^A-Za-z0-9._-]+", "-").toLowerCase(java.util.Locale.ROOT);
        Optional<Path> target = dialogs.chooseSave("Save scenario", suggested + EXTENSION, List.of(EXTENSION));
        return target.map(t -> saveTo(t.toString().endsWith(".json") ? t : Path.of(t + EXTENSION))).orElse(false);
    }

    /** Atomic save keeping the previous version as name.tcpmem.json~; a failure keeps the old file and says why. */
    public boolean saveTo(Path target) {
        // never write a file this app would refuse to open: the old file (and the autosave) stay as they are
        try {
            reader.read(ScenarioWriter.toJson(document.scenario()), target.getFileName().toString());
        } catch (InputFormatException e) {
            dialogs.showError("Cannot save " + target.getFileName(), "The file was not changed: the scenario has values"
                    + " a scenario file cannot hold. Change them, then save again.\n" + e.getMessage());
            return false;
        }
        try {
            ScenarioWriter.saveKeepingPrevious(document.scenario(), target);
            document.markSaved(target);
            settings.addRecent(target);
            settings.setLastFile(target);
            return true;
        } catch (IOException e) {
            dialogs.showError("Could not save " + target.getFileName(), "The file was not changed.\n" + describe(e));
            return false;
        }
    }

    /** True when it is fine to drop the current scenario (saved, or the user chose). */
    public boolean confirmDiscard(String what) {
        if (!document.modifiedProperty().get()) {
            return true;
        }
        return switch (dialogs.askSaveChanges(what)) {
            case SAVE -> save();
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }

    // Commands: import and export //

    /** Which chart to export. */
    public enum ChartKind { NODE, SOCKET, SWEEP }

    public void exportChart(ChartKind kind, org.jfree.chart.JFreeChart chart) {
        if (chart == null) {
            dialogs.showError("Nothing to export", "The " + kind.name().toLowerCase(java.util.Locale.ROOT) + " chart is still being computed.");
            return;
        }
        String base = safeName() + "-" + kind.name().toLowerCase(java.util.Locale.ROOT);
        Optional<Path> target = dialogs.chooseSave("Export chart", base + ".png", List.of(".png", ".svg", ".pdf"));
        if (target.isEmpty()) {
            return;
        }
        Optional<DialogService.ExportSize> size = dialogs.askExportSize(new DialogService.ExportSize(1200, 700, 2));
        if (size.isEmpty()) {
            return;
        }
        try {
            ChartExport.Format f = ChartExport.formatOf(target.get());
            AtomicFiles.write(target.get(), ChartExport.bytes(chart, f, size.get().width(), size.get().height(), size.get().scale()));
        } catch (IllegalArgumentException e) {
            dialogs.showError("Cannot export", e.getMessage());
        } catch (IOException e) {
            dialogs.showError("Could not write " + target.get().getFileName(), describe(e));
        }
    }

    public void exportReport() {
        Evaluation e = live.latestProperty().get();
        if (e == null) {
            return;
        }
        Optional<Path> target = dialogs.chooseSave("Export report (Markdown; charts are written beside it)",
                safeName() + ".md", List.of(".md"));
        if (target.isEmpty()) {
            return;
        }
        Path dir = target.get().toAbsolutePath().getParent();
        String base = target.get().getFileName().toString().replaceAll("\\.md$", "");
        try {
            for (Map.Entry<String, byte[]> f : ScenarioReport.build(e.scenario(), e.result(), e.sweep(), catalog, base).entrySet()) {
                AtomicFiles.write(dir.resolve(f.getKey()), f.getValue());
            }
        } catch (IOException ex) {
            dialogs.showError("Could not write the report", describe(ex));
        }
    }

    public void exportTuning(int kubernetesMinor) {
        TuningExport t = new TuningExport(catalog);
        Scenario s = document.scenario();
        dialogs.showText("Tuning for " + s.name(), "### /etc/sysctl.d/90-tcpmem.conf\n" + t.sysctlConf(s)
                + "\n### pod securityContext.sysctls\n" + t.podSecurityContexts(s)
                + "\n### kubelet configuration\n" + t.kubeletAllowList(s, kubernetesMinor));
    }

    /** What an importer reads. */
    public enum ImportKind { SYSCTL, SOCKSTAT, SS, POD }

    public void importFile(ImportKind kind) {
        Optional<Path> file = dialogs.chooseOpen("Import " + kind.name().toLowerCase(java.util.Locale.ROOT) + " output",
                List.of(".txt", ".yaml", ".yml", ".json"));
        file.ifPresent(f -> importFile(kind, f));
    }

    /** Imports into the current scenario (sockstat, ss, manifests) or as a new one (sysctl -a). */
    public boolean importFile(ImportKind kind, Path f) {
        try {
            String text = ImportInput.read(f);
            String source = f.getFileName().toString();
            Scenario current = document.scenario();
            ImportResult r = switch (kind) {
                case SYSCTL -> new SysctlDumpImporter(catalog).read(text, source, Optional.empty(), Optional.empty());
                case SOCKSTAT -> new SockstatImporter().read(text, source, Optional.of(current));
                case SS -> new SsImporter().read(text, source, "imported", Optional.of(current));
                case POD -> new PodManifestImporter(catalog).read(text, source, Optional.of(current), 32);
            };
            if (kind == ImportKind.SYSCTL) {
                if (!confirmDiscard("importing a new node")) {
                    return false;
                }
                document.replace(r.scenario(), null, true);
            } else {
                document.apply("Import " + source, s -> r.scenario());
            }
            dialogs.showText("Imported " + source, String.join("\n", r.notes()));
            return true;
        } catch (ImportException e) {
            dialogs.showError("Cannot import " + f.getFileName(), e.getMessage());
        }
        return false;
    }

    private String safeName() {
        return document.scenario().name().replaceAll("[^A-Za-z0-9._-]+", "-").toLowerCase(java.util.Locale.ROOT);
    }

    private static String describe(IOException e) {
        return SaveErrors.describe(e);
    }
}
