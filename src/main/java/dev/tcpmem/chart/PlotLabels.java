package dev.tcpmem.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jfree.chart.annotations.AbstractAnnotation;
import org.jfree.chart.annotations.CategoryAnnotation;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.CategoryDataset;

/**
 * Every text label inside a plot (the tcp_mem lines' names, the crossings and events on the time or swept axis, a
 * bar's value), placed when the plot is drawn, once its size is known, so that no label covers another and none
 * runs past the plot's edge. JFreeChart's marker labels sit at a fixed anchor whatever else is there: at a laptop's
 * chart size an event near the start wrote over the threshold names.
 *
 * <p>Placement, in order: bar values (fixed, at the bar's end, as a reader expects them); then line names at the
 * right end of their line, above it, else below it, else further left; then event labels beside their line (right
 * of it, else left), in the first free row counted from their preferred edge (top, bottom or middle). A label
 * with no free place at this size is left out rather than drawn over another. The lines keep the right end
 * because the timeline's events and a sweep's crossings tend to sit left of it, and a line's name reads last
 * along the line; the placement costs a few string measurements per redraw.
 */
public final class PlotLabels extends AbstractAnnotation implements XYAnnotation, CategoryAnnotation {

    private static final long serialVersionUID = 1L;
    /** Space between a label and its line, between rows, and inside the plot's edge. */
    private static final double GAP = 3;
    private static final Font LINE_FONT = new Font("SansSerif", Font.PLAIN, 12);
    private static final Font EVENT_FONT = new Font("SansSerif", Font.BOLD, 12);
    private static final Font BAR_FONT = new Font("SansSerif", Font.PLAIN, 10);
    /**
     * Whole-pixel metrics (a bitmap's): an SVG or PDF graphics measures with fractional metrics, up to 4 % narrower
     * than a PNG or a viewer's renderer draws the same string; the wider of the two keeps the room honest for both.
     */
    private static final java.awt.font.FontRenderContext WHOLE_PIXELS = new java.awt.font.FontRenderContext(null, false, false);

    /** Where an event label would rather be along its vertical line. */
    public enum Row { TOP, MIDDLE, BOTTOM }

    private record Line(double value, String text, Color paint) {
    }

    private record Event(double value, String text, Color paint, Row row) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private boolean barValues;
    private java.text.NumberFormat barFormat;
    private Color textPaint = Color.BLACK;
    private Color plate = new Color(255, 255, 255, 225);

    /** The name of a horizontal line at value (on the range axis). */
    public PlotLabels line(double value, String text, Color paint) {
        lines.add(new Line(value, text, paint));
        return this;
    }

    /** A label beside a vertical line at value (on the domain axis; the value axis of a horizontal bar chart). */
    public PlotLabels event(double value, String text, Color paint, Row row) {
        events.add(new Event(value, text, paint, row));
        return this;
    }

    /** Bar charts: each bar's value at its end, formatted so (drawn here so the event labels can keep clear of it). */
    public PlotLabels barValues(java.text.NumberFormat format) {
        this.barValues = true;
        this.barFormat = format;
        return this;
    }

    /** For a dark background: plain text in textPaint, coloured labels through accent, on plates of plate. */
    public void restyle(Color textPaint, UnaryOperator<Color> accent, Color plate) {
        this.textPaint = textPaint;
        this.plate = plate;
        lines.replaceAll(l -> new Line(l.value(), l.text(), accent.apply(l.paint())));
        events.replaceAll(e -> new Event(e.value(), e.text(), accent.apply(e.paint()), e.row()));
        fireAnnotationChanged();
    }

