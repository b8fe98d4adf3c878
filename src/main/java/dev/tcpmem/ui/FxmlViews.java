package dev.tcpmem.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads an fx:root FXML layout into the view object that is both its root and its controller. */
public final class FxmlViews {

    private FxmlViews() {
    }

    /** Loads {@code /dev/tcpmem/ui/<name>.fxml} into {@code view}. */
    public static void load(Parent view, String name) {
        FXMLLoader loader = new FXMLLoader(FxmlViews.class.getResource("/dev/tcpmem/ui/" + name + ".fxml"));
        loader.setRoot(view);
        loader.setController(view);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("the " + name + " layout is missing from the application", e);
        }
    }
}
