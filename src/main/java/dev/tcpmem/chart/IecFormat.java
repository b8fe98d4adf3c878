package dev.tcpmem.chart;

import java.math.BigDecimal;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Formats byte counts with IEC units (KiB, MiB, GiB) for axes and labels. The default instance rounds to three
 * significant figures ("85.3 KiB"); {@link #exact()} prints a value that is a whole number of 1/4, 1/2 … of its
 * unit with the decimals it needs ("1.25 GiB", "512 MiB"), as axis ticks at binary-round steps are.
 */
public final class IecFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    /** Beyond this many decimals a label stops reading as a round value: it falls back to rounding. */
    private static final int MAX_EXACT_DECIMALS = 3;

    private final boolean exact;

    public IecFormat() {
        this(false);
    }

    private IecFormat(boolean exact) {
        this.exact = exact;
    }

    /** Labels for ticks at binary-round steps: exact, never rounded to a value the tick is not at. */
    public static IecFormat exact() {
        return new IecFormat(true);
    }

    public static String bytes(long bytes) {
        double v = bytes;
        int u = 0;
        while (Math.abs(v) >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        if (u == 0) {
            return bytes + " B";
        }
        // rounded as printed first: a value that rounds to a whole unit prints whole (2^31 - 1 is "2 GiB", not
        // "2.0 GiB"), and one that rounds to 1024 of a unit is 1 of the next (2^20 - 1 is "1 MiB", not "1024 KiB")
        double shown = Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 10) / 10.0; // half up, as %.1f rounds
        if (Math.abs(shown) >= 1024 && u < UNITS.length - 1) {
            shown /= 1024;
            u++;
        }
        return (shown == Math.rint(shown) ? String.format(Locale.ROOT, "%.0f", shown) : String.format(Locale.ROOT, "%.1f", shown))
                + " " + UNITS[u];
    }

    /**
     * The value in its largest whole unit with every decimal it needs ("1.25 GiB"; 1.5 × 2^30 is "1.5 GiB"), or as
     * {@link #bytes(long)} when that would take more than three decimals.
     */
    public static String exactBytes(long bytes) {
        int u = 0;
        while (u < UNITS.length - 1 && Math.abs(bytes) >= 1L << (10 * (u + 1))) {
            u++;
        }
        if (u == 0) {
            return bytes + " B";
        }
        // a binary fraction of the unit has a finite decimal expansion: BigDecimal gives it without rounding
        BigDecimal v = new BigDecimal(bytes).divide(BigDecimal.valueOf(1L << (10 * u))).stripTrailingZeros();
        if (v.scale() > MAX_EXACT_DECIMALS) {
            return bytes(bytes);
        }
        return v.toPlainString() + " " + UNITS[u];
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        long v = Math.round(number);
        return toAppendTo.append(exact ? exactBytes(v) : bytes(v));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(exact ? exactBytes(number) : bytes(number));
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        return null; // labels only: nothing is parsed back
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IecFormat f && f.exact == exact;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(exact);
    }
}
