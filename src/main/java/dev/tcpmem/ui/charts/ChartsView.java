package dev.tcpmem.ui.charts;

import dev.tcpmem.chart.NodeMemoryChart;
import dev.tcpmem.chart.ScenarioCharts;
import dev.tcpmem.chart.SocketChart;
import dev.tcpmem.chart.SweepChart;
import java.util.OptionalDouble;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

/**
 * The right panel: node TCP memory over time (stacked by pod, thresholds, shaded crossings), the selected
 * workload's socket, and the sweep of the last touched input. Each new evaluation redraws them; the time from the
 * edit to the repainted frame goes into {@link LatencyStats}.
 */
public final class ChartsView extends SplitPane {

    /** Points drawn per series on screen; exports draw every step. */
    private static final int LIVE_POINTS = 600;

    private final ChartViewer nodeViewer = new ChartViewer(null);
    private final ChartViewer socketViewer = new ChartViewer(null);
    private final ChartViewer sweepViewer = new ChartViewer(null);
    private final LatencyStats latency;
    private final BooleanProperty showPages;
    private final ObjectProperty<ScenarioCharts.WorkloadRef> selectedWorkload;
    private Evaluation shown;
    private JFreeChart nodeChart;

    public ChartsView(LiveEvaluation live, BooleanProperty showPages,
                      ObjectProperty<ScenarioCharts.WorkloadRef> selectedWorkload, LatencyStats latency) {
        this.latency = latency;
        this.showPages = showPages;
        this.selectedWorkload = selectedWorkload;
        getStyleClass().add("charts");
        setOrientation(Orientation.VERTICAL);
        nodeViewer.setId("nodeChart");
        socketViewer.setId("socketChart");
        sweepViewer.setId("sweepChart");
        getItems().addAll(nodeViewer, socketViewer, sweepViewer);
        setDividerPositions(0.5, 0.75);
        live.latestProperty().addListener((o, a, e) -> show(e));
        showPages.addListener((o, a, b) -> show(shown));
        selectedWorkload.addListener((o, a, b) -> show(shown));
    }

    /** The node chart on screen, for tests and export (same picture as the CLI's). */
    public JFreeChart nodeChart() {
        return nodeChart;
    }

    public JFreeChart socketChart() {
        return socketViewer.getChart();
    }

    public JFreeChart sweepChart() {
        return sweepViewer.getChart();
    }

    private void show(Evaluation e) {
        if (e == null) {
            return;
        }
        boolean sameSweep = shown != null && shown.generation() == e.generation() && e.sweep().isPresent();
        shown = e;
        boolean pages = showPages.get();
        if (!sameSweep) {
            nodeChart = NodeMemoryChart.create(ScenarioCharts.node(e.scenario(), e.result(), pages, LIVE_POINTS));
            nodeViewer.setChart(nodeChart);
            ScenarioCharts.WorkloadRef selected = selectedWorkload.get();
            boolean exists = selected != null
                    && e.scenario().pod(selected.pod()).flatMap(p -> p.workload(selected.workload())).isPresent();
            ScenarioCharts.WorkloadRef chosen = exists ? selected : ScenarioCharts.heaviestWorkload(e.result()).orElse(null);
            socketViewer.setChart(chosen == null ? null
                    : ScenarioCharts.socket(e.scenario(), e.result(), chosen).map(SocketChart::create).orElse(null));
            measure(e);
        }
        e.sweep().ifPresent(sw -> sweepViewer.setChart(SweepChart.create(ScenarioCharts.sweep(sw,
                e.sweepTarget().logScale(), OptionalDouble.of(e.sweepTarget().current()), pages))));
    }

    /** Records edit-to-frame latency once the new chart has been laid out for the next pulse. */
    private void measure(Evaluation e) {
        Scene scene = getScene();
        if (scene == null) {
            return;
        }
        long requested = e.requestedAtNanos();
        Runnable[] holder = new Runnable[1];
        holder[0] = () -> {
            latency.add(System.nanoTime() - requested);
            scene.removePostLayoutPulseListener(holder[0]);
        };
        scene.addPostLayoutPulseListener(holder[0]);
    }
}
