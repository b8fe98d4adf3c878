package dev.tcpmem.ui;

import dev.tcpmem.ui.charts.LatencyStats;
import java.util.Locale;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What View ▸ Show timing diagnostics tells: the last model run, edit-to-repaint p50/p95/max over the last few hundred
 * edits, cold start to the first frame, and the heap in use (BENCHMARKS.md has the budgets).
 */
public final class TimingDiagnostics {

    private final LatencyStats latency;
    private final LongSupplier heapUsedBytes;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private long modelNanos = -1;
    private long firstFrameMillis = -1;

    public TimingDiagnostics(LatencyStats latency) {
        this(latency, () -> Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
    }

    /** heapUsedBytes: the heap in use now (a test can pass its own). */
    public TimingDiagnostics(LatencyStats latency, LongSupplier heapUsedBytes) {
        this.latency = latency;
        this.heapUsedBytes = heapUsedBytes;
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Time of the last evaluation (model only). */
    public void modelRan(long nanos) {
        modelNanos = nanos;
        refresh();
    }

    /** Time from JVM start to the first laid-out frame, once known. */
    public void firstFrame(long millisSinceJvmStart) {
        firstFrameMillis = millisSinceJvmStart;
        refresh();
    }

    public long firstFrameMillis() {
        return firstFrameMillis;
    }

    /** Recomputes the text (the heap changes without edits: the window refreshes it every second while shown). */
    public void refresh() {
        StringBuilder b = new StringBuilder();
        if (modelNanos >= 0) {
            b.append(String.format(Locale.ROOT, "model %.2f ms · ", modelNanos / 1e6));
        }
        b.append(latency.summary());
        if (firstFrameMillis >= 0) {
            b.append(String.format(Locale.ROOT, " · cold start %,d ms", firstFrameMillis));
        }
        b.append(String.format(Locale.ROOT, " · heap %,d MiB", heapUsedBytes.getAsLong() >> 20));
        text.set(b.toString());
    }
}
