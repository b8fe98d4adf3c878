package dev.tcpmem.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.text.AttributedCharacterIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

/** A sweep of a byte-sized input (tcp_rmem[2], node memory) reads its axis in IEC units at powers of two. */
class SweepByteAxisTest {

    @Test
    void aTcpRmemSweepTicksAtPowersOfTwoAndNamesItsCrossingsInMib() throws Exception {
        // the window sweeps an element from a 16th to 16 times its value: tcp_rmem[2] 16 MiB → 1 MiB … 256 MiB
        double[] values = new double[41];
        double[] peak = new double[41];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.pow(2, 20 + i * 8.0 / 40);
            peak[i] = 1000 + values[i] / 1000;
        }
        SweepChartData d = new SweepChartData("Sweep of tcp_rmem[2]", "net.ipv4.tcp_rmem[2]", true, values, peak, "pages",
                750, 1000, 1500, OptionalDouble.of(12_345_678), OptionalDouble.empty(), OptionalDouble.of(16 << 20), true);
        JFreeChart chart = SweepChart.create(d);
        BufferedImage img = new BufferedImage(670, 240, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g2 = img.createGraphics();
        List<String> labels = new ArrayList<>();
        try {
            ChartRenderingInfo info = new ChartRenderingInfo();
            chart.draw(g2, new Rectangle(670, 240), info);
            XYPlot plot = chart.getXYPlot();
            for (Object o : plot.getDomainAxis().refreshTicks(g2, new AxisState(), info.getPlotInfo().getDataArea(),
                    plot.getDomainAxisEdge())) {
                LogTick t = (LogTick) o;
                if (t.getTickType() == TickType.MAJOR) {
                    StringBuilder b = new StringBuilder();
                    AttributedCharacterIterator it = t.getAttributedLabel().getIterator();
                    for (char c = it.first(); c != AttributedCharacterIterator.DONE; c = it.next()) {
                        b.append(c);
                    }
                    labels.add(b.toString());
                }
            }
        } finally {
            g2.dispose();
        }
        // 8 doublings along about 600 px: 75 px per doubling, room for a tick every 4×
        assertThat(labels).containsExactly("1 MiB", "4 MiB", "16 MiB", "64 MiB", "256 MiB");
        // 12,345,678 bytes = 11.77 MiB
        assertThat(SvgTextBoxes.of(chart, 800, 500).stream().map(SvgTextBoxes.Box::text)).contains("pressure at 11.8 MiB");
    }

    @Test
    void aLineAlreadyCrossedAtTheSweepsFirstValueSaysSo() throws Exception {
        // connections 0 … 4,000 and a node held at 1,200 pages by something else (pressure line 1,000): crossed
        // whatever the swept workload does, so "pressure at 0" would read as if 0 connections caused it
        double[] values = {0, 1000, 2000, 3000, 4000};
        double[] peak = {1200, 1300, 1400, 1500, 1600};
        SweepChartData d = new SweepChartData("Sweep of pod/w connections", "pod/w connections", false, values, peak,
                "pages", 750, 1000, 1500, OptionalDouble.of(0), OptionalDouble.of(3000), OptionalDouble.of(1000), false);
        List<String> texts = SvgTextBoxes.of(SweepChart.create(d), 800, 500).stream().map(SvgTextBoxes.Box::text).toList();
        assertThat(texts).contains("pressure already at 0", "high at 3,000").doesNotContain("pressure at 0");
    }
}
