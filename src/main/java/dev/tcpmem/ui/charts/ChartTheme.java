package dev.tcpmem.ui.charts;

import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;

/**
 * Recolours a chart for the dark theme on screen (exports keep the light, print-friendly look): dark
 * backgrounds, light text and grid, the series and threshold colours unchanged.
 */
final class ChartTheme {

    private static final Color BACKGROUND = new Color(0x15181d);
    private static final Color PLOT = new Color(0x1d2128);
    private static final Color TEXT = new Color(0xe5e7eb);
    private static final Color GRID = new Color(0x3a414c);

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
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
            axis(xy.getDomainAxis());
            axis(xy.getRangeAxis());
        } else if (plot instanceof CategoryPlot cp) {
            cp.setRangeGridlinePaint(GRID);
            axis(cp.getDomainAxis());
            axis(cp.getRangeAxis());
            if (cp.getRenderer() != null) {
                cp.getRenderer().setDefaultItemLabelPaint(TEXT);
            }
        }
        return chart;
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
