package dev.tcpmem.ui;

import dev.tcpmem.kernel.SysctlCatalog;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The JavaFX application: builds the main window from FXML, applies the theme, remembers the window size. */
public final class DesktopApp extends Application {

    public static final String TITLE = "TCP Memory Explorer";

    /** The scene and its controller, for the app and for UI tests. */
    public record Window(Scene scene, MainView view, MainWindowViewModel viewModel) {
    }

    /** Called by {@code dev.tcpmem.Main}; kept here so the CLI path never loads a JavaFX class. */
    public static void launchWith(String[] args) {
        StartupPhases.mark("main");
        // parse the sysctl catalog and read the scenario while the toolkit starts: start() needs both first
        String argument = args.length == 0 ? null : args[0];
        opening = CompletableFuture.supplyAsync(() -> {
            SysctlCatalog catalog = SysctlCatalog.bundled();
            AppSettings settings = new AppSettings(AppSettings.defaultDirectory(), AppSettings.defaultStateDirectory());
            MainWindowViewModel.Opening o = MainWindowViewModel.opening(catalog, settings, argument);
            StartupPhases.mark("scenario read (background)");
            return new Opening(catalog, settings, o);
        });
        Application.launch(DesktopApp.class, args);
    }

    private record Opening(SysctlCatalog catalog, AppSettings settings, MainWindowViewModel.Opening scenario) {
    }

    private static CompletableFuture<Opening> opening;

    @Override
    public void start(Stage stage) throws IOException {
        StartupPhases.mark("toolkit started");
        Opening start = opening != null ? opening.join() : null;
        if (start == null) {
            SysctlCatalog catalog = SysctlCatalog.bundled();
            AppSettings s = new AppSettings(AppSettings.defaultDirectory(), AppSettings.defaultStateDirectory());
            List<String> raw = getParameters().getRaw();
            start = new Opening(catalog, s, MainWindowViewModel.opening(catalog, s, raw.isEmpty() ? null : raw.get(0)));
        }
        StartupPhases.mark("scenario ready");
        AppSettings settings = start.settings();
        List<String> problems = start.scenario().problems();
        MainWindowViewModel vm = new MainWindowViewModel(start.catalog(), settings, start.scenario().scenario(),
                start.scenario().file());
        StartupPhases.mark("view model");
        Window w = createWindow(vm, settings.width(1440), settings.height(900), false);
        FxDialogService dialogs = new FxDialogService(stage);
        vm.setDialogs(dialogs);
        stage.titleProperty().bind(vm.titleProperty());
        stage.setScene(w.scene());
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        stage.setOnCloseRequest(e -> {
            if (!vm.confirmDiscard("quitting")) {
                e.consume();
                return;
            }
            settings.setWindowSize(stage.getWidth(), stage.getHeight());
            settings.save();
            vm.close();
            Platform.exit();
        });
        stage.show();
        StartupPhases.mark("shown");
        // the icon (a 256-pixel PNG to decode) can wait until the window is on screen
        reportFirstFrame(w.scene(), vm.timing(), vm.live()::releaseResults, () -> {
            var icon = DesktopApp.class.getResource("/dev/tcpmem/ui/icon-256.png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon.toExternalForm()));
            }
        });
        // the first model run (with a cold JIT, ~0.3 s) on the worker, beside the first layout; its charts are
        // built once the first frame is laid out
        vm.live().holdResults();
        vm.evaluateInBackground();
        if (!problems.isEmpty()) {
            dialogs.showError("Could not open the scenario", String.join("\n", problems)
                    + "\n\nThe Cassandra sample is open instead.");
        }
        vm.offerRecovery();
    }

    /**
     * Records the time from JVM start to the first laid-out frame for the timing diagnostics; with
     * -Dtcpmem.startupTiming also prints it with the heap and CPU time used (BENCHMARKS.md). Runs {@code atFrame}
     * in that frame's pulse, after its layout, and {@code afterwards} once the time is known.
     */
    private static void reportFirstFrame(Scene scene, TimingDiagnostics timing, Runnable atFrame, Runnable afterwards) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            long now = System.currentTimeMillis();
            long nanos = System.nanoTime();
            StartupPhases.mark("first frame");
            atFrame.run();
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            // the JVM's start time needs java.management: loaded after this frame is shown, not before
            Platform.runLater(() -> {
                long sinceStart = now - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                timing.firstFrame(sinceStart);
                StartupPhases.firstFrame(nanos, sinceStart);
                afterwards.run();
                if (System.getProperty("tcpmem.startupTiming") != null) {
                    // CPU time of all threads so far: what a busy machine inflates least (BENCHMARKS.md)
                    long cpu = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() / 1_000_000 : -1;
                    long fxCpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
                    System.err.printf(java.util.Locale.ROOT, "first frame %d ms after JVM start; heap in use %d MiB; "
                            + "CPU: process %d ms, JavaFX thread %d ms%n", sinceStart, heap >> 20, cpu, fxCpu);
                }
            });
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    /** Builds the main window for a view model, its charts already drawn; used by UI tests and screenshots. */
    public static Window createWindow(MainWindowViewModel vm, double width, double height) throws IOException {
        return createWindow(vm, width, height, true);
    }

    /**
     * Builds the main window; with {@code evaluate} false the charts stay empty until the caller asks for an
     * evaluation (the app does so once the window is shown, so the first frame does not wait for the model).
     */
    public static Window createWindow(MainWindowViewModel vm, double width, double height, boolean evaluate)
            throws IOException {
        FXMLLoader loader = new FXMLLoader(DesktopApp.class.getResource("/dev/tcpmem/ui/MainView.fxml"));
        MainView view = new MainView(vm);
        loader.setControllerFactory(type -> view);
        Parent root = loader.load();
        StartupPhases.mark("main view built");
        Scene scene = new Scene(root, width, height);
        Themes.apply(scene, vm.darkThemeProperty().get());
        StartupPhases.mark("scene");
        vm.darkThemeProperty().addListener((o, a, dark) -> Themes.apply(scene, dark));
        if (evaluate) {
            vm.evaluateNow();
        }
        return new Window(scene, view, vm);
    }
}
