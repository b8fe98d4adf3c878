package dev.tcpmem.chart;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.data.Range;

/**
 * Tick units for byte axes: every power of two from 1 B to 4 EiB, labelled in IEC units ("512 MiB", "1.5 GiB").
 *
 * <p>Why powers of two only: memory sizes, buffer limits and tcp_mem are read as binary-round values, and every tick
 * of a power-of-two step is a whole number of halves or quarters of its unit, so the labels are exact. The ratio of
 * 2 between neighbours keeps an axis within a factor of 2 of the tick count it aims at. 1.5 × 2^n steps would give
 * 768 MiB, 1.5 GiB, 2.25 GiB (and 3, 6, 9 GiB, which nobody sizes memory by); 5 × 2^n steps (640 MiB) are round in
 * neither base.
 */
public final class BinaryTickUnits extends TickUnitLadder {

    /** The one instance: its units and their formatter hold no state, so every axis on every thread shares it. */
    public static final BinaryTickUnits INSTANCE = new BinaryTickUnits();

    /** Decimals a tick label may take (a step of U/2^k gives k): quarters of a unit (1.25 GiB) read as round, eighths (1.125 GiB) do not. */
    private static final int MAX_LABEL_DECIMALS = 2;

    private BinaryTickUnits() {
        super(units());
    }

    private static List<NumberTickUnit> units() {
        IecFormat labels = IecFormat.exact();
        List<NumberTickUnit> out = new ArrayList<>();
        for (int n = 0; n <= 62; n++) {
            out.add(new NumberTickUnit((double) (1L << n), labels, 0));
        }
        return out;
    }

    /**
     * A step of U/2^k puts k-decimal labels on the ticks past the largest unit U the axis reaches (U + U/4 is
     * "1.25 GiB"): the step must be at least a quarter of that unit, unless no tick falls past U itself.
     */
    @Override
    public boolean readsWell(NumberTickUnit unit, Range range) {
        double step = unit.getSize();
        double top = Math.floor(range.getUpperBound() / step) * step;
        double u = 1;
        while (u * 1024 <= top) {
            u *= 1024;
        }
        return u == 1 || step * (1 << MAX_LABEL_DECIMALS) >= u || top < u + step;
    }
}
