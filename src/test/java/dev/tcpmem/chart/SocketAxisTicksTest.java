package dev.tcpmem.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.io.SampleScenarios;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.Scenario;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.text.AttributedCharacterIterator;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.junit.jupiter.api.Test;

/** The socket chart's log axis: ticks at powers of two whose labels never run into each other. */
class SocketAxisTicksTest {

    private record Drawn(List<String> labels, List<Double> x, double widestLabel) {
    }

    private static Drawn draw(JFreeChart chart, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g2 = img.createGraphics();
        try {
            ChartRenderingInfo info = new ChartRenderingInfo();
            chart.draw(g2, new Rectangle(width, height), info);
            CategoryPlot plot = chart.getCategoryPlot();
            ValueAxis axis = plot.getRangeAxis();
            Rectangle2D area = info.getPlotInfo().getDataArea();
            FontMetrics fm = g2.getFontMetrics(axis.getTickLabelFont());
            List<String> labels = new ArrayList<>();
            List<Double> x = new ArrayList<>();
            double widest = 0;
            for (Object o : axis.refreshTicks(g2, new AxisState(), area, plot.getRangeAxisEdge())) {
                LogTick t = (LogTick) o;
                if (t.getTickType() != TickType.MAJOR) {
                    continue;
                }
                StringBuilder b = new StringBuilder();
                AttributedCharacterIterator it = t.getAttributedLabel().getIterator();
                for (char c = it.first(); c != AttributedCharacterIterator.DONE; c = it.next()) {
                    b.append(c);
                }
                labels.add(b.toString());
                x.add(axis.valueToJava2D(t.getValue(), area, plot.getRangeAxisEdge()));
                widest = Math.max(widest, fm.stringWidth(b.toString()));
            }
            return new Drawn(labels, x, widest);
        } finally {
            g2.dispose();
        }
    }

    private static void assertReadable(Drawn d) {
        assertThat(d.labels()).hasSizeGreaterThanOrEqualTo(3);
        for (String l : d.labels()) {
            assertThat(l).matches("(1|2|4|8|16|32|64|128|256|512) (B|KiB|MiB|GiB|TiB)");
        }
        for (int i = 1; i < d.x().size(); i++) {
            // centred labels: neighbours apart by more than a label's width leave a gap
            assertThat(d.x().get(i) - d.x().get(i - 1)).as("%s", d.labels()).isGreaterThan(d.widestLabel() + 2);
        }
    }

    @Test
    void theCassandraSocketTicksEveryFourTimesInAnExportAndStaysReadableInANarrowWindow() throws Exception {
        SysctlCatalog catalog = SysctlCatalog.bundled();
        Scenario s = SampleScenarios.load(SampleScenarios.cassandra(), catalog);
        EvaluationResult r = ScenarioEvaluator.evaluate(s, catalog);
        SocketChartData d = ScenarioCharts.socket(s, r, ScenarioCharts.heaviestWorkload(r).orElseThrow()).orElseThrow();
        // 1 KiB to 16 MiB × margin is under 20 doublings: along 1,000 px, 100 px per 4×, room for "256 KiB"
        Drawn export = draw(SocketChart.create(d), 1200, 600);
        assertThat(export.labels()).startsWith("1 KiB", "4 KiB", "16 KiB", "64 KiB", "256 KiB", "1 MiB");
        assertReadable(export);
        assertReadable(draw(SocketChart.create(d), 560, 200));
    }

    @Test
    void aTwoGibBufferInTheWindowsWidthStepsFurther() {
        // tcp_rmem[2] at its largest (INT_MAX): 1 KiB to beyond 2 GiB in a 580 px chart, about 21 px per doubling,
        // where every 4× ("16 KiB64 KiB256 KiB") and every 8× would run the labels into each other
        SocketChartData d = new SocketChartData("big", 131_072, Integer.MAX_VALUE, 16_384, Integer.MAX_VALUE,
                1L << 30, 1_500_000_000L, 3_000_000_000L, 1e10, 1e9, true);
        Drawn live = draw(SocketChart.create(d), 580, 200);
        assertThat(live.labels()).startsWith("1 KiB", "32 KiB", "1 MiB", "32 MiB", "1 GiB");
        assertReadable(live);
    }
}
