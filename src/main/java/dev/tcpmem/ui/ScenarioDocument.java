package dev.tcpmem.ui;

import dev.tcpmem.model.scenario.Scenario;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The open scenario: its current value, its file, whether it changed since saved, and undo/redo of every edit.
 * Scenarios are immutable, so undo keeps whole snapshots. Rapid edits of the same control (a slider drag) merge
 * into one undo step.
 */
public final class ScenarioDocument {

    /** Edits with the same merge key closer together than this form one undo step. */
    static final long MERGE_WINDOW_MILLIS = 1500;

    private record Step(String label, Scenario before, String mergeKey, long at) {
    }

    // Properties //

    private final ReadOnlyObjectWrapper<Scenario> scenario = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper modified = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper undoLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper redoLabel = new ReadOnlyStringWrapper("");

    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private final LongSupplier clock;
    private Scenario saved;
    private long lastEditNanos = System.nanoTime();

    public ScenarioDocument(Scenario initial, Path fileOrNull) {
        this(initial, fileOrNull, System::currentTimeMillis);
    }

    ScenarioDocument(Scenario initial, Path fileOrNull, LongSupplier clock) {
        this.clock = clock;
        scenario.set(Objects.requireNonNull(initial));
        file.set(fileOrNull);
        saved = initial;
    }

    public ReadOnlyObjectProperty<Scenario> scenarioProperty() {
        return scenario.getReadOnlyProperty();
    }

    public Scenario scenario() {
        return scenario.get();
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty modifiedProperty() {
        return modified.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoLabelProperty() {
        return undoLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoLabelProperty() {
        return redoLabel.getReadOnlyProperty();
    }

    // Commands //

    /** Applies an edit as its own undo step. */
    public void apply(String label, UnaryOperator<Scenario> edit) {
        apply(label, edit, null);
    }

    /**
     * Applies an edit; consecutive edits with the same non-null merge key (a slider being dragged) within
     * {@link #MERGE_WINDOW_MILLIS} of each other undo together.
     */
    public void apply(String label, UnaryOperator<Scenario> edit, String mergeKey) {
        long started = System.nanoTime();
        Scenario before = scenario.get();
        Scenario after = edit.apply(before);
        if (after.equals(before)) {
            return;
        }
        long now = clock.getAsLong();
        Step top = undo.peek();
        if (mergeKey != null && top != null && mergeKey.equals(top.mergeKey()) && now - top.at() <= MERGE_WINDOW_MILLIS) {
            undo.pop();
            undo.push(new Step(label, top.before(), mergeKey, now));
        } else {
            undo.push(new Step(label, before, mergeKey, now));
        }
        redo.clear();
        lastEditNanos = started;
        scenario.set(after);
        refresh();
    }

    /** When the latest edit began (System.nanoTime), so edit-to-repaint latency includes all of its work. */
    public long lastEditNanos() {
        return lastEditNanos;
    }

    public void undo() {
        Step step = undo.poll();
        if (step == null) {
            return;
        }
        redo.push(new Step(step.label(), scenario.get(), null, clock.getAsLong()));
        lastEditNanos = System.nanoTime();
        scenario.set(step.before());
        refresh();
    }

    public void redo() {
        Step step = redo.poll();
        if (step == null) {
            return;
        }
        undo.push(new Step(step.label(), scenario.get(), null, clock.getAsLong()));
        lastEditNanos = System.nanoTime();
        scenario.set(step.before());
        refresh();
    }

    /** Replaces the whole document (open, new, recovered); history starts afresh. */
    public void replace(Scenario s, Path fileOrNull, boolean asModified) {
        undo.clear();
        redo.clear();
        lastEditNanos = System.nanoTime();
        scenario.set(s);
        file.set(fileOrNull);
        saved = asModified ? null : s;
        refresh();
    }

    /** Records that the current scenario is what the file now holds. */
    public void markSaved(Path to) {
        file.set(to);
        saved = scenario.get();
        refresh();
    }

    private void refresh() {
        modified.set(!scenario.get().equals(saved));
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        undoLabel.set(undo.isEmpty() ? "" : undo.peek().label());
        redoLabel.set(redo.isEmpty() ? "" : redo.peek().label());
    }
}
