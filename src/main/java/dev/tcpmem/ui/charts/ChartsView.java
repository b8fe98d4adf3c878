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
import javafx.scene.layout.StackPane;
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

    // the viewers (JFreeChart's canvas, context menu and handlers) are made with the first evaluation, after the
    // window's first frame: until then each slot is an empty pane (BENCHMARKS.md, cold start)
    private final StackPane nodeSlot = new StackPane();
    private final StackPane socketSlot = new StackPane();
    private final StackPane sweepSlot = new StackPane();
    private ChartViewer nodeViewer;
    private ChartViewer socketViewer;
    private ChartViewer sweepViewer;
    private final LatencyStats latency;
    private final LiveEvaluation live;
    private final BooleanProperty showPages;
    private final ObjectProperty<ScenarioCharts.WorkloadRef> selectedWorkload;
    private Evaluation shown;
    private dev.tcpmem.chart.NodeChartData shownNodeData;
    private dev.tcpmem.chart.SocketChartData shownSocketData;
    private javafx.scene.control.Tooltip socketTip;
    private JFreeChart nodeChart;

    private final BooleanProperty dark;

    public ChartsView(LiveEvaluation live, BooleanProperty showPages, BooleanProperty dark,
                      ObjectProperty<ScenarioCharts.WorkloadRef> selectedWorkload, LatencyStats latency) {
        this.dark = dark;
        this.latency = latency;
        this.showPages = showPages;
        this.selectedWorkload = selectedWorkload;
        getStyleClass().add("charts");
        setOrientation(Orientation.VERTICAL);
        nodeSlot.setId("nodeChart");
        socketSlot.setId("socketChart");
        sweepSlot.setId("sweepChart");
        getItems().addAll(nodeSlot, socketSlot, sweepSlot);
        setDividerPositions(0.5, 0.75);
        this.live = live;
        live.latestProperty().addListener((o, a, e) -> show(e));
        // in a scene, fast evaluations run once per frame just before its layout (LiveEvaluation.runFrame)
        Runnable frame = live::runFrame;
        sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removePreLayoutPulseListener(frame);
            }
            if (now != null) {
                now.addPreLayoutPulseListener(frame);
            }
            live.evaluateOncePerFrame(now != null);
        });
        showPages.addListener((o, a, b) -> redrawAll());
        dark.addListener((o, a, b) -> redrawAll());
        selectedWorkload.addListener((o, a, b) -> redrawAll());
    }

    /** The node chart on screen, for tests and export (same picture as the CLI's). */
    public JFreeChart nodeChart() {
        return nodeChart;
    }

    private Runnable onExplain = () -> { };

    /** Clicking a chart asks "why these numbers?" (the window shows every derivation). */
    public void setOnExplain(Runnable onExplain) {
        this.onExplain = onExplain;
    }

    /** The three viewers, once: called with the first evaluation to show. */
    private void createViewers() {
        if (nodeViewer != null) {
            return;
        }
        nodeViewer = new ChartViewer(null);
        socketViewer = new ChartViewer(null);
        sweepViewer = new ChartViewer(null);
        nodeSlot.getChildren().add(nodeViewer);
        socketSlot.getChildren().add(socketViewer);
        sweepSlot.getChildren().add(sweepViewer);
        installNodeTooltip();
    }

    /**
     * The socket chart's tooltip: the workload's final pages per connection and, where the kernel leaves them in a
     * band, the band and why (PagesPerConnectionText).
     */
    public static String socketTipText(Evaluation e, ScenarioCharts.WorkloadRef ref) {
        return e.result().pods().stream().filter(p -> p.name().equals(ref.pod())).findFirst()
                .flatMap(p -> p.workloads().stream().filter(w -> w.name().equals(ref.workload())).findFirst())
                .map(w -> ref + ": " + dev.tcpmem.ui.PagesPerConnectionText.of(w)
                        + "\nDouble-click for how these numbers are derived")
                .orElse("");
    }

    /** Hovering the node chart tells the values at that time; a click opens their derivations. */
    private void installNodeTooltip() {
        socketTip = new javafx.scene.control.Tooltip();
        socketTip.setShowDelay(javafx.util.Duration.millis(100));
        socketTip.setWrapText(true);
        socketTip.setMaxWidth(520);
        javafx.scene.control.Tooltip.install(socketViewer, socketTip);
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        tip.setShowDelay(javafx.util.Duration.millis(100));
        javafx.scene.control.Tooltip.install(nodeViewer, tip);
        nodeViewer.setOnMouseMoved(m -> {
            Evaluation e = shown;
            JFreeChart c = nodeChart;
            var info = nodeViewer.getCanvas().getRenderingInfo();
            if (e == null || c == null || info == null) {
                return;
            }
            var area = info.getPlotInfo().getDataArea();
            var plot = (org.jfree.chart.plot.XYPlot) c.getPlot();
            double t = plot.getDomainAxis().java2DToValue(m.getX(), area, plot.getDomainAxisEdge());
            tip.setText(valuesAt(e, t));
        });
        for (ChartViewer v : new ChartViewer[] {nodeViewer, socketViewer, sweepViewer}) {
            v.setOnMouseClicked(m -> {
                if (m.getClickCount() == 2) {
                    onExplain.run();
                }
            });
        }
    }

    /** "t = 62.4 s: node 412,345 pages (1.6 GiB) …" for the step nearest to t. */
    public static String valuesAt(Evaluation e, double t) {
        var ser = e.result().series();
        double[] time = ser.timeSeconds();
        if (time.length == 0) {
            return "";
        }
        int found = java.util.Arrays.binarySearch(time, t);
        int after = found >= 0 ? found : Math.min(time.length - 1, Math.max(0, -found - 1));
        int before = Math.max(0, after - 1);
        final int i = found >= 0 || Math.abs(time[after] - t) <= Math.abs(t - time[before]) ? after : before;
        var n = e.result().node();
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "t = %.1f s: node %,d pages (%s)",
                time[i], ser.nodePages()[i], dev.tcpmem.chart.IecFormat.bytes(ser.nodePages()[i] * e.result().pageSize())));
        long v = ser.nodePages()[i];
        b.append(v > n.tcpMem().high() ? ", over high" : v > n.tcpMem().pressure() ? ", above pressure" : v > n.tcpMem().low() ? ", above low" : "");
        ser.podPages().forEach((pod, pages) -> b.append(String.format(java.util.Locale.ROOT, "%n  %s %,d pages", pod, pages[i])));
        b.append("\nDouble-click for how these numbers are derived");
        return b.toString();
    }

    /** For export: the node chart as on screen but light and with every step (as the CLI's export draws it). */
    public JFreeChart nodeChartForExport() {
        return shown == null ? null : NodeMemoryChart.create(ScenarioCharts.node(shown.scenario(), shown.result(), showPages.get()));
    }

    public JFreeChart socketChartForExport() {
        if (shown == null) {
            return null;
        }
        ScenarioCharts.WorkloadRef ref = selectedWorkload.get() != null ? selectedWorkload.get()
                : ScenarioCharts.heaviestWorkload(shown.result()).orElse(null);
        return ref == null ? null : ScenarioCharts.socket(shown.scenario(), shown.result(), ref).map(SocketChart::create).orElse(null);
    }

    public JFreeChart sweepChartForExport() {
        Evaluation e = shown;
        return e == null || e.sweep().isEmpty() ? null : SweepChart.create(ScenarioCharts.sweep(e.sweep().get(),
                e.sweepTarget().logScale(), OptionalDouble.of(e.sweepTarget().current()), showPages.get(),
                e.sweepTarget().inBytes(live.catalog())));
    }

    private void redrawAll() {
        Evaluation e = shown;
        shown = null;
        shownNodeData = null;
        shownSocketData = null;
        show(e);
    }

    private void show(Evaluation e) {
        if (e == null) {
            return;
        }
        createViewers();
        boolean sameSweep = shown != null && shown.generation() == e.generation() && e.sweep().isPresent();
        shown = e;
        boolean pages = showPages.get();
        if (!sameSweep) {
            // redraw only what changed: a drag that leaves the node's series as they were costs no repaint
            var nodeData = ScenarioCharts.node(e.scenario(), e.result(), pages, LIVE_POINTS);
            if (!sameNodeData(nodeData)) {
                shownNodeData = nodeData;
                nodeChart = NodeMemoryChart.create(nodeData);
                nodeViewer.setChart(forScreen(nodeChart));
            }
            ScenarioCharts.WorkloadRef selected = selectedWorkload.get();
            boolean exists = selected != null
                    && e.scenario().pod(selected.pod()).flatMap(p -> p.workload(selected.workload())).isPresent();
            ScenarioCharts.WorkloadRef chosen = exists ? selected : ScenarioCharts.heaviestWorkload(e.result()).orElse(null);
            var socketData = chosen == null ? null : ScenarioCharts.socket(e.scenario(), e.result(), chosen).orElse(null);
            if (socketData == null || !socketData.equals(shownSocketData)) {
                shownSocketData = socketData;
                socketViewer.setChart(socketData == null ? null : forScreen(SocketChart.create(socketData)));
            }
            socketTip.setText(chosen == null ? "" : socketTipText(e, chosen));
            measure(e);
        }
        e.sweep().ifPresent(sw -> sweepViewer.setChart(forScreen(SweepChart.create(ScenarioCharts.sweep(sw,
                e.sweepTarget().logScale(), OptionalDouble.of(e.sweepTarget().current()), pages,
                e.sweepTarget().inBytes(live.catalog()))))));
    }

    /**
     * A chart as drawn in the window: the theme's colours, and text measured with AWT's font metrics. The JavaFX
     * canvas measures each string by building a JavaFX Text node (org.jfree.chart.fx asks for that), which was more
     * than half of redrawing the socket chart at every step of a drag (JFR, BENCHMARKS.md); both resolve the same
     * fonts here, and the screenshots show the labels placed as before.
     */
    private JFreeChart forScreen(JFreeChart chart) {
        chart.getRenderingHints().put(org.jfree.fx.FXHints.KEY_USE_FX_FONT_METRICS, Boolean.FALSE);
        return ChartTheme.apply(chart, dark.get());
    }

    private boolean sameNodeData(dev.tcpmem.chart.NodeChartData d) {
        dev.tcpmem.chart.NodeChartData o = shownNodeData;
        if (o == null || !o.title().equals(d.title()) || !o.unit().equals(d.unit()) || o.low() != d.low()
                || o.pressureLine() != d.pressureLine() || o.high() != d.high()
                || !java.util.Arrays.equals(o.timeSeconds(), d.timeSeconds())
                || !o.podValues().keySet().equals(d.podValues().keySet())
                || !o.firstPressureSeconds().equals(d.firstPressureSeconds()) || !o.firstHighSeconds().equals(d.firstHighSeconds())
                || !o.reference().equals(d.reference())) {
            return false;
        }
        for (var entry : d.podValues().entrySet()) {
            if (!java.util.Arrays.equals(entry.getValue(), o.podValues().get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Records edit-to-frame latency once the new chart has been laid out for the next pulse. */
    private void measure(Evaluation e) {
        Scene scene = getScene();
        if (scene == null) {
            return;
        }
        // every edit this frame shows, including those a newer edit replaced before they were evaluated
        long[] edits = live.takeEditsShownBy(e.generation());
        long[] began = edits.length > 0 ? edits : new long[] {e.requestedAtNanos()};
        Runnable[] holder = new Runnable[1];
        holder[0] = () -> {
            long now = System.nanoTime();
            for (long at : began) {
                latency.add(now - at);
            }
            scene.removePostLayoutPulseListener(holder[0]);
            dev.tcpmem.ui.StartupPhases.chartsDrawn();
        };
        scene.addPostLayoutPulseListener(holder[0]);
    }
}
