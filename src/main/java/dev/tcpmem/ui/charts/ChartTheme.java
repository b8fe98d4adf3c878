package dev.tcpmem.ui.charts;

import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.Layer;

/**
 * Recolours a chart for the dark theme on screen (exports keep the light, print-friendly look): dark
 * backgrounds, light text and grid, the series and threshold colours unchanged.
 */
final class ChartTheme {

    private static final Color BACKGROUND = new Color(0x15181d);
    private static final Color PLOT = new Color(0x1d2128);
    private static final Color TEXT = new Color(0xe5e7eb);
    private static final Color GRID = new Color(0x3a414c);
    private static final Color LABEL_PLATE = new Color(0x15, 0x18, 0x1d, 225);

    private ChartTheme() {
    }

    static JFreeChart apply(JFreeChart chart, boolean dark) {
        if (chart == null || !dark) {
            return chart;
        }
        chart.setBackgroundPaint(BACKGROUND);
        for (Object o : chart.getSubtitles()) {
            recolour((Title) o);
        }
        if (chart.getTitle() != null) {
            chart.getTitle().setPaint(TEXT);
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(PLOT);
        if (plot instanceof XYPlot xy) {
            markers(xy.getDomainMarkers(Layer.FOREGROUND));
            markers(xy.getDomainMarkers(Layer.BACKGROUND));
            markers(xy.getRangeMarkers(Layer.FOREGROUND));
            markers(xy.getRangeMarkers(Layer.BACKGROUND));
            labels(xy.getAnnotations());
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
            axis(xy.getDomainAxis());
            axis(xy.getRangeAxis());
        } else if (plot instanceof CategoryPlot cp) {
            markers(cp.getRangeMarkers(Layer.FOREGROUND));
            markers(cp.getRangeMarkers(Layer.BACKGROUND));
            labels(cp.getAnnotations());
            cp.setRangeGridlinePaint(GRID);
            axis(cp.getDomainAxis());
            axis(cp.getRangeAxis());
        }
        return chart;
    }

    /** Marker labels: the line's colour lightened, on a dark plate instead of the light one exports use. */
    private static void markers(java.util.Collection<?> ms) {
        if (ms == null) {
            return;
        }
        for (Object o : ms) {
            if (o instanceof Marker m) {
                if (m.getLabelPaint() instanceof Color c) {
                    m.setLabelPaint(lighter(c));
                }
                m.setLabelBackgroundColor(LABEL_PLATE);
            }
        }
    }

    /** The plot's own labels (line names, events, bar values): light text, lightened colours, dark plates. */
    private static void labels(java.util.Collection<?> annotations) {
        for (Object o : annotations) {
            if (o instanceof dev.tcpmem.chart.PlotLabels pl) {
                pl.restyle(TEXT, ChartTheme::lighter, LABEL_PLATE);
            }
        }
    }

    /** Halfway to white: the same hue, readable on the dark plate. */
    static Color lighter(Color c) {
        return new Color((c.getRed() + 255) / 2, (c.getGreen() + 255) / 2, (c.getBlue() + 255) / 2);
    }

    private static void recolour(Title t) {
        if (t instanceof TextTitle tt) {
            tt.setPaint(TEXT);
        } else if (t instanceof LegendTitle lt) {
            lt.setItemPaint(TEXT);
            lt.setBackgroundPaint(BACKGROUND);
        }
    }

    private static void axis(Axis a) {
        if (a == null) {
            return;
        }
        a.setLabelPaint(TEXT);
        a.setTickLabelPaint(TEXT);
        a.setAxisLinePaint(GRID);
        a.setTickMarkPaint(GRID);
    }
}
