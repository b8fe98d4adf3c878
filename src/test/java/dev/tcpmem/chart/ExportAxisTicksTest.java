package dev.tcpmem.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.io.SampleScenarios;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.sweep.DefaultsSource;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.NodeList;

/**
 * The node and sweep charts of every bundled sample, exported as a design document would take them (1200 × 650),
 * and at the live window's sizes: byte ticks at round binary values, a readable number of ticks on each axis.
 */
class ExportAxisTicksTest {

    /** A label the IEC formatter prints: "0 B", "512 MiB", "1.25 GiB". */
    private static final Pattern IEC = Pattern.compile("(\\d+(?:\\.\\d+)?) (B|KiB|MiB|GiB|TiB)");
    private static final List<String> UNITS = List.of("B", "KiB", "MiB", "GiB", "TiB");

    static List<String> samples() {
        return SampleScenarios.list().stream().map(SampleScenarios.Sample::file).toList();
    }

    private record Charts(JFreeChart node, JFreeChart sweep) {
    }

    private static Charts charts(String file, boolean pages) throws Exception {
        SysctlCatalog catalog = SysctlCatalog.bundled();
        Scenario s = SampleScenarios.load(SampleScenarios.find(file).orElseThrow(), catalog);
        EvaluationResult r = ScenarioEvaluator.evaluate(s, catalog);
        ScenarioCharts.WorkloadRef ref = ScenarioCharts.heaviestWorkload(r).orElseThrow();
        // as `export --chart sweep` draws it
        var sweep = ScenarioCharts.connectionsSweep(s, ref, DefaultsSource.catalog(catalog), 101);
        return new Charts(NodeMemoryChart.create(ScenarioCharts.node(s, r, pages)),
                SweepChart.create(ScenarioCharts.sweep(sweep, false, OptionalDouble.of(ScenarioCharts.currentConnections(s, ref)), pages)));
    }

    /** The texts of an SVG export that read as byte counts: the byte axis' tick labels (no other text does). */
    private static List<String> byteLabelsOfSvg(JFreeChart chart) throws Exception {
        byte[] svg = ChartExport.bytes(chart, ChartExport.Format.SVG, 1200, 650, 1);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        NodeList texts = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg)).getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            String t = texts.item(i).getTextContent().strip();
            if (IEC.matcher(t).matches()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Bytes a label stands for, exactly ("1.25 GiB" is 5 × 2^28); fails on a label that is not a whole byte count. */
    private static long bytesOf(String label) {
        Matcher m = IEC.matcher(label);
        assertThat(m.matches()).as(label).isTrue();
        BigDecimal v = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << (10 * UNITS.indexOf(m.group(2)))));
        assertThat(v.stripTrailingZeros().scale()).as("%s is a whole number of bytes", label).isLessThanOrEqualTo(0);
        return v.longValueExact();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void byteTicksOfTheSvgExportsAreRoundBinaryValues(String file) throws Exception {
        Charts c = charts(file, false);
        for (JFreeChart chart : List.of(c.node(), c.sweep())) {
            List<String> labels = byteLabelsOfSvg(chart);
            assertThat(labels).as(file).hasSizeGreaterThanOrEqualTo(5).startsWith("0 B");
            long step = bytesOf(labels.get(1));
            // a power of two: one bit set
            assertThat(Long.bitCount(step)).as("%s: step %s", file, labels.get(1)).isEqualTo(1);
            for (int i = 0; i < labels.size(); i++) {
                assertThat(bytesOf(labels.get(i))).as("%s: tick %d of %s", file, i, labels).isEqualTo(i * step);
                // quarters of a unit at most ("1.25 GiB"), never "1.125 GiB" nor a rounded "1.4 GiB"
                String number = labels.get(i).split(" ")[0];
                assertThat(number.contains(".") ? number.length() - number.indexOf('.') - 1 : 0).as(labels.get(i))
                        .isLessThanOrEqualTo(2);
            }
        }
    }

    /** Major ticks per axis of a chart drawn at a size: the unit each axis picked for the drawn data area. */
    private static Map<String, Integer> tickCounts(JFreeChart chart, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g2 = img.createGraphics();
        try {
            ChartRenderingInfo info = new ChartRenderingInfo();
            chart.draw(g2, new Rectangle(width, height), info);
            XYPlot plot = chart.getXYPlot();
            var area = info.getPlotInfo().getDataArea();
            return Map.of("x", major(plot.getDomainAxis(), g2, area, plot.getDomainAxisEdge()),
                    "y", major(plot.getRangeAxis(), g2, area, plot.getRangeAxisEdge()));
        } finally {
            g2.dispose();
        }
    }

    private static int major(ValueAxis axis, Graphics2D g2, java.awt.geom.Rectangle2D area, org.jfree.chart.ui.RectangleEdge edge) {
        return (int) axis.refreshTicks(g2, new AxisState(), area, edge).stream()
                .filter(t -> ((ValueTick) t).getTickType() == TickType.MAJOR).count();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void anExportAt1200By650HasAReadableNumberOfTicks(String file) throws Exception {
        for (boolean pages : new boolean[] {true, false}) {
            Charts c = charts(file, pages);
            for (JFreeChart chart : List.of(c.node(), c.sweep())) {
                Map<String, Integer> n = tickCounts(chart, 1200, 650);
                // JFreeChart's own choice put 34 ticks up the Cassandra export and 37 along it
                assertThat(n.get("y")).as("%s %s, %s", file, pages ? "pages" : "bytes", chart.getTitle().getText()).isBetween(5, 14);
                assertThat(n.get("x")).as("%s %s, %s", file, pages ? "pages" : "bytes", chart.getTitle().getText()).isBetween(5, 14);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void theLiveChartsAtTheWindowsSizesKeepAFewTicks(String file) throws Exception {
        // the right panel of the 1600 × 1000 window: the node chart 670 × 470, the sweep 670 × 240 (screenshots/)
        Charts c = charts(file, false);
        Map<String, Integer> node = tickCounts(c.node(), 670, 470);
        assertThat(node.get("y")).as(file).isBetween(4, 11);
        assertThat(node.get("x")).as(file).isBetween(4, 11);
        Map<String, Integer> sweep = tickCounts(c.sweep(), 670, 240);
        assertThat(sweep.get("y")).as(file).isBetween(3, 8);
        assertThat(sweep.get("x")).as(file).isBetween(4, 11);
    }
}
