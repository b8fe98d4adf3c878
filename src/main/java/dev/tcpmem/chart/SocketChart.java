package dev.tcpmem.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/** The selected workload's socket: buffers, window and queues (log scale, bytes) against its BDP. */
public final class SocketChart {

    private SocketChart() {
    }

    public static JFreeChart create(SocketChartData d) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        String bytes = "bytes";
        ds.addValue(Math.max(1, d.rcvbufInitial()), bytes, "rcvbuf initial");
        ds.addValue(Math.max(1, d.rcvbufMax()), bytes, d.autotuning() ? "rcvbuf max (autotuned)" : "rcvbuf (locked)");
        ds.addValue(Math.max(1, d.windowMax()), bytes, "window max");
        ds.addValue(Math.max(1, d.sndbufInitial()), bytes, "sndbuf initial");
        ds.addValue(Math.max(1, d.sndbufMax()), bytes, "sndbuf max");
        ds.addValue(Math.max(1, d.memoryPeakPerConnection()), bytes, "charged at peak (truesize)");
        LogAxis value = new BinaryLogAxis("bytes per connection (log scale)");
        value.setSmallestValue(1024);
        value.setUpperMargin(0.35);
        CategoryAxis cat = new CategoryAxis();
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, ChartColors.series(0));
        r.setItemMargin(0.0);
        r.setMaximumBarWidth(0.12);
        CategoryPlot plot = new CategoryPlot(ds, cat, value, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(ChartColors.GRID);
        // bar values and the BDP's label placed together, so the BDP's never covers a bar's value (PlotLabels)
        PlotLabels labels = new PlotLabels().barValues(new IecFormat());
        if (d.bdpBytes() > 0) {
            plot.addRangeMarker(new ValueMarker(d.bdpBytes(), ChartColors.PRESSURE, new BasicStroke(2f)));
            labels.event(d.bdpBytes(), "BDP " + IecFormat.bytes(d.bdpBytes()), ChartColors.PRESSURE, PlotLabels.Row.TOP);
        }
        plot.addAnnotation(labels, false);
        JFreeChart chart = new JFreeChart(d.title(), new Font("SansSerif", Font.BOLD, 15), plot, false);
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT,
                "throughput ceiling (window / RTT) %s/s, offered %s/s", IecFormat.bytes((long) d.throughputCeilingBytesPerSecond()),
                IecFormat.bytes((long) d.offeredBytesPerSecond())), new Font("SansSerif", Font.PLAIN, 12)));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
