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
    private volatile long generation;

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

    /** The catalog evaluations use (the sweep chart asks it which inputs are in bytes). */
    public SysctlCatalog catalog() {
        return catalog;
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
        Request req = new Request(++generation, s, t, editedAtNanos);
        if (perFrame) {
            unshownEdits.add(new long[] {req.generation(), editedAtNanos});
        }
        if (typicalModelNanos() < SYNC_BUDGET_NANOS) {
            // fast enough to finish inside this frame: evaluate on this thread, so the chart repaints in the same pulse
            if (perFrame) {
                // once per frame, just before its layout: edits that arrive together (a late frame catching up with a
                // drag) cost one evaluation and one redraw, not one each, so a late frame is not followed by a later one
                frameRequest = req;
                Platform.requestNextPulse();
            } else {
                runInline(req);
            }
            return;
        }
        frameRequest = null;
        pending.set(req);
        kick();
    }

    private void runInline(Request req) {
        publish(compute(req, false));
        if (req.sweep() != null) {
            // the sweep (many evaluations) still runs on the worker
            sweepOnly.set(req);
            kick();
        }
    }

    /**
     * The charts' view calls this before each frame's layout once it is in a scene: from then on, fast evaluations
     * wait for the frame and the newest input of the frame is evaluated once ({@link #runFrame}).
     */
    public void evaluateOncePerFrame(boolean on) {
        perFrame = on;
        if (!on) {
            unshownEdits.clear();
            Request r = frameRequest;
            frameRequest = null;
            if (r != null) {
                runInline(r);
            }
        }
    }

    /** Before a frame's layout (FX thread): evaluates the newest input that arrived since the last frame, if any. */
    public void runFrame() {
        Request r = frameRequest;
        if (r != null) {
            frameRequest = null;
            runInline(r);
        }
    }

    /**
     * When each edit an evaluation of this generation shows began (System.nanoTime), removed from those not yet shown:
     * an edit replaced by a newer one before it was evaluated is shown by the newer one's frame and timed to it.
     * Empty when frames are not tracked (no view in a scene).
     */
    public long[] takeEditsShownBy(long generation) {
        int k = 0;
        while (k < unshownEdits.size() && unshownEdits.get(k)[0] <= generation) {
            k++;
        }
        long[] at = new long[k];
        for (int i = 0; i < k; i++) {
            at[i] = unshownEdits.get(i)[1];
        }
        unshownEdits.subList(0, k).clear();
        return at;
    }

    private void kick() {
        if (running.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    /** Evaluations faster than this run on the FX thread; slower ones (large nodes) on the worker. */
    private static final long SYNC_BUDGET_NANOS = 4_000_000;
    /**
     * The last few evaluations' times; their median decides where the next runs, so one evaluation slowed by a GC
     * pause or another process does not send the next edits to the worker (a round trip through the event queue).
     */
    private final long[] recentModelNanos = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    private int recentNext;
    /** FX thread only: whether a view runs fast evaluations once per frame, and the input waiting for that frame. */
    private boolean perFrame;
    private Request frameRequest;
    /** FX thread only: {generation, edit began} of each requested edit whose evaluation has not been shown yet. */
    private final java.util.List<long[]> unshownEdits = new java.util.ArrayList<>();
    private final AtomicReference<Request> sweepOnly = new AtomicReference<>();

    /** Evaluates synchronously on the caller's thread (tests, screenshots, first frame). */
    public Evaluation evaluateNow(Scenario s) {
        SweepTarget t = sweepTarget.get() != null && sweepTarget.get().validFor(s) ? sweepTarget.get()
                : SweepTarget.defaultFor(s).orElse(null);
        Request req = new Request(++generation, s, t, System.nanoTime());
        Evaluation e = compute(req, true);
        if (e == null) {
            e = compute(req, false);
        }
        latest.set(e);
        return e;
    }

    private final Object heldLock = new Object();
    private java.util.List<Runnable> held;

    /**
     * Keeps the worker's results back until {@link #releaseResults}: the app asks for the first evaluation as the
     * window is shown, so the model runs beside the first layout, but the charts are built after the first frame,
     * never in it (on a busy machine the result could otherwise arrive first).
     */
    public void holdResults() {
        synchronized (heldLock) {
            if (held == null) {
                held = new java.util.ArrayList<>();
            }
        }
    }

    /** Hands on the results kept back, in order, and every later one as it comes. */
    public void releaseResults() {
        synchronized (heldLock) {
            // inside the lock: a result arriving meanwhile must not overtake the held ones
            if (held != null) {
                held.forEach(toFx);
                held = null;
            }
        }
    }

    /** How many results are being kept back (tests). */
    int heldResults() {
        synchronized (heldLock) {
            return held == null ? 0 : held.size();
        }
    }

    private void toFx(Runnable r) {
        synchronized (heldLock) {
            if (held != null) {
                held.add(r);
                return;
            }
            toFx.accept(r);
        }
    }

    private void drain() {
        try {
            while (true) {
                Request r = pending.getAndSet(null);
                if (r != null) {
                    try {
                        // the node and socket charts first, then (unless newer input is waiting) the sweep
                        Evaluation e = compute(r, false);
                        toFx(() -> publish(e));
                        if (r.sweep() != null && pending.get() == null) {
                            sweepOnly.set(r);
                        }
                    } catch (RuntimeException ex) {
                        toFx(() -> failure.set("The model failed on these inputs: " + ex));
                    }
                    continue;
                }
                Request only = sweepOnly.getAndSet(null);
                if (only == null) {
                    break;
                }
                if (!settled(only)) {
                    continue; // newer input arrived while waiting: its own sweep request follows
                }
                try {
                    Evaluation withSweep = compute(only, true);
                    if (withSweep != null) {
                        toFx(() -> publish(withSweep));
                    }
                } catch (RuntimeException ex) {
                    toFx(() -> failure.set("The sweep failed on these inputs: " + ex));
                }
            }
        } finally {
            running.set(false);
            // a request may have slipped in between the last poll and clearing the flag
            if (pending.get() != null || sweepOnly.get() != null) {
                kick();
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
        recordModelNanos(System.nanoTime() - t0);
        Optional<SweepResult> sweep = Optional.empty();
        if (withSweep && r.sweep() != null) {
            sweep = sweep(r);
            if (sweep.isEmpty()) {
                return null; // newer input arrived: this sweep is stale
            }
        }
        long took = System.nanoTime() - t0;
        return new Evaluation(r.generation(), r.scenario(), result, Verdict.of(r.scenario(), result), sweep, r.sweep(),
                took, r.at());
    }

    private void recordModelNanos(long nanos) {
        synchronized (recentModelNanos) {
            recentModelNanos[recentNext] = nanos;
            recentNext = (recentNext + 1) % recentModelNanos.length;
        }
    }

    private long typicalModelNanos() {
        long[] c;
        synchronized (recentModelNanos) {
            c = recentModelNanos.clone();
        }
        java.util.Arrays.sort(c);
        return c[c.length / 2];
    }

    /** The sweep waits until the input has been still this long, so a drag does not share the CPU with it. */
    private static final long SWEEP_SETTLE_NANOS = 150_000_000;

    /** Waits (in short naps) until the request is SWEEP_SETTLE_NANOS old; false if newer input arrives first. */
    private boolean settled(Request r) {
        try {
            while (System.nanoTime() - r.at() < SWEEP_SETTLE_NANOS) {
                if (pending.get() != null || r.generation() != generation) {
                    return false;
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return pending.get() == null && r.generation() == generation;
    }

    private static final int SWEEP_POINTS = 41;
    private static final int SWEEP_CHUNK = 4;

    /**
     * The sweep in small overlapping chunks, giving up as soon as newer input is waiting, so an edit never waits
     * behind more than a few evaluations. Chunks share their end points, so a crossing between two chunks is still
     * found by the chunk that spans it.
     */
    private Optional<SweepResult> sweep(Request r) {
        SweepTarget t = r.sweep();
        double[] all = new double[SWEEP_POINTS];
        for (int i = 0; i < SWEEP_POINTS; i++) {
            all[i] = t.from() + (t.to() - t.from()) * i / (SWEEP_POINTS - 1);
        }
        double[] values = new double[SWEEP_POINTS];
        long[] peak = new long[SWEEP_POINTS];
        dev.tcpmem.model.node.MemoryState[] states = new dev.tcpmem.model.node.MemoryState[SWEEP_POINTS];
        long[] pLine = new long[SWEEP_POINTS];
        long[] hLine = new long[SWEEP_POINTS];
        Double pressureAt = null;
        Double highAt = null;
        String label = t.parameter().label();
        for (int a = 0; a < SWEEP_POINTS - 1; a += SWEEP_CHUNK) {
            if (pending.get() != null || r.generation() != generation) {
                return Optional.empty();
            }
            int b = Math.min(SWEEP_POINTS - 1, a + SWEEP_CHUNK);
            SweepResult part = Sweep.run(r.scenario(), DefaultsSource.catalog(catalog), t.parameter(), all[a], all[b], b - a + 1);
            label = part.parameter();
            System.arraycopy(part.values(), 0, values, a, b - a + 1);
            System.arraycopy(part.peakPages(), 0, peak, a, b - a + 1);
            System.arraycopy(part.states(), 0, states, a, b - a + 1);
            System.arraycopy(part.pressureLine(), 0, pLine, a, b - a + 1);
            System.arraycopy(part.highLine(), 0, hLine, a, b - a + 1);
            if (pressureAt == null) {
                pressureAt = part.pressureAt();
            }
            if (highAt == null) {
                highAt = part.highAt();
            }
        }
        return Optional.of(new SweepResult(label, values, peak, states, pLine, hLine, pressureAt, highAt));
    }

    public void shutdown() {
        worker.shutdownNow();
    }
}
