package dev.tcpmem.bench;

import dev.tcpmem.chart.IecFormat;
import dev.tcpmem.chart.NodeChartData;
import dev.tcpmem.chart.NodeMemoryChart;
import dev.tcpmem.chart.ScenarioCharts;
import dev.tcpmem.chart.SocketChart;
import dev.tcpmem.chart.SocketChartData;
import dev.tcpmem.io.SampleScenarios;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.Scenario;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a live redraw costs: the Cassandra sample's node chart (600 points per series) and socket chart built and
 * drawn at their size in the window (AWT into an image, as the canvas draws with AWT font metrics). {@code axes}
 * "readable" is the app's; "jfreechart" swaps in the axes main had before binary ticks (JFreeChart's 1-2-5 units
 * chosen by label size, the IEC format as an override; the socket's fixed 4× log ticks), for a like-for-like check.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Djava.awt.headless=true"})
public class ChartDrawBenchmark {

    @Param({"readable", "jfreechart"})
    public String axes;

    private NodeChartData node;
    private SocketChartData socket;
    private BufferedImage image;
    private Graphics2D g2;

    @Setup
    public void build() throws Exception {
        SysctlCatalog catalog = SysctlCatalog.bundled();
        Scenario s = SampleScenarios.load(SampleScenarios.cassandra(), catalog);
        EvaluationResult r = ScenarioEvaluator.evaluate(s, catalog);
        node = ScenarioCharts.node(s, r, false, 600);
        socket = ScenarioCharts.socket(s, r, ScenarioCharts.heaviestWorkload(r).orElseThrow()).orElseThrow();
        image = new BufferedImage(670, 470, BufferedImage.TYPE_INT_ARGB);
        g2 = image.createGraphics();
    }

    @TearDown
    public void dispose() {
        g2.dispose();
    }

    @Benchmark
    public JFreeChart nodeChartDrawn() {
        JFreeChart c = NodeMemoryChart.create(node);
        if (axes.equals("jfreechart")) {
            XYPlot p = c.getXYPlot();
            NumberAxis y = new NumberAxis(p.getRangeAxis().getLabel());
            y.setNumberFormatOverride(new IecFormat());
            y.setRange(p.getRangeAxis().getRange());
            p.setRangeAxis(y);
            NumberAxis x = new NumberAxis(p.getDomainAxis().getLabel());
            x.setLowerMargin(0);
            x.setUpperMargin(0);
            p.setDomainAxis(x);
        }
        c.draw(g2, new Rectangle(670, 470));
        return c;
    }

    @Benchmark
    public JFreeChart socketChartDrawn() {
        JFreeChart c = SocketChart.create(socket);
        if (axes.equals("jfreechart")) {
            CategoryPlot p = c.getCategoryPlot();
            LogAxis value = new LogAxis(p.getRangeAxis().getLabel());
            value.setBase(2);
            value.setSmallestValue(1024);
            value.setNumberFormatOverride(new IecFormat());
            value.setUpperMargin(0.35);
            value.setAutoTickUnitSelection(false);
            value.setTickUnit(new NumberTickUnit(2, new IecFormat()));
            p.setRangeAxis(value);
        }
        c.draw(g2, new Rectangle(670, 200));
        return c;
    }
}
