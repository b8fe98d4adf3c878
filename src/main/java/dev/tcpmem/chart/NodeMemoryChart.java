package dev.tcpmem.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;

/**
 * Node TCP memory over the timeline, stacked by pod, with tcp_mem's low, pressure and high lines labelled, the
 * pressure and over-high periods shaded and the first crossings marked.
 */
public final class NodeMemoryChart {

    private NodeMemoryChart() {
    }

    public static JFreeChart create(NodeChartData d) {
        DefaultTableXYDataset dataset = new DefaultTableXYDataset();
        for (Map.Entry<String, double[]> e : d.podValues().entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, false);
            double[] v = e.getValue();
            for (int i = 0; i < d.timeSeconds().length && i < v.length; i++) {
                s.add(d.timeSeconds()[i], v[i], false);
            }
            dataset.addSeries(s);
        }
        NumberAxis x = new NumberAxis("time (s)");
        x.setAutoRangeIncludesZero(true);
        NumberAxis y = new NumberAxis("node TCP memory (" + d.unit() + ")");
        y.setNumberFormatOverride(d.unit().equals("bytes") ? new IecFormat() : NumberFormat.getIntegerInstance(Locale.ROOT));
        StackedXYAreaRenderer2 renderer = new StackedXYAreaRenderer2();
        for (int i = 0; i < d.podValues().size(); i++) {
            renderer.setSeriesPaint(i, ChartColors.translucent(ChartColors.series(i), 200));
        }
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(ChartColors.GRID);
        plot.setRangeGridlinePaint(ChartColors.GRID);
        for (double[] iv : d.pressure()) {
            plot.addDomainMarker(new IntervalMarker(iv[0], iv[1], ChartColors.PRESSURE_SHADE), Layer.BACKGROUND);
        }
        for (double[] iv : d.overHigh()) {
            plot.addDomainMarker(new IntervalMarker(iv[0], iv[1], ChartColors.HIGH_SHADE), Layer.BACKGROUND);
        }
        plot.addRangeMarker(line(d.low(), "low (tcp_mem[0])", ChartColors.LOW, true));
        plot.addRangeMarker(line(d.pressureLine(), "pressure (tcp_mem[1])", ChartColors.PRESSURE, false));
        plot.addRangeMarker(line(d.high(), "high (tcp_mem[2])", ChartColors.HIGH, false));
        d.reference().ifPresent(r -> plot.addRangeMarker(line(r, "observed on the node", ChartColors.REFERENCE, true)));
        d.firstPressureSeconds().ifPresent(t -> plot.addDomainMarker(crossing(t, "pressure at " + seconds(t), ChartColors.PRESSURE)));
        d.firstHighSeconds().ifPresent(t -> plot.addDomainMarker(crossing(t, "high at " + seconds(t), ChartColors.HIGH)));
        // keep the lines in view even when the pods use far less
        double maxData = 0;
        for (double[] v : d.podValues().values()) {
            for (double value : v) {
                maxData = Math.max(maxData, value);
            }
        }
        double stackedMax = 0;
        for (int i = 0; i < d.timeSeconds().length; i++) {
            double sum = 0;
            for (double[] v : d.podValues().values()) {
                sum += i < v.length ? v[i] : 0;
            }
            stackedMax = Math.max(stackedMax, sum);
        }
        y.setRange(0, Math.max(Math.max(stackedMax, maxData), d.high()) * 1.08 + 1);
        JFreeChart chart = new JFreeChart(d.title(), new Font("SansSerif", Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static ValueMarker line(double value, String label, Color color, boolean dashed) {
        ValueMarker m = new ValueMarker(value, color, dashed
                ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                : new BasicStroke(2f));
        m.setLabel(label);
        m.setLabelFont(new Font("SansSerif", Font.PLAIN, 12));
        m.setLabelPaint(color);
        m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        return m;
    }

    private static ValueMarker crossing(double t, String label, Color color) {
        ValueMarker m = new ValueMarker(t, color, new BasicStroke(1.5f));
        m.setLabel(label);
        m.setLabelFont(new Font("SansSerif", Font.BOLD, 12));
        m.setLabelPaint(color);
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        return m;
    }

    static String seconds(double t) {
        return t == Math.rint(t) ? String.format(Locale.ROOT, "%.0f s", t) : String.format(Locale.ROOT, "%.1f s", t);
    }
}
