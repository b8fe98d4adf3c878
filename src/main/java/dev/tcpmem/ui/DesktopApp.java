package dev.tcpmem.ui;

import dev.tcpmem.kernel.SysctlCatalog;
import java.io.IOException;
import java.util.ArrayList;
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
        // parse the sysctl catalog while the toolkit starts: it is the first thing start() needs
        catalog = CompletableFuture.supplyAsync(SysctlCatalog::bundled);
        Application.launch(DesktopApp.class, args);
    }

    private static CompletableFuture<SysctlCatalog> catalog;

    @Override
    public void start(Stage stage) throws IOException {
        List<String> args = getParameters().getRaw();
        AppSettings settings = new AppSettings(AppSettings.defaultDirectory(), AppSettings.defaultStateDirectory());
        List<String> problems = new ArrayList<>();
        SysctlCatalog sysctls = catalog != null ? catalog.join() : SysctlCatalog.bundled();
        MainWindowViewModel vm = MainWindowViewModel.startup(sysctls, settings,
                args.isEmpty() ? null : args.get(0), problems);
        Window w = createWindow(vm, settings.width(1440), settings.height(900), false);
        FxDialogService dialogs = new FxDialogService(stage);
        vm.setDialogs(dialogs);
        stage.titleProperty().bind(vm.titleProperty());
        stage.setScene(w.scene());
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        var icon = DesktopApp.class.getResource("/dev/tcpmem/ui/icon-256.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon.toExternalForm()));
        }
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
        reportFirstFrame(w.scene(), vm.timing());
        // the first model run (with a cold JIT, ~0.3 s) on the worker, after the window is up
        vm.evaluateInBackground();
        if (!problems.isEmpty()) {
            dialogs.showError("Could not open the scenario", String.join("\n", problems)
                    + "\n\nThe Cassandra sample is open instead.");
        }
        vm.offerRecovery();
    }

    /**
     * Records the time from JVM start to the first laid-out frame for the timing diagnostics; with
     * -Dtcpmem.startupTiming also prints it with the heap in use (BENCHMARKS.md).
     */
    private static void reportFirstFrame(Scene scene, TimingDiagnostics timing) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            long now = System.currentTimeMillis();
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            // the JVM's start time needs java.management: loaded after this frame is shown, not before
            Platform.runLater(() -> {
                long sinceStart = now - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                timing.firstFrame(sinceStart);
                if (System.getProperty("tcpmem.startupTiming") != null) {
                    System.err.printf(java.util.Locale.ROOT, "first frame %d ms after JVM start; heap in use %d MiB%n",
                            sinceStart, heap >> 20);
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
        Scene scene = new Scene(root, width, height);
        Themes.apply(scene, vm.darkThemeProperty().get());
        vm.darkThemeProperty().addListener((o, a, dark) -> Themes.apply(scene, dark));
        if (evaluate) {
            vm.evaluateNow();
        }
        return new Window(scene, view, vm);
    }
}
