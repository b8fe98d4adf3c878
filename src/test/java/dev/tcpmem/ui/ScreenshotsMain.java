package dev.tcpmem.ui;

import dev.tcpmem.io.SampleScenarios;
import dev.tcpmem.kernel.SysctlCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.CheckBox;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Renders the screenshots in screenshots/ from the real window (run under Xvfb by screenshots/make.sh): the main
 * window with the Cassandra sample in light and dark, and the explorer filtered to changed values.
 */
public final class ScreenshotsMain {

    private static Path out;

    private ScreenshotsMain() {
    }

    public static void main(String[] args) {
        out = Path.of(args.length > 0 ? args[0] : "screenshots");
        Application.launch(App.class, args);
    }

    /** The launcher must not itself extend Application on the class path. */
    public static final class App extends Application {
    @Override
    public void start(Stage stage) throws Exception {
        Files.createDirectories(out);
        Path settingsDir = Files.createTempDirectory("tcpmem-shots");
        MainWindowViewModel vm = MainWindowViewModel.startup(SysctlCatalog.bundled(), new AppSettings(settingsDir), null,
                new ArrayList<>());
        vm.openSample(SampleScenarios.cassandra());
        DesktopApp.Window w = DesktopApp.createWindow(vm, 1600, 1000);
        stage.setScene(w.scene());
        stage.titleProperty().bind(vm.titleProperty());
        stage.show();
        later(1500, () -> {
            shoot(w, "main-light.png");
            vm.darkThemeProperty().set(true);
            later(800, () -> {
                shoot(w, "main-dark.png");
                vm.darkThemeProperty().set(false);
                ((CheckBox) w.scene().lookup("#filterChanged")).setSelected(true);
                later(800, () -> {
                    shoot(w, "explorer-changed.png");
                    Platform.exit();
                });
            });
        });
    }

    }

    private static void shoot(DesktopApp.Window w, String name) {
        try {
            WritableImage img = w.scene().snapshot(null);
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", out.resolve(name).toFile());
            System.out.println("wrote " + out.resolve(name));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void later(long millis, Runnable r) {
        javafx.animation.PauseTransition p = new javafx.animation.PauseTransition(javafx.util.Duration.millis(millis));
        p.setOnFinished(e -> r.run());
        p.play();
    }
}
