package dev.tcpmem.ui;

import dev.tcpmem.io.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What the app remembers between runs: window size, theme, units, recent files and the last scenario, in
 * {@code $XDG_CONFIG_HOME/tcpmem-explorer/settings.properties} (or {@code ~/.config/...}); recovery files of unsaved
 * work in {@code $XDG_STATE_HOME/tcpmem-explorer/recovery/} (or {@code ~/.local/state/...}).
 */
public final class AppSettings {

    private static final int MAX_RECENT = 10;

    private final Path file;
    private final Path stateDirectory;
    private final Properties values = new Properties();

    /** Settings and state in one directory (tests, portable setups). */
    public AppSettings(Path directory) {
        this(directory, directory);
    }

    public AppSettings(Path directory, Path stateDirectory) {
        this.file = directory.resolve("settings.properties");
        this.stateDirectory = stateDirectory;
        if (Files.isReadable(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(r);
            } catch (IOException | IllegalArgumentException e) {
                // unreadable settings are not worth failing the start for: start from defaults
                values.clear();
            }
        }
    }

    /** The per-user configuration directory for this app. */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("tcpmem-explorer");
    }

    /** Per-user state that is not configuration (XDG Base Directory: $XDG_STATE_HOME, else ~/.local/state). */
    public static Path defaultStateDirectory() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("tcpmem-explorer");
    }

    /** Where unsaved work is kept for recovery after a crash. */
    public Path recoveryDirectory() {
        return stateDirectory.resolve("recovery");
    }

    public Path directory() {
        return file.getParent();
    }

    public double width(double fallback) {
        return number("window.width", fallback);
    }

    public double height(double fallback) {
        return number("window.height", fallback);
    }

    public void setWindowSize(double w, double h) {
        values.setProperty("window.width", Double.toString(w));
        values.setProperty("window.height", Double.toString(h));
    }

    public boolean darkTheme() {
        return Boolean.parseBoolean(values.getProperty("theme.dark", "false"));
    }

    public void setDarkTheme(boolean dark) {
        values.setProperty("theme.dark", Boolean.toString(dark));
    }

    public boolean showPages() {
        return Boolean.parseBoolean(values.getProperty("units.pages", "false"));
    }

    public void setShowPages(boolean pages) {
        values.setProperty("units.pages", Boolean.toString(pages));
    }

    public List<Path> recentFiles() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String v = values.getProperty("recent." + i);
            if (v != null) {
                out.add(Path.of(v));
            }
        }
        return out;
    }

    public void addRecent(Path p) {
        List<Path> list = recentFiles();
        Path abs = p.toAbsolutePath();
        list.remove(abs);
        list.add(0, abs);
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < list.size()) {
                values.setProperty("recent." + i, list.get(i).toString());
            } else {
                values.remove("recent." + i);
            }
        }
    }

    public Optional<Path> lastFile() {
        return Optional.ofNullable(values.getProperty("last.file")).map(Path::of);
    }

    public void setLastFile(Path p) {
        if (p == null) {
            values.remove("last.file");
        } else {
            values.setProperty("last.file", p.toAbsolutePath().toString());
        }
    }

    /** Writes the settings atomically; failures are reported, never thrown at the user mid-exit. */
    public Optional<String> save() {
        try {
            Files.createDirectories(file.getParent());
            StringWriter w = new StringWriter();
            values.store(w, "TCP Memory Explorer settings");
            AtomicFiles.write(file, w.toString().getBytes(StandardCharsets.UTF_8));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("could not save settings to " + file + ": " + e.getMessage());
        }
    }

    private double number(String key, double fallback) {
        try {
            double v = Double.parseDouble(values.getProperty(key, ""));
            return v >= 200 && v <= 20000 ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
