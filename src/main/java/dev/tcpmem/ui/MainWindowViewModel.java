package dev.tcpmem.ui;

import dev.tcpmem.io.InputFormatException;
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
    private DialogService dialogs;

    // Properties //

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(false);
    private final BooleanProperty showPages = new SimpleBooleanProperty(false);

    public MainWindowViewModel(SysctlCatalog catalog, AppSettings settings, Scenario initial, Path initialFile) {
        this.catalog = catalog;
        this.settings = settings;
        this.reader = new ScenarioReader(catalog);
        this.document = new ScenarioDocument(initial, initialFile);
        this.explorer = new SysctlExplorerViewModel(document, catalog);
        this.topology = new TopologyViewModel(document);
        explorer.targetPodProperty().bind(topology.selectedPodProperty());
        title.bind(Bindings.createStringBinding(() -> (document.modifiedProperty().get() ? "• " : "")
                        + document.scenario().name()
                        + Optional.ofNullable(document.fileProperty().get()).map(f -> " — " + f.getFileName()).orElse("")
                        + " — " + DesktopApp.TITLE,
                document.scenarioProperty(), document.fileProperty(), document.modifiedProperty()));
        darkTheme.set(settings.darkTheme());
        showPages.set(settings.showPages());
        darkTheme.addListener((o, a, b) -> settings.setDarkTheme(b));
        showPages.addListener((o, a, b) -> settings.setShowPages(b));
    }

    /**
     * What the window opens on: the file given on the command line, else the scenario last open, else the seed's
     * Cassandra sample — so the first thing a user sees is a node, its pods and the chart.
     */
    public static MainWindowViewModel startup(SysctlCatalog catalog, AppSettings settings, String argument,
                                              List<String> problems) {
        ScenarioReader reader = new ScenarioReader(catalog);
        if (argument != null) {
            Path p = Path.of(argument);
            try {
                Scenario s = reader.read(p);
                settings.addRecent(p);
                return new MainWindowViewModel(catalog, settings, s, p);
            } catch (InputFormatException e) {
                problems.add(e.getMessage());
            }
        } else {
            Optional<Path> last = settings.lastFile().filter(Files::isReadable);
            if (last.isPresent()) {
                try {
                    return new MainWindowViewModel(catalog, settings, reader.read(last.get()), last.get());
                } catch (InputFormatException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        try {
            return new MainWindowViewModel(catalog, settings, SampleScenarios.load(SampleScenarios.cassandra(), catalog), null);
        } catch (InputFormatException e) {
            throw new IllegalStateException("the bundled Cassandra sample does not load: " + e.getMessage(), e);
        }
    }

    public void setDialogs(DialogService dialogs) {
        this.dialogs = dialogs;
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

    /** Atomic save: a failure keeps the old file and says why. */
    public boolean saveTo(Path target) {
        try {
            ScenarioWriter.save(document.scenario(), target);
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

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied: " + e.getMessage() + " (the folder or file is read-only).";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "The folder does not exist: " + e.getMessage();
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("No space left")) {
            return "The disk is full: " + m;
        }
        return e.getClass().getSimpleName() + ": " + m;
    }
}
