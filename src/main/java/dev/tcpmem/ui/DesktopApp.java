package dev.tcpmem.ui;

import java.io.IOException;
import java.util.List;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: builds the main window from FXML and applies the theme. */
public final class DesktopApp extends Application {

    public static final String TITLE = "TCP Memory Explorer";

    /** Called by {@code dev.tcpmem.Main}; kept here so the CLI path never loads a JavaFX class. */
    public static void launchWith(String[] args) {
        Application.launch(DesktopApp.class, args);
    }

    @Override
    public void start(Stage stage) throws IOException {
        List<String> args = getParameters().getRaw();
        stage.setTitle(TITLE);
        stage.setScene(createScene(new MainViewModel(args.isEmpty() ? null : args.get(0))));
        stage.setMinWidth(800);
        stage.setMinHeight(500);
        stage.show();
    }

    /** The main window's scene for a view model; used by the app and by UI tests. */
    public static Scene createScene(MainViewModel viewModel) throws IOException {
        FXMLLoader loader = new FXMLLoader(DesktopApp.class.getResource("/dev/tcpmem/ui/MainView.fxml"));
        loader.setControllerFactory(type -> new MainView(viewModel));
        Parent root = loader.load();
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(DesktopApp.class.getResource("/dev/tcpmem/ui/theme-light.css").toExternalForm());
        return scene;
    }
}
