package dev.tcpmem.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.ui.charts.Evaluation;
import dev.tcpmem.ui.explorer.TripletSlider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the real window headless: the charts and the verdict follow every edit, including a slider drag, and undo
 * brings the previous chart back.
 */
@ExtendWith(ApplicationExtension.class)
class LiveChartsTest {

    private MainWindowViewModel vm;
    private DesktopApp.Window window;

    @Start
    void start(Stage stage) throws Exception {
        Path settings = Files.createTempDirectory("tcpmem-settings");
        vm = MainWindowViewModel.startup(SysctlCatalog.bundled(), new AppSettings(settings), null, new ArrayList<>());
        vm.setDialogs(new FakeDialogs());
        // 1,000 high-BDP downloads autotune their receive buffers, then stall at 30 s and cross pressure
        vm.document().replace(new ScenarioReader(SysctlCatalog.bundled())
                .read(Path.of("src/test/resources/scenarios/autotuned-then-stalled.tcpmem.json")), null, false);
        window = DesktopApp.createWindow(vm, 1400, 900);
        stage.setScene(window.scene());
        stage.show();
    }

    private long peak() {
        return vm.live().latestProperty().get().result().node().peakPages();
    }

    private String status(FxRobot robot) {
        return robot.lookup("#statusLabel").queryAs(Label.class).getText();
    }

    private void waitForGeneration(long after) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            Evaluation e = vm.live().latestProperty().get();
            return e != null && e.generation() > after;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private long generation() {
        return vm.live().latestProperty().get().generation();
    }

    private int seriesInNodeChart() {
        return ((XYPlot) window.view().chartsView().nodeChart().getPlot()).getDataset().getSeriesCount();
    }

    @Test
    void draggingTheTcpRmemMaximumMovesThePeakAndTheVerdict(FxRobot robot) throws Exception {
        robot.clickOn("#pod-bulk");
        WaitForAsyncUtils.waitForFxEvents();
        long before = peak();
        String statusBefore = status(robot);
        assertThat(statusBefore).startsWith("Pressure");
        TripletSlider slider = robot.lookup("#editor-net_ipv4_tcp_rmem").lookup(".triplet-slider").queryAs(TripletSlider.class);
        Node maxThumb = slider.thumb(2);
        long g = generation();
        double thumbAt = maxThumb.getBoundsInParent().getCenterX();
        var drag = robot.drag(maxThumb).moveBy(-60, 0).moveBy(-60, 0);
        // while the button is held the handle follows the pointer (the row's layout stays inside its editor)
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> maxThumb.getBoundsInParent().getCenterX() < thumbAt - 100);
        drag.moveBy(-200, 0).release(javafx.scene.input.MouseButton.PRIMARY);
        waitForGeneration(g);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> peak() < before);
        // the pod now overrides tcp_rmem with a smaller maximum: smaller autotuned buffers, a smaller peak
        assertThat(vm.document().scenario().pod("bulk").get().sysctls()).containsKey("net.ipv4.tcp_rmem");
        assertThat(peak()).isLessThan(before);
        assertThat(status(robot)).isNotEqualTo(statusBefore);
        // a whole drag is one undo step
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.Z)
                .release(javafx.scene.input.KeyCode.Z, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> peak() == before);
        assertThat(vm.document().scenario().pod("bulk").get().sysctls()).doesNotContainKey("net.ipv4.tcp_rmem");
        assertThat(status(robot)).isEqualTo(statusBefore);
    }

    @Test
    void addingAPodAddsASeriesToTheStack(FxRobot robot) throws Exception {
        int before = seriesInNodeChart();
        long g = generation();
        robot.clickOn("#addPod");
        waitForGeneration(g);
        assertThat(seriesInNodeChart()).isEqualTo(before + 1);
    }

    @Test
    void crossingPressureShadesThePeriodAndSaysSo(FxRobot robot) throws Exception {
        // fewer connections first: 100 stalled downloads stay below pressure
        robot.clickOn("#pod-bulk");
        TextField connections = robot.lookup("#connectionsField").queryAs(TextField.class);
        long g = generation();
        robot.doubleClickOn(connections).eraseText(6).write("100").type(javafx.scene.input.KeyCode.ENTER);
        waitForGeneration(g);
        assertThat(status(robot)).startsWith("Normal");
        XYPlot normal = (XYPlot) window.view().chartsView().nodeChart().getPlot();
        assertThat(normal.getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND)).isNullOrEmpty();
        // back to 1,000: the node crosses pressure at the stall, and the chart shades it
        g = generation();
        robot.doubleClickOn(connections).eraseText(6).write("1000").type(javafx.scene.input.KeyCode.ENTER);
        waitForGeneration(g);
        assertThat(status(robot)).startsWith("Pressure at 30");
        XYPlot pressured = (XYPlot) window.view().chartsView().nodeChart().getPlot();
        assertThat(pressured.getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND)).isNotEmpty();
        assertThat(robot.lookup("#statusLabel").queryAs(Label.class).getStyleClass()).contains("state-pressure");
    }

    @Test
    void hoveringTheNodeChartTellsTheValuesAtThatTime() {
        // the downloads stall at 30 s and the node crosses pressure: at 45 s it is above the pressure line
        String text = dev.tcpmem.ui.charts.ChartsView.valuesAt(vm.live().latestProperty().get(), 45.04);
        assertThat(text).startsWith("t = 45.0 s: node ").contains("above pressure").contains("bulk ").contains("web ")
                .contains("Double-click");
        assertThat(dev.tcpmem.ui.charts.ChartsView.valuesAt(vm.live().latestProperty().get(), 10)).doesNotContain("pressure");
    }
}
