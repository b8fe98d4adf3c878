package dev.tcpmem.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.io.SampleScenarios;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.Scenario;
import java.util.Collection;
import java.util.List;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;

/** The node chart marks where a pod enters and leaves its own cgroup's pressure, apart from the node's. */
class PodPressureMarkerTest {

    @Test
    void theSamplesIngestPodIsMarkedWhereItsOwnPressureStartsAndEnds() throws Exception {
        // memcg-limit-bites-first: the ingest pod's readers stall from 30 s to 70 s behind its 512 MiB limit; the
        // node stays far below tcp_mem[1], so the only crossing markers are the pod's own
        Scenario s = SampleScenarios.load(SampleScenarios.find("memcg-limit-bites-first.tcpmem.json").orElseThrow(),
                SysctlCatalog.bundled());
        EvaluationResult r = ScenarioEvaluator.evaluate(s, SysctlCatalog.bundled());
        var spans = r.pods().stream().filter(p -> p.name().equals("ingest")).findFirst().orElseThrow()
                .memcg().pressureSpans();
        assertThat(spans).hasSize(1);
        assertThat(spans.get(0).startSeconds()).isBetween(30.0, 31.0);
        assertThat(spans.get(0).endSeconds()).isBetween(70.0, 71.0);
        var chart = NodeMemoryChart.create(ScenarioCharts.node(s, r, true));
        XYPlot plot = chart.getXYPlot();
        Collection<?> markers = plot.getDomainMarkers(Layer.FOREGROUND);
        // the two labels as drawn, and no crossing of the node's lines
        List<String> texts = SvgTextBoxes.of(chart, 1200, 650).stream().map(SvgTextBoxes.Box::text).toList();
        assertThat(texts).contains("ingest: own pressure", "ingest: leaves").noneMatch(t -> t.startsWith("pressure at"));
        List<Double> at = markers.stream().map(m -> ((ValueMarker) m).getValue()).toList();
        assertThat(at).containsExactly(spans.get(0).startSeconds(), spans.get(0).endSeconds());
        assertThat(r.node().firstPressureSeconds()).isNull();
    }
}
