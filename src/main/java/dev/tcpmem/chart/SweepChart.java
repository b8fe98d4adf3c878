package dev.tcpmem.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.NumberFormat;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The node's peak TCP memory as one input varies, with where it crosses pressure and high. */
public final class SweepChart {

    private SweepChart() {
    }

    public static JFreeChart create(SweepChartData d) {
        XYSeries s = new XYSeries("peak node TCP memory", false, true);
        for (int i = 0; i < d.parameterValues().length; i++) {
            if (!d.logScale() || d.parameterValues()[i] > 0) {
                s.add(d.parameterValues()[i], d.peak()[i]);
            }
        }
        ValueAxis x;
        if (d.parameterInBytes()) {
            x = d.logScale() ? new BinaryLogAxis(d.parameterLabel() + " (log scale)") : ReadableNumberAxis.bytes(d.parameterLabel());
        } else if (d.logScale()) {
            LogAxis log = new LogAxis(d.parameterLabel() + " (log scale)");
            log.setBase(10);
            log.setNumberFormatOverride(NumberFormat.getIntegerInstance(Locale.ROOT));
            x = log;
        } else {
            // linear sweeps vary counts (connections, connections waiting for accept()): whole-number steps
            x = ReadableNumberAxis.counts(d.parameterLabel());
        }
        String yLabel = "peak node TCP memory (" + d.unit() + ")";
        NumberAxis y = d.unit().equals("bytes") ? ReadableNumberAxis.bytes(yLabel) : ReadableNumberAxis.counts(yLabel);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, ChartColors.series(0));
        r.setSeriesStroke(0, new BasicStroke(2.5f));
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(ChartColors.GRID);
        plot.setRangeGridlinePaint(ChartColors.GRID);
        plot.addRangeMarker(line(d.low(), "low", ChartColors.LOW));
        plot.addRangeMarker(line(d.pressure(), "pressure", ChartColors.PRESSURE));
        plot.addRangeMarker(line(d.high(), "high", ChartColors.HIGH));
        d.pressureCrossing().ifPresent(v -> plot.addDomainMarker(vertical(v, "pressure at " + value(d, v), ChartColors.PRESSURE)));
        d.highCrossing().ifPresent(v -> {
            ValueMarker m = vertical(v, "high at " + value(d, v), ChartColors.HIGH);
            // below the pressure label so the two never overlap
            m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addDomainMarker(m);
        });
        d.current().ifPresent(v -> {
            // mid-height, so it never sits on the crossing labels at the top and bottom
            ValueMarker m = vertical(v, "now", ChartColors.series(0));
            m.setLabelAnchor(RectangleAnchor.RIGHT);
            m.setLabelTextAnchor(TextAnchor.CENTER_LEFT);
            plot.addDomainMarker(m);
        });
        double max = 0;
        for (double p : d.peak()) {
            max = Math.max(max, p);
        }
        y.setRange(0, Math.max(max, d.high()) * 1.08 + 1);
        JFreeChart chart = new JFreeChart(d.title(), new Font("SansSerif", Font.BOLD, 15), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static ValueMarker line(double v, String label, Color c) {
        ValueMarker m = new ValueMarker(v, c, new BasicStroke(1.5f));
        m.setLabel(label);
        m.setLabelPaint(c);
        // at the right end: crossings near the start of the range put their labels at the left
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        return m;
    }

    private static ValueMarker vertical(double v, String label, Color c) {
        ValueMarker m = new ValueMarker(v, c, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {5f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelPaint(c);
        m.setLabelFont(new Font("SansSerif", Font.BOLD, 12));
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        return m;
    }

    /** A value of the swept input as its axis reads it: "11.8 MiB" for bytes, "47,156" for counts. */
    private static String value(SweepChartData d, double v) {
        return d.parameterInBytes() ? IecFormat.bytes(Math.round(v)) : number(v);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%,.2f", v);
    }
}
