package dev.tcpmem.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A base-2 log axis of bytes with ticks at powers of two: every 4× (1 KiB, 4 KiB, 16 KiB …) while the labels have
 * room, else every 8× (4 KiB, 32 KiB, 256 KiB, 2 MiB …), 32× (1 KiB, 32 KiB, 1 MiB …) or 1024× (1 KiB, 1 MiB,
 * 1 GiB): in a narrow window, or when a large buffer stretches the range. (LogAxis puts ticks at 2^(k × step).)
 *
 * <p>The choice measures no text: JFreeChart's own measures candidate labels on every redraw, which was the socket
 * chart's main cost during a drag (BENCHMARKS.md). A label at a power of two is at most three digits and a unit
 * ("512 MiB"): about 4.2 em wide in SansSerif, which the font size gives.
 */
public final class BinaryLogAxis extends LogAxis {

    private static final long serialVersionUID = 1L;
    /** Exponent steps, ticks 4×, 8×, 32×, 1024× apart: the last two land on every other IEC unit, or on every one. */
    private static final NumberTickUnit[] STEPS = {new NumberTickUnit(2), new NumberTickUnit(3), new NumberTickUnit(5),
        new NumberTickUnit(10)};
    /** "512 MiB" in em, and the space between two labels. */
    private static final double LABEL_EMS = 4.2;
    private static final double GAP_EMS = 0.6;

    public BinaryLogAxis(String label) {
        super(label);
        setBase(2);
        setNumberFormatOverride(new IecFormat());
        setTickUnit(STEPS[0], false, false);
    }

    @Override
    protected void selectAutoTickUnit(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        double perDoubling = exponentLengthToJava2D(1, dataArea, edge);
        double em = getTickLabelFont().getSize2D();
        double need = RectangleEdge.isTopOrBottom(edge) ? (LABEL_EMS + GAP_EMS) * em : 2.5 * em;
        NumberTickUnit unit = STEPS[STEPS.length - 1];
        for (NumberTickUnit s : STEPS) {
            if (s.getSize() * perDoubling >= need) {
                unit = s;
                break;
            }
        }
        setTickUnit(unit, false, false);
    }
}
