package dev.tcpmem.ui;

import javafx.scene.Scene;

/** Light and dark themes: one shared stylesheet for layout plus a palette per theme. */
final class Themes {

    private static final String BASE = "/dev/tcpmem/ui/app.css";
    private static final String LIGHT = "/dev/tcpmem/ui/theme-light.css";
    private static final String DARK = "/dev/tcpmem/ui/theme-dark.css";

    private Themes() {
    }

    static void apply(Scene scene, boolean dark) {
        scene.getStylesheets().setAll(url(BASE), url(dark ? DARK : LIGHT));
        scene.getRoot().getStyleClass().removeAll("theme-light", "theme-dark");
        scene.getRoot().getStyleClass().add(dark ? "theme-dark" : "theme-light");
    }

    private static String url(String resource) {
        return Themes.class.getResource(resource).toExternalForm();
    }
}
