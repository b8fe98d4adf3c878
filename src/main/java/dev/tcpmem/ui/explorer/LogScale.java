package dev.tcpmem.ui.explorer;

/**
 * Maps byte sizes (or page counts) to a slider position on a log2 scale and back, snapping to values people
 * write: a power of two times 1, 1.25, 1.5 or 1.75 (16 MiB, 20 MiB, 24 MiB, 28 MiB, 32 MiB).
 */
public record LogScale(long min, long max) {

    public LogScale {
        min = Math.max(1, min);
        max = Math.max(min + 1, max);
    }

    public double position(long value) {
        long v = Math.max(min, Math.min(max, value));
        return log2(v);
    }

    public double minPosition() {
        return log2(min);
    }

    public double maxPosition() {
        return log2(max);
    }

    /** The snapped value for a slider position, within [min, max]. */
    public long value(double position) {
        double raw = Math.pow(2, position);
        long base = Long.highestOneBit(Math.max(1, (long) raw));
        long best = base;
        double bestDistance = Double.MAX_VALUE;
        for (long candidate : new long[] {base, base + base / 4, base + base / 2, base + 3 * base / 4, base * 2}) {
            double d = Math.abs(Math.log(candidate) - Math.log(Math.max(1, raw)));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return Math.max(min, Math.min(max, best));
    }

    private static double log2(long v) {
        return Math.log(v) / Math.log(2);
    }
}
