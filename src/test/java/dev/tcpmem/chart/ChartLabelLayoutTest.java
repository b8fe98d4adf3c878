package dev.tcpmem.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.io.SampleScenarios;
import dev.tcpmem.kernel.Pages;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.sweep.DefaultsSource;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a reader sees of the text on the charts: every label of every bundled sample's node, sweep and socket chart,
 * exported at 1200 × 650 and drawn at the sizes the charts have in a 1280 × 800 window (measured on its screenshot:
 * 494 × 367 for the node chart, 494 × 180 for the socket and sweep charts) and in the default 1440 × 900 one,
 * neither covers another nor is cut off by the plot or the chart's edge.
 */
class ChartLabelLayoutTest {

    /** Sizes: an export, then the live charts at 1280 × 800 and 1440 × 900. */
    private static final int[][] NODE_SIZES = {{1200, 650}, {494, 367}, {590, 416}};
    private static final int[][] SMALL_SIZES = {{1200, 650}, {494, 180}, {590, 208}};

    static Stream<Arguments> chartsAtEverySize() throws Exception {
        SysctlCatalog catalog = SysctlCatalog.bundled();
        List<Arguments> out = new ArrayList<>();
        for (SampleScenarios.Sample sample : SampleScenarios.list()) {
            Scenario s = SampleScenarios.load(sample, catalog);
            EvaluationResult r = ScenarioEvaluator.evaluate(s, catalog);
            ScenarioCharts.WorkloadRef ref = ScenarioCharts.heaviestWorkload(r).orElseThrow();
            var sweep = ScenarioCharts.connectionsSweep(s, ref, DefaultsSource.catalog(catalog), 101);
            OptionalDouble now = OptionalDouble.of(ScenarioCharts.currentConnections(s, ref));
            for (boolean pages : new boolean[] {true, false}) {
                String unit = pages ? "pages" : "bytes";
                for (int[] size : NODE_SIZES) {
                    out.add(Arguments.of(sample.file() + " node " + unit, size[0], size[1],
                            NodeMemoryChart.create(ScenarioCharts.node(s, r, pages, size[0] == 1200 ? Integer.MAX_VALUE : 600))));
                }
                for (int[] size : SMALL_SIZES) {
                    out.add(Arguments.of(sample.file() + " sweep " + unit, size[0], size[1],
                            SweepChart.create(ScenarioCharts.sweep(sweep, false, now, pages))));
                }
            }
            for (int[] size : SMALL_SIZES) {
                out.add(Arguments.of(sample.file() + " socket", size[0], size[1],
                        SocketChart.create(ScenarioCharts.socket(s, r, ref).orElseThrow())));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} at {1} x {2}")
    @MethodSource("chartsAtEverySize")
    void noLabelCoversAnotherOrIsCutOff(String what, int width, int height, JFreeChart chart) throws Exception {
        List<SvgTextBoxes.Box> boxes = SvgTextBoxes.of(chart, width, height);
        assertThat(boxes).as("texts of %s", what).hasSizeGreaterThan(5);
        Rectangle2D page = new Rectangle2D.Double(0, 0, width, height);
        for (SvgTextBoxes.Box b : boxes) {
            assertThat(inside(b.bounds(), page)).as("%s: %s inside the %d x %d chart", what, b, width, height).isTrue();
            assertThat(b.clip() == null || inside(b.bounds(), b.clip()))
                    .as("%s: %s inside its clip %s", what, b, b.clip()).isTrue();
        }
        // and none is left out for want of room at these sizes
        java.util.Collection<?> annotations = chart.getPlot() instanceof XYPlot xy ? xy.getAnnotations()
                : ((org.jfree.chart.plot.CategoryPlot) chart.getPlot()).getAnnotations();
        List<String> drawn = boxes.stream().map(SvgTextBoxes.Box::text).toList();
        for (Object a : annotations) {
            if (a instanceof PlotLabels labels) {
                for (String t : labels.texts()) {
                    // a BDP below the socket axis' floor says so after its value
                    assertThat(drawn).as("%s: every line name and event label drawn", what)
                            .anyMatch(d -> d.equals(t) || d.equals(t + " (below the axis)"));
                }
            }
        }
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertThat(overlap(boxes.get(i).bounds(), boxes.get(j).bounds()))
                        .as("%s: %s and %s overlap", what, boxes.get(i), boxes.get(j)).isFalse();
            }
        }
    }

    /**
     * The window's charts take whatever width the split panes leave; the socket chart's labels (bar values at the
     * bars' ends, the BDP, the top axis' last tick) stay apart and inside at every width from 454 to 700, for every
     * sample. (Below about 450 the subtitle, which JFreeChart wraps by the SVG's narrower fractional metrics, is
     * wider than the chart by the whole-pixel metrics this test measures with.)
     */
    @Test
    void socketChartsKeepTheirTickLabelsInsideAtEveryWidth() throws Exception {
        SysctlCatalog catalog = SysctlCatalog.bundled();
        for (SampleScenarios.Sample sample : SampleScenarios.list()) {
            Scenario s = SampleScenarios.load(sample, catalog);
            EvaluationResult r = ScenarioEvaluator.evaluate(s, catalog);
            SocketChartData d = ScenarioCharts.socket(s, r, ScenarioCharts.heaviestWorkload(r).orElseThrow()).orElseThrow();
            for (int width = 454; width <= 700; width += 6) {
                noLabelCoversAnotherOrIsCutOff(sample.file() + " socket", width, 180, SocketChart.create(d));
            }
        }
    }

