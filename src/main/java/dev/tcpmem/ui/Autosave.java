package dev.tcpmem.ui;

import dev.tcpmem.io.ScenarioWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.util.Duration;

/**
 * Keeps unsaved changes in a recovery file: a quiet moment after an edit (debounced, so a slider drag writes once),
 * or at the latest {@link #MAX_DELAY} after the first unsaved edit during a long drag. Writes happen in order on one
 * background thread, so the window never waits for the disk. When the document is saved or its changes are
 * dropped, the recovery file goes.
 */
final class Autosave {

    static final Duration QUIET = Duration.seconds(2);
    static final java.time.Duration MAX_DELAY = java.time.Duration.ofSeconds(10);

    private final ScenarioDocument document;
    private final RecoveryStore store;
    private final Consumer<String> onFailure;
    private final PauseTransition quiet;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tcpmem-autosave");
        t.setDaemon(true);
        return t;
    });
    private Instant pendingSince;
    private boolean failing;
    private volatile Future<?> lastWrite;

    /** @param onFailure told (on the FX thread) when autosave stops working, once until it works again */
    Autosave(ScenarioDocument document, RecoveryStore store, Duration quietTime, Consumer<String> onFailure) {
        this.document = document;
        this.store = store;
        this.onFailure = onFailure;
        this.quiet = new PauseTransition(quietTime);
        quiet.setOnFinished(e -> saveNow());
        document.scenarioProperty().addListener((o, a, b) -> changed());
        document.modifiedProperty().addListener((o, a, b) -> changed());
    }

    RecoveryStore store() {
        return store;
    }

    private void changed() {
        if (!document.modifiedProperty().get()) {
            quiet.stop();
            pendingSince = null;
            submit(store::clear);
            return;
        }
        if (pendingSince == null) {
            pendingSince = Instant.now();
        }
        if (java.time.Duration.between(pendingSince, Instant.now()).compareTo(MAX_DELAY) >= 0) {
            saveNow();
        } else {
            quiet.playFromStart();
        }
    }

    /** Writes the recovery file now (also after a recovery, so the recovered work is protected at once). */
    void saveNow() {
        quiet.stop();
        pendingSince = null;
        if (!document.modifiedProperty().get()) {
            return;
        }
        String json = ScenarioWriter.toJson(document.scenario());
        java.nio.file.Path original = document.fileProperty().get();
        submit(() -> store.save(json, original, Instant.now()));
    }

    /** Waits for the writes queued so far (tests, and the recovery hand-over). */
    void awaitWrites() {
        Future<?> f = lastWrite;
        if (f != null) {
            try {
                f.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported through onFailure by the task itself
            }
        }
    }

    /** A normal close: pending work is dropped with the recovery file (the user saved or chose not to). */
    void close() {
        quiet.stop();
        submit(store::close);
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a crash leaves behind: the recovery file stays, this window's claim on it goes. */
    void abandonAsIfKilled() {
        quiet.stop();
        submit(store::releaseLock);
        writer.shutdown();
        awaitWrites();
    }

    private interface IoTask {
        void run() throws IOException;
    }

    private void submit(IoTask task) {
        if (writer.isShutdown()) {
            return;
        }
        lastWrite = writer.submit(() -> {
            try {
                task.run();
                if (failing) {
                    failing = false;
                }
            } catch (IOException | RuntimeException e) {
                if (!failing) {
                    failing = true;
                    String why = SaveErrors.describe(e instanceof IOException io ? io : new IOException(e));
                    Platform.runLater(() -> onFailure.accept("Unsaved changes cannot be kept for recovery in "
                            + store.directory() + ".\n" + why + "\nSave the scenario to keep your changes."));
                }
            }
        });
    }
}
