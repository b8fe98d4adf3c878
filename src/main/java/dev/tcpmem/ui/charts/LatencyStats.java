package dev.tcpmem.ui.charts;

import java.util.Arrays;
import java.util.Locale;

/** The last few hundred edit-to-repaint latencies, with their p50, p95 and max (the diagnostics overlay). */
public final class LatencyStats {

    private final long[] samples;
    private int count;
    private int next;

    public LatencyStats(int capacity) {
        samples = new long[capacity];
    }

    public synchronized void add(long nanos) {
        samples[next] = nanos;
        next = (next + 1) % samples.length;
        count = Math.min(count + 1, samples.length);
    }

    public synchronized int count() {
        return count;
    }

    /** The q-quantile (0..1) in milliseconds, nearest-rank. */
    public synchronized double quantileMillis(double q) {
        if (count == 0) {
            return 0;
        }
        long[] s = Arrays.copyOf(samples, count);
        Arrays.sort(s);
        int rank = (int) Math.ceil(q * count) - 1;
        return s[Math.max(0, Math.min(count - 1, rank))] / 1e6;
    }

    public synchronized void clear() {
        count = 0;
        next = 0;
    }

    public String summary() {
        return String.format(Locale.ROOT, "edit→repaint p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d)", quantileMillis(0.5),
                quantileMillis(0.95), quantileMillis(1.0), count());
    }
}
