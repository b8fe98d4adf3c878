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
        // bytes: the tick labels carry the unit (1 GiB); a short chart gets the shorter titles (ReadableNumberAxis)
        NumberAxis y = d.unit().equals("bytes")
                ? ReadableNumberAxis.bytes("peak node TCP memory").shortening("peak TCP memory", "peak")
                : ReadableNumberAxis.counts("peak node TCP memory (" + d.unit() + ")")
                        .shortening("peak TCP memory (" + d.unit() + ")", "peak (" + d.unit() + ")", d.unit());
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, ChartColors.series(0));
        r.setSeriesStroke(0, new BasicStroke(2.5f));
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(ChartColors.GRID);
        plot.setRangeGridlinePaint(ChartColors.GRID);
        // line names and crossing labels in one layer that keeps them apart and inside the plot (PlotLabels)
        PlotLabels labels = new PlotLabels();
        plot.addRangeMarker(line(d.high(), ChartColors.HIGH));
        labels.line(d.high(), "high", ChartColors.HIGH);
        plot.addRangeMarker(line(d.pressure(), ChartColors.PRESSURE));
        labels.line(d.pressure(), "pressure", ChartColors.PRESSURE);
        plot.addRangeMarker(line(d.low(), ChartColors.LOW));
        labels.line(d.low(), "low", ChartColors.LOW);
        d.pressureCrossing().ifPresent(v -> {
            plot.addDomainMarker(vertical(v, ChartColors.PRESSURE));
            labels.event(v, crossing("pressure", d, v), ChartColors.PRESSURE, PlotLabels.Row.TOP);
        });
        d.highCrossing().ifPresent(v -> {
            plot.addDomainMarker(vertical(v, ChartColors.HIGH));
            // from the bottom up: the pressure crossing's label takes the top
            labels.event(v, crossing("high", d, v), ChartColors.HIGH, PlotLabels.Row.BOTTOM);
        });
        d.current().ifPresent(v -> {
            plot.addDomainMarker(vertical(v, ChartColors.series(0)));
            labels.event(v, "now", ChartColors.series(0), PlotLabels.Row.MIDDLE);
        });
        plot.addAnnotation(labels, false);
        double max = 0;
        for (double p : d.peak()) {
            max = Math.max(max, p);
        }
        // room above the high line for its name at the live chart's height (about 130 pixels of plot)
        y.setRange(0, Math.max(max, d.high()) * 1.15 + 1);
        JFreeChart chart = new JFreeChart(d.title(), new Font("SansSerif", Font.BOLD, 15), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * "pressure at 1,226"; a line crossed at the sweep's first value is crossed whatever the parameter is (another
     * workload or a timeline event already takes the node there), which "at 0" alone would hide.
     */
    private static String crossing(String line, SweepChartData d, double v) {
        boolean fromStart = d.parameterValues().length > 0 && v <= d.parameterValues()[0];
        return line + (fromStart ? " already at " : " at ") + value(d, v);
    }

    private static ValueMarker line(double v, Color c) {
        return new ValueMarker(v, c, new BasicStroke(1.5f));
    }

    private static ValueMarker vertical(double v, Color c) {
        return new ValueMarker(v, c, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {5f, 4f}, 0f));
    }

    /** A value of the swept input as its axis reads it: "11.8 MiB" for bytes, "47,156" for counts. */
    private static String value(SweepChartData d, double v) {
        return d.parameterInBytes() ? IecFormat.bytes(Math.round(v)) : number(v);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%,.2f", v);
    }
}
