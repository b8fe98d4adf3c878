package dev.tcpmem.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.XYSeries;

/**
 * Node TCP memory over the timeline, stacked by pod, with tcp_mem's low, pressure and high lines labelled, the
 * pressure and over-high periods shaded and the first crossings marked.
 */
public final class NodeMemoryChart {

    private NodeMemoryChart() {
    }

    public static JFreeChart create(NodeChartData d) {
        // Stacked by hand: each pod's band is drawn as the area under its cumulative total, top band first, so
        // the renderer fills one path per pod (StackedXYAreaRenderer2 builds an Area per point: far too slow live).
        int n = d.timeSeconds().length;
        java.util.List<String> names = new java.util.ArrayList<>(d.podValues().keySet());
        double[][] cumulative = new double[names.size()][n];
        for (int p = 0; p < names.size(); p++) {
            double[] v = d.podValues().get(names.get(p));
            for (int i = 0; i < n; i++) {
                cumulative[p][i] = (p == 0 ? 0 : cumulative[p - 1][i]) + (i < v.length ? v[i] : 0);
            }
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (int p = names.size() - 1; p >= 0; p--) {
            XYSeries s = new XYSeries(names.get(p), false, true);
            for (int i = 0; i < n; i++) {
                s.add(d.timeSeconds()[i], cumulative[p][i], false);
            }
            dataset.addSeries(s);
        }
        NumberAxis x = ReadableNumberAxis.decimal("time (s)");
        x.setAutoRangeIncludesZero(true);
        // the timeline ends where the scenario says: no empty margin after the last step
        x.setLowerMargin(0);
        x.setUpperMargin(0);
        // bytes: the tick labels carry the unit (512 MiB, 1 GiB)
        String yLabel = d.unit().equals("bytes") ? "node TCP memory" : "node TCP memory (" + d.unit() + ")";
        NumberAxis y = d.unit().equals("bytes") ? ReadableNumberAxis.bytes(yLabel) : ReadableNumberAxis.counts(yLabel);
        BandRenderer renderer = new BandRenderer();
        for (int p = 0; p < names.size(); p++) {
            // series index counts from the top band down; colours follow the pod's place in the scenario
            renderer.setSeriesPaint(names.size() - 1 - p, podColour(d, names, names.get(p)));
        }
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        // the legend in the scenario's order, bottom band first ("N others" last), not the dataset's top-first order
        org.jfree.chart.LegendItemCollection legend = new org.jfree.chart.LegendItemCollection();
        for (int s = dataset.getSeriesCount() - 1; s >= 0; s--) {
            legend.add(renderer.getLegendItem(0, s));
        }
        plot.setFixedLegendItems(legend);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(ChartColors.GRID);
        plot.setRangeGridlinePaint(ChartColors.GRID);
        for (double[] iv : d.pressure()) {
            plot.addDomainMarker(new IntervalMarker(iv[0], iv[1], ChartColors.PRESSURE_SHADE), Layer.BACKGROUND);
        }
        for (double[] iv : d.overHigh()) {
            plot.addDomainMarker(new IntervalMarker(iv[0], iv[1], ChartColors.HIGH_SHADE), Layer.BACKGROUND);
        }
        // the lines here, their names and the event labels in one layer that keeps them apart (PlotLabels)
        PlotLabels labels = new PlotLabels();
        plot.addRangeMarker(line(d.high(), ChartColors.HIGH, false));
        labels.line(d.high(), "high (tcp_mem[2])", ChartColors.HIGH);
        plot.addRangeMarker(line(d.pressureLine(), ChartColors.PRESSURE, false));
        labels.line(d.pressureLine(), "pressure (tcp_mem[1])", ChartColors.PRESSURE);
        plot.addRangeMarker(line(d.low(), ChartColors.LOW, true));
        labels.line(d.low(), "low (tcp_mem[0])", ChartColors.LOW);
        d.reference().ifPresent(r -> {
            plot.addRangeMarker(line(r, ChartColors.REFERENCE, true));
            labels.line(r, "observed on the node", ChartColors.REFERENCE);
        });
        d.firstPressureSeconds().ifPresent(t -> {
            plot.addDomainMarker(crossing(t, ChartColors.PRESSURE));
            labels.event(t, "pressure at " + seconds(t), ChartColors.PRESSURE, PlotLabels.Row.TOP);
        });
        d.firstHighSeconds().ifPresent(t -> {
            plot.addDomainMarker(crossing(t, ChartColors.HIGH));
            labels.event(t, "high at " + seconds(t), ChartColors.HIGH, PlotLabels.Row.TOP);
        });
        // a pod's own cgroup pressure, in the pod's colour: where it starts and where it ends
        for (NodeChartData.PodPressure pp : d.podPressure()) {
            Color c = podColour(d, names, pp.pod()).darker();
            plot.addDomainMarker(crossing(pp.startSeconds(), c));
            labels.event(pp.startSeconds(), pp.pod() + ": own pressure", c, PlotLabels.Row.TOP);
            if (!Double.isNaN(pp.endSeconds())) {
                ValueMarker end = crossing(pp.endSeconds(), c);
                end.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f));
                plot.addDomainMarker(end);
                labels.event(pp.endSeconds(), pp.pod() + ": leaves", c, PlotLabels.Row.BOTTOM);
            }
        }
        plot.addAnnotation(labels, false);
        // keep the lines in view even when the pods use far less
        double maxData = 0;
        for (double[] v : d.podValues().values()) {
            for (double value : v) {
                maxData = Math.max(maxData, value);
            }
        }
        double stackedMax = 0;
        if (!names.isEmpty()) {
            for (double v : cumulative[names.size() - 1]) {
                stackedMax = Math.max(stackedMax, v);
            }
        }
        y.setRange(0, Math.max(Math.max(stackedMax, maxData), d.high()) * 1.08 + 1);
        JFreeChart chart = new JFreeChart(d.title(), new Font("SansSerif", Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        // the time axis ends at the last step, under its last tick label: room for the label's right half
        RectangleInsets p = chart.getPadding();
        chart.setPadding(new RectangleInsets(p.getTop(), p.getLeft(), p.getBottom(), Math.max(p.getRight(), 16)));
        return chart;
    }

    private static ValueMarker line(double value, Color color, boolean dashed) {
        return new ValueMarker(value, color, dashed
                ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                : new BasicStroke(2f));
    }

    private static ValueMarker crossing(double t, Color color) {
        return new ValueMarker(t, color, new BasicStroke(1.5f));
    }

    /** A pod's band colour: its place in the stack; a pod folded into "others" takes the others' grey. */
    private static Color podColour(NodeChartData d, java.util.List<String> names, String pod) {
        int i = names.indexOf(pod);
        return i < 0 || (d.othersPods() > 0 && i == names.size() - 1) ? ChartColors.OTHERS : ChartColors.series(i);
    }

    static String seconds(double t) {
        return t == Math.rint(t) ? String.format(Locale.ROOT, "%.0f s", t) : String.format(Locale.ROOT, "%.1f s", t);
    }
}