    /** The line names and event labels this layer holds (bar values aside). */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        lines.forEach(l -> out.add(l.text()));
        events.forEach(e -> out.add(e.text()));
        return out;
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
                     int rendererIndex, PlotRenderingInfo info) {
        Placer p = new Placer(g2, dataArea);
        RectangleEdge yEdge = plot.getRangeAxisEdge();
        RectangleEdge xEdge = plot.getDomainAxisEdge();
        for (Line l : lines) {
            p.line(rangeAxis.valueToJava2D(l.value(), dataArea, yEdge), l.text(), l.paint());
        }
        for (Event e : events) {
            p.event(domainAxis.valueToJava2D(e.value(), dataArea, xEdge), e.text(), e.paint(), e.row());
        }
    }

    @Override
    public void draw(Graphics2D g2, CategoryPlot plot, Rectangle2D dataArea, CategoryAxis domainAxis,
                     ValueAxis rangeAxis) {
        Placer p = new Placer(g2, dataArea);
        RectangleEdge valueEdge = plot.getRangeAxisEdge();
        if (barValues && plot.getOrientation() == PlotOrientation.HORIZONTAL) {
            CategoryDataset ds = plot.getDataset();
            int count = ds.getColumnCount();
            for (int c = 0; c < count; c++) {
                Number v = ds.getValue(0, c);
                if (v == null) {
                    continue;
                }
                double end = Math.max(dataArea.getMinX(), rangeAxis.valueToJava2D(v.doubleValue(), dataArea, valueEdge));
                RectangleEdge catEdge = plot.getDomainAxisEdge();
                double start = domainAxis.getCategoryStart(c, count, dataArea, catEdge);
                double stop = domainAxis.getCategoryEnd(c, count, dataArea, catEdge);
                p.barValue(end, start, stop, barFormat.format(v.doubleValue()));
            }
        }
        for (Event e : events) {
            if (e.value() < rangeAxis.getLowerBound()) {
                // below the axis' floor (a BDP of a few bytes) there is no line to stand beside: it says so, at
                // the left or right edge, off the bars if it can
                p.event(Double.NaN, e.text() + " (below the axis)", e.paint(), e.row());
            } else {
                p.event(rangeAxis.valueToJava2D(e.value(), dataArea, valueEdge), e.text(), e.paint(), e.row());
            }
        }
    }

    /** Places labels one by one, each in the first candidate box inside the area that touches none placed before. */
    private final class Placer {
        private final Graphics2D g2;
        private final Rectangle2D area;
        private final List<Rectangle2D> taken = new ArrayList<>();
        /** Bars: an event label keeps off them if it can (it may cover one; never a label). */
        private final List<Rectangle2D> bars = new ArrayList<>();

        Placer(Graphics2D g2, Rectangle2D area) {
            this.g2 = g2;
            this.area = area;
        }

        /** The bar's band across the category (start to stop) and its value at its end. */
        void barValue(double barEnd, double start, double stop, String text) {
            bars.add(new Rectangle2D.Double(area.getMinX(), start, barEnd - area.getMinX(), stop - start));
            double mid = (start + stop) / 2;
            FontMetrics fm = g2.getFontMetrics(BAR_FONT);
            double w = width(fm, text);
            double h = fm.getAscent() + fm.getDescent();
            // at the bar's end; a bar reaching the plot's edge gets its value inside its end
            double left = barEnd + GAP;
            if (left + w > area.getMaxX() - 1) {
                left = barEnd - GAP - w;
            }
            draw(new Rectangle2D.Double(left, mid - h / 2, w, h), text, BAR_FONT, textPaint, false);
        }

        void line(double y, String text, Color paint) {
            FontMetrics fm = g2.getFontMetrics(LINE_FONT);
            double w = width(fm, text);
            double h = fm.getAscent() + fm.getDescent();
            double above = y - 1 - h;
            double below = y + 2;
            for (int k = 0; k < 4; k++) {
                double right = area.getMaxX() - GAP - k * (w + 4 * GAP);
                for (double top : new double[] {above, below}) {
                    Rectangle2D r = new Rectangle2D.Double(right - w, top, w, h);
                    if (free(r, List.of())) {
                        draw(r, text, LINE_FONT, paint, true);
                        return;
                    }
                }
            }
        }

        /** Beside a vertical line at x; x NaN: no line, anywhere along a row's ends. */
        void event(double x, String text, Color paint, Row row) {
            FontMetrics fm = g2.getFontMetrics(EVENT_FONT);
            double w = width(fm, text);
            double h = fm.getAscent() + fm.getDescent();
            double step = h + GAP;
            int rows = (int) Math.floor((area.getHeight() - GAP) / step);
            double[] lefts = Double.isNaN(x) ? new double[] {area.getMinX() + GAP, area.getMaxX() - GAP - w}
                    : new double[] {x + GAP, x - GAP - w};
            // first off the bars too, then over a bar if nothing else is free
            for (List<Rectangle2D> avoid : List.of(bars, List.<Rectangle2D>of())) {
                if (event(lefts, w, h, step, rows, row, avoid, text, paint)) {
                    return;
                }
            }
        }

        private boolean event(double[] lefts, double w, double h, double step, int rows, Row row,
                              List<Rectangle2D> avoid, String text, Color paint) {
            for (int i = 0; i < rows; i++) {
                double top = switch (row) {
                    case TOP -> area.getMinY() + GAP + i * step;
                    case BOTTOM -> area.getMaxY() - GAP - h - i * step;
                    // from the middle outwards: middle, one row down, one up, two down …
                    case MIDDLE -> area.getCenterY() - h / 2 + ((i + 1) / 2) * step * (i % 2 == 1 ? 1 : -1);
                };
                for (double left : lefts) {
                    Rectangle2D r = new Rectangle2D.Double(left, top, w, h);
                    if (free(r, avoid)) {
                        draw(r, text, EVENT_FONT, paint, true);
                        return true;
                    }
                }
            }
            return false;
        }

        private double width(FontMetrics fm, String text) {
            return Math.ceil(Math.max(fm.stringWidth(text), fm.getFont().getStringBounds(text, WHOLE_PIXELS).getWidth()));
        }

        private boolean free(Rectangle2D r, List<Rectangle2D> alsoAvoid) {
            if (r.getMinX() < area.getMinX() + 1 || r.getMaxX() > area.getMaxX() - 1
                    || r.getMinY() < area.getMinY() + 1 || r.getMaxY() > area.getMaxY() - 1) {
                return false;
            }
            return clear(r, taken) && clear(r, alsoAvoid);
        }

        private static boolean clear(Rectangle2D r, List<Rectangle2D> others) {
            for (Rectangle2D t : others) {
                // a pixel apart at least, so two plates never merge into one
                if (r.getMaxX() + 1 > t.getMinX() && t.getMaxX() + 1 > r.getMinX()
                        && r.getMaxY() + 1 > t.getMinY() && t.getMaxY() + 1 > r.getMinY()) {
                    return false;
                }
            }
            return true;
        }

        private void draw(Rectangle2D r, String text, Font font, Color paint, boolean onPlate) {
            taken.add(r);
            if (onPlate) {
                g2.setPaint(plate);
                g2.fill(r);
            }
            g2.setFont(font);
            g2.setPaint(paint);
            FontMetrics fm = g2.getFontMetrics(font);
            g2.drawString(text, (float) r.getX(), (float) (r.getY() + fm.getAscent()));
        }
    }
}