    /** An event near the start used to write over the line names (incident-pressure: pressure at 22.6 s). */
    @Test
    void theIncidentsPressureLabelAndTheLineNamesAreAllThere() throws Exception {
        SysctlCatalog catalog = SysctlCatalog.bundled();
        Scenario s = SampleScenarios.load(SampleScenarios.find("incident-pressure.tcpmem.json").orElseThrow(), catalog);
        EvaluationResult r = ScenarioEvaluator.evaluate(s, catalog);
        List<String> texts = SvgTextBoxes.of(NodeMemoryChart.create(ScenarioCharts.node(s, r, false, 600)), 494, 367)
                .stream().map(SvgTextBoxes.Box::text).toList();
        assertThat(texts).contains("pressure at 22.6 s", "high (tcp_mem[2])", "pressure (tcp_mem[1])", "low (tcp_mem[0])");
    }

    /**
     * 40 pods: svc-NN has 200 + 10 × NN client connections and otherwise the same workloads, so the eight with the
     * most memory are svc-32 … svc-39; the other 32 share one band, and the stack's top is still the node's total.
     */
    @Test
    void manyPodsNameTheEightLargestAndFoldTheRest() throws Exception {
        SysctlCatalog catalog = SysctlCatalog.bundled();
        Scenario s = SampleScenarios.load(SampleScenarios.find("many-small-pods.tcpmem.json").orElseThrow(), catalog);
        EvaluationResult r = ScenarioEvaluator.evaluate(s, catalog);
        assertThat(s.pods()).hasSize(40);
        JFreeChart chart = NodeMemoryChart.create(ScenarioCharts.node(s, r, false));
        List<String> legend = legend(chart);
        assertThat(legend).containsExactly("svc-32", "svc-33", "svc-34", "svc-35", "svc-36", "svc-37", "svc-38",
                "svc-39", "32 others");
        // the top of the stack (series 0) is the node's TCP memory at every step, in bytes
        var top = ((XYPlot) chart.getPlot()).getDataset().getSeriesKey(0);
        assertThat(top).isEqualTo("32 others");
        long[] node = r.series().nodePages();
        for (int i = 0; i < node.length; i += 97) {
            assertThat(((XYPlot) chart.getPlot()).getDataset().getYValue(0, i)).isEqualTo(node[i] * (double) Pages.PAGE_SIZE);
        }
        // on screen, at 1280 x 800, the nine entries take two rows under the plot
        List<SvgTextBoxes.Box> boxes = SvgTextBoxes.of(NodeMemoryChart.create(ScenarioCharts.node(s, r, false, 600)), 494, 367);
        long rows = boxes.stream().filter(b -> legend.contains(b.text())).mapToDouble(b -> b.bounds().getY()).distinct().count();
        assertThat(boxes.stream().filter(b -> legend.contains(b.text()))).hasSize(9);
        assertThat(rows).isEqualTo(2);
    }

    @Test
    void aFewPodsAreAllNamedInTheScenariosOrder() throws Exception {
        SysctlCatalog catalog = SysctlCatalog.bundled();
        Scenario s = SampleScenarios.load(SampleScenarios.find("cassandra-seed.tcpmem.json").orElseThrow(), catalog);
        EvaluationResult r = ScenarioEvaluator.evaluate(s, catalog);
        List<String> legend = legend(NodeMemoryChart.create(ScenarioCharts.node(s, r, true)));
        assertThat(legend).containsExactlyElementsOf(s.pods().stream().map(p -> p.name()).toList());
    }

    /** SO_RCVBUF's ceiling, INT_MAX bytes, reads "2 GiB" at its bar; a BDP under the axis' 1 KiB floor keeps clear. */
    @Test
    void aTwoGibibyteBufferReadsTwoGibibytes() throws Exception {
        SocketChartData d = new SocketChartData("Socket", 131_072, Integer.MAX_VALUE, 16_384, 4_194_304, 1_073_741_823,
                87_380, 1000, 1e6, 1e3, true);
        List<SvgTextBoxes.Box> boxes = SvgTextBoxes.of(SocketChart.create(d), 494, 180);
        List<String> texts = boxes.stream().map(SvgTextBoxes.Box::text).toList();
        assertThat(texts).contains("2 GiB", "128 KiB", "16 KiB", "4 MiB", "85.3 KiB", "BDP 1000 B").doesNotContain("2.0 GiB");
        noLabelCoversAnotherOrIsCutOff("INT_MAX socket", 494, 180, SocketChart.create(d));
    }

    private static List<String> legend(JFreeChart chart) {
        List<String> out = new ArrayList<>();
        var items = ((XYPlot) chart.getPlot()).getLegendItems();
        for (int i = 0; i < items.getItemCount(); i++) {
            out.add(items.get(i).getLabel());
        }
        return out;
    }

    private static boolean inside(Rectangle2D r, Rectangle2D outer) {
        // half a pixel for rounding of the metrics
        return r.getMinX() >= outer.getMinX() - 0.5 && r.getMaxX() <= outer.getMaxX() + 0.5
                && r.getMinY() >= outer.getMinY() - 0.5 && r.getMaxY() <= outer.getMaxY() + 0.5;
    }

    private static boolean overlap(Rectangle2D a, Rectangle2D b) {
        // a shared edge or half a pixel of descent into the next line is not an overlap a reader sees
        return Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX()) > 0.5
                && Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY()) > 0.5;
    }
}
