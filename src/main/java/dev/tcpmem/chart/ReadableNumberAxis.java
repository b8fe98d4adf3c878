package dev.tcpmem.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;

/**
 * A number axis whose ticks a reader of a design document takes in: steps from a {@link TickUnitLadder} (binary
 * round for bytes, 1-2-2.5-5 for counts and seconds), at most {@value #MAX_INTERVALS} intervals along the axis
 * and never closer than two label heights (up the side) or a label's width and a gap (along the bottom).
 *
 * <p>JFreeChart's own choice is the smallest unit whose labels do not touch: 34 ticks up a 650-pixel export. The
 * choice here takes the same two measurements (label height, the two end labels' widths) and a binary search of
 * a ladder built once, so a redraw costs what it did (BENCHMARKS.md, the slider budget).
 */
public final class ReadableNumberAxis extends NumberAxis {

    private static final long serialVersionUID = 1L;
    /** With neighbouring units at most 2× apart, an axis gets between half this and this many intervals. */
    static final int MAX_INTERVALS = 10;

    private final TickUnitLadder ladder;
    private String[] shorter = new String[0];

    public ReadableNumberAxis(String label, TickUnitLadder ladder) {
        super(label);
        this.ladder = ladder;
        setStandardTickUnits(ladder);
        setTickUnit(ladder.getCeilingTickUnit(1.0), false, false);
    }

    /** Bytes: binary-round ticks with IEC labels. */
    public static ReadableNumberAxis bytes(String label) {
        return new ReadableNumberAxis(label, BinaryTickUnits.INSTANCE);
    }

    /** Whole numbers: pages, connections. */
    public static ReadableNumberAxis counts(String label) {
        return new ReadableNumberAxis(label, DecimalTickUnits.INTEGERS);
    }

    /** Seconds (or any quantity that may step by fractions). */
    public static ReadableNumberAxis decimal(String label) {
        return new ReadableNumberAxis(label, DecimalTickUnits.FRACTIONS);
    }

    /**
     * Shorter titles, longest first, for when the axis is too short for its label (a sweep chart 130 pixels high
     * showed "peak node TCP memory (byte"): the longest that fits is drawn.
     */
    public ReadableNumberAxis shortening(String... shorterLabels) {
        this.shorter = shorterLabels.clone();
        return this;
    }

    @Override
    protected AxisState drawLabel(String label, Graphics2D g2, Rectangle2D plotArea, Rectangle2D dataArea,
                                  RectangleEdge edge, AxisState state) {
        String fitting = label;
        if (label != null && shorter.length > 0) {
            double room = RectangleEdge.isTopOrBottom(edge) ? dataArea.getWidth() : dataArea.getHeight();
            java.awt.FontMetrics fm = g2.getFontMetrics(getLabelFont());
            for (int i = 0; fm.stringWidth(fitting) > room && i < shorter.length; i++) {
                fitting = shorter[i];
            }
        }
        return super.drawLabel(fitting, g2, plotArea, dataArea, edge, state);
    }

    @Override
    protected void selectAutoTickUnit(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        boolean alongBottom = RectangleEdge.isTopOrBottom(edge);
        double length = alongBottom ? dataArea.getWidth() : dataArea.getHeight();
        Range range = getRange();
        if (!(length > 0) || !(range.getLength() > 0)) {
            return; // nothing to space out (a collapsed area or range): keep the current unit
        }
        double labelHeight = estimateMaximumTickLabelHeight(g2);
        double minSpacing = Math.max(length / MAX_INTERVALS, alongBottom ? 0 : 2 * labelHeight);
        NumberTickUnit unit = ladder.getCeilingTickUnit(range.getLength() * minSpacing / length);
        // side by side, labels need their width and a gap of about a letter's height, and binary steps must give
        // labels without long decimals: each check moves up a unit or two at most
        while (true) {
            boolean fits = !alongBottom
                    || estimateMaximumTickLabelWidth(g2, unit) + labelHeight <= unit.getSize() * length / range.getLength();
            NumberTickUnit larger = ladder.getLargerTickUnit(unit);
            if ((fits && ladder.readsWell(unit, range)) || larger == unit) {
                break;
            }
            unit = larger;
        }
        setTickUnit(unit, false, false);
    }
}
