package dev.tcpmem.ui.charts;

import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.sweep.DefaultsSource;
import dev.tcpmem.model.sweep.Sweep;
import dev.tcpmem.model.sweep.SweepResult;
import dev.tcpmem.model.verdict.Verdict;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Re-runs the model on every change, off the FX thread: one worker, and only the newest request is computed
 * (requests that arrive while it runs replace each other), so dragging never queues stale work and the chart
 * always catches up with the latest inputs.
 */
public final class LiveEvaluation {

    private record Request(long generation, Scenario scenario, SweepTarget sweep, long at) {
    }

    private final SysctlCatalog catalog;
    private final ExecutorService worker;
    private final Consumer<Runnable> toFx;
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean(false);
    private long generation;

    // Properties //

    private final ReadOnlyObjectWrapper<Evaluation> latest = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<SweepTarget> sweepTarget = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<String> failure = new ReadOnlyObjectWrapper<>();

    public LiveEvaluation(SysctlCatalog catalog) {
        this(catalog, Platform::runLater);
    }

    LiveEvaluation(SysctlCatalog catalog, Consumer<Runnable> toFx) {
        this.catalog = catalog;
        this.toFx = toFx;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "model");
            t.setDaemon(true);
            return t;
        });
    }

    public ReadOnlyObjectProperty<Evaluation> latestProperty() {
        return latest.getReadOnlyProperty();
    }

    public ObjectProperty<SweepTarget> sweepTargetProperty() {
        return sweepTarget;
    }

    /** A message when the model failed on the current inputs (never expected; shown rather than thrown). */
    public ReadOnlyObjectProperty<String> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** Asks for an evaluation of this scenario; called on the FX thread on every change. */
    public void request(Scenario s) {
        request(s, System.nanoTime());
    }

    /** As {@link #request(Scenario)}, with the time the edit began for the latency figures. */
    public void request(Scenario s, long editedAtNanos) {
        SweepTarget t = sweepTarget.get();
        if (t == null || !t.validFor(s)) {
            t = SweepTarget.defaultFor(s).orElse(null);
            sweepTarget.set(t);
        }
        pending.set(new Request(++generation, s, t, editedAtNanos));
        if (running.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    /** Evaluates synchronously on the caller's thread (tests, screenshots, first frame). */
    public Evaluation evaluateNow(Scenario s) {
        SweepTarget t = sweepTarget.get() != null && sweepTarget.get().validFor(s) ? sweepTarget.get()
                : SweepTarget.defaultFor(s).orElse(null);
        Evaluation e = compute(new Request(++generation, s, t, System.nanoTime()), true);
        latest.set(e);
        return e;
    }

    private void drain() {
        try {
            Request r;
            while ((r = pending.getAndSet(null)) != null) {
                Request req = r;
                try {
                    // the node and socket charts first, then (unless newer input is waiting) the sweep
                    Evaluation e = compute(req, false);
                    toFx.accept(() -> publish(e));
                    if (req.sweep() != null && pending.get() == null) {
                        Evaluation withSweep = compute(req, true);
                        toFx.accept(() -> publish(withSweep));
                    }
                } catch (RuntimeException ex) {
                    toFx.accept(() -> failure.set("The model failed on these inputs: " + ex));
                }
            }
        } finally {
            running.set(false);
            // a request may have slipped in between the last poll and clearing the flag
            if (pending.get() != null && running.compareAndSet(false, true)) {
                worker.execute(this::drain);
            }
        }
    }

    private void publish(Evaluation e) {
        Evaluation current = latest.get();
        if (current == null || e.generation() > current.generation()
                || e.generation() == current.generation() && e.sweep().isPresent()) {
            failure.set(null);
            latest.set(e);
        }
    }

    private Evaluation compute(Request r, boolean withSweep) {
        long t0 = System.nanoTime();
        EvaluationResult result = ScenarioEvaluator.evaluate(r.scenario(), catalog);
        Optional<SweepResult> sweep = Optional.empty();
        if (withSweep && r.sweep() != null) {
            sweep = Optional.of(Sweep.run(r.scenario(), DefaultsSource.catalog(catalog), r.sweep().parameter(),
                    r.sweep().from(), r.sweep().to(), 41));
        }
        long took = System.nanoTime() - t0;
        return new Evaluation(r.generation(), r.scenario(), result, Verdict.of(r.scenario(), result), sweep, r.sweep(),
                took, r.at());
    }

    public void shutdown() {
        worker.shutdownNow();
    }
}
