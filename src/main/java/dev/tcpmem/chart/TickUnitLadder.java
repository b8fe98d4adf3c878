package dev.tcpmem.chart;

import java.util.Arrays;
import java.util.List;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.axis.TickUnitSource;
import org.jfree.data.Range;

/**
 * The tick units an axis may choose from, smallest first, built once: choosing one is a binary search that
 * allocates nothing (JFreeChart's own sources build a unit, and TickUnits a NumberFormat, on every call, and
 * NumberTickUnitSource keeps its position in fields, so it cannot be shared between charts drawn on two threads).
 */
public abstract class TickUnitLadder implements TickUnitSource, java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final NumberTickUnit[] units;
    private final double[] sizes;

    protected TickUnitLadder(List<NumberTickUnit> ascending) {
        units = ascending.toArray(new NumberTickUnit[0]);
        sizes = new double[units.length];
        for (int i = 0; i < units.length; i++) {
            sizes[i] = units[i].getSize();
            if (i > 0 && sizes[i] <= sizes[i - 1]) {
                throw new IllegalArgumentException("tick units must be in ascending order");
            }
        }
    }

    /**
     * Whether every tick of this unit over the range gets a label a reader takes in at a glance; the axis moves to
     * a larger unit when not. All units read well unless a ladder says otherwise.
     */
    public boolean readsWell(NumberTickUnit unit, Range range) {
        return true;
    }

    /** The smallest unit at least size (the largest unit when none is). */
    @Override
    public NumberTickUnit getCeilingTickUnit(double size) {
        int i = Arrays.binarySearch(sizes, size);
        if (i < 0) {
            i = -i - 1;
        }
        return units[Math.min(i, units.length - 1)];
    }

    @Override
    public NumberTickUnit getCeilingTickUnit(TickUnit unit) {
        return getCeilingTickUnit(unit.getSize());
    }

    /** The next unit up from the given one's ceiling (the largest unit stays itself). */
    @Override
    public NumberTickUnit getLargerTickUnit(TickUnit unit) {
        int i = Arrays.binarySearch(sizes, unit.getSize());
        int next = i >= 0 ? i + 1 : -i - 1;
        return units[Math.min(next, units.length - 1)];
    }

    /** How many units the ladder has (tests walk it). */
    int size() {
        return units.length;
    }

    NumberTickUnit unit(int i) {
        return units[i];
    }
}
