package dev.tcpmem.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.ui.explorer.SysctlEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private MainWindowViewModel vm;
    private final FakeDialogs dialogs = new FakeDialogs();

    @Start
    void start(Stage stage) throws Exception {
        Path settingsDir = Files.createTempDirectory("tcpmem-settings");
        vm = MainWindowViewModel.startup(SysctlCatalog.bundled(), new AppSettings(settingsDir), null, new ArrayList<>());
        vm.setDialogs(dialogs);
        DesktopApp.Window w = DesktopApp.createWindow(vm, 1400, 900);
        w.scene().setUserData(w);
        stage.setScene(w.scene());
        stage.show();
    }

    @SuppressWarnings("unchecked")
    private ListView<SysctlEntry> list(FxRobot robot) {
        return robot.lookup("#sysctlList").queryAs(ListView.class);
    }

    @Test
    void opensOnTheCassandraSampleWithItsPods(FxRobot robot) {
        assertThat(vm.document().scenario().name()).contains("Cassandra");
        assertThat(robot.lookup("#pod-cassandra-0").tryQuery()).isPresent();
        assertThat(robot.lookup("#pod-web-0").tryQuery()).isPresent();
    }

    @Test
    void searchFiltersTheExplorer(FxRobot robot) {
        int all = list(robot).getItems().size();
        assertThat(all).isGreaterThan(100);
        robot.clickOn("#sysctlSearch").write("keepalive");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list(robot).getItems()).hasSizeBetween(3, 10)
                .allSatisfy(e -> assertThat(e.name() + e.definition().summary() + e.definition().doc())
                        .containsIgnoringCase("keepalive"));
    }

    @Test
    void changedFilterShowsTheCassandraPodsOverrides(FxRobot robot) {
        // the sample selects cassandra-0 first; its tcp_rmem/tcp_wmem are set in the pod, rmem_max etc. on the node
        robot.clickOn("#filterChanged");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list(robot).getItems()).extracting(SysctlEntry::name)
                .contains("net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem", "net.core.rmem_max");
    }

    @Test
    void ctrlShiftDShowsLiveTimingDiagnostics(FxRobot robot) {
        javafx.scene.control.Label timing = robot.lookup("#timingLabel").queryAs(javafx.scene.control.Label.class);
        assertThat(timing.isVisible()).isFalse();
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.D)
                .release(javafx.scene.input.KeyCode.D, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(timing.isVisible()).isTrue();
        assertThat(timing.getText()).contains("edit→repaint p50").contains("p95").contains("heap").contains("MiB");
        // an edit is timed from the change to the repainted chart
        robot.clickOn("#addPod");
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.latency().count()).isPositive();
        assertThat(timing.getText()).startsWith("model ");
    }

    @Test
    void addPodAddsACardAndUndoRemovesIt(FxRobot robot) {
        int pods = vm.document().scenario().pods().size();
        robot.clickOn("#addPod");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.document().scenario().pods()).hasSize(pods + 1);
        assertThat(robot.lookup("#pod-pod").tryQuery()).isPresent();
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.Z)
                .release(javafx.scene.input.KeyCode.Z, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.document().scenario().pods()).hasSize(pods);
        assertThat(robot.lookup("#pod-pod").tryQuery()).isEmpty();
    }

    @Test
    void saveMarksCleanAndReopenGivesTheSameScenario(FxRobot robot) throws Exception {
        Path file = Files.createTempDirectory("tcpmem-save").resolve("node.tcpmem.json");
        robot.clickOn("#addPod");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.document().modifiedProperty().get()).isTrue();
        assertThat(vm.titleProperty().get()).startsWith("• ");
        dialogs.nextSave = file;
        robot.interact(() -> assertThat(vm.save()).isTrue());
        assertThat(vm.document().modifiedProperty().get()).isFalse();
        assertThat(vm.titleProperty().get()).doesNotStartWith("• ").contains("node.tcpmem.json");
        var saved = vm.document().scenario();
        robot.interact(() -> vm.openSample(dev.tcpmem.io.SampleScenarios.list().get(1)));
        robot.interact(() -> assertThat(vm.open(file)).isTrue());
        assertThat(vm.document().scenario()).isEqualTo(saved);
        assertThat(vm.settings().recentFiles()).contains(file.toAbsolutePath());
    }

    @Test
    void unsavedChangesAskBeforeTheyAreLost(FxRobot robot) {
        robot.clickOn("#addPod");
        WaitForAsyncUtils.waitForFxEvents();
        var edited = vm.document().scenario();
        dialogs.saveChoice = DialogService.SaveChoice.CANCEL;
        robot.interact(() -> vm.openSample(dev.tcpmem.io.SampleScenarios.list().get(1)));
        assertThat(vm.document().scenario()).isEqualTo(edited);
        dialogs.saveChoice = DialogService.SaveChoice.DISCARD;
        robot.interact(() -> vm.openSample(dev.tcpmem.io.SampleScenarios.list().get(1)));
        assertThat(vm.document().scenario()).isNotEqualTo(edited);
    }

    @Test
    void aBrokenFileIsReportedWholeAndNothingIsLoaded(FxRobot robot) throws Exception {
        Path bad = Files.createTempDirectory("tcpmem-bad").resolve("bad.tcpmem.json");
        Files.writeString(bad, "{\"format\": \"tcpmem-scenario/1\", \"name\": \"x\", \"node\": {\"memory\": \"lots\", "
                + "\"kernel\": \"5.15\", \"colour\": 1}, \"pods\": []}");
        var before = vm.document().scenario();
        robot.interact(() -> assertThat(vm.open(bad)).isFalse());
        assertThat(vm.document().scenario()).isEqualTo(before);
        assertThat(dialogs.errors).singleElement().satisfies(e -> assertThat(e)
                .contains("$.node.memory").contains("$.node.colour").contains("bad.tcpmem.json:1:"));
    }

    @Test
    void typingConnectionsWaitingForAcceptSetsTheListenerAndTheVerdictTellsWhatTheyHold(FxRobot robot) {
        robot.interact(() -> {
            vm.topology().selectedPodProperty().set("cassandra-0");
            vm.topology().selectedWorkloadProperty().set("clients");
        });
        robot.clickOn("#unacceptedField").write("500").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        var w = vm.document().scenario().pod("cassandra-0").flatMap(p -> p.workload("clients")).orElseThrow();
        assertThat(w.listener()).hasValueSatisfying(l -> assertThat(l.unaccepted()).isEqualTo(500));
        // kernel 5.15's somaxconn is 4096: all 500 fit in the queue
        // the model may run off the FX thread: wait for the evaluation of the edited scenario
        try {
            WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                    () -> WaitForAsyncUtils.waitForAsyncFx(5000, () -> vm.explainLatest()).contains("waiting for accept()"));
        } catch (java.util.concurrent.TimeoutException e) {
            // fall through to the assertion, which shows what the verdict said instead
        }
        assertThat(WaitForAsyncUtils.waitForAsyncFx(5000, () -> vm.explainLatest()))
                .contains("500 connections waiting for accept()");
    }

    @Test
    void typingTcpNotsentLowatSetsTheSocketOptionAndANonsizeIsRefused(FxRobot robot) {
        robot.interact(() -> {
            vm.topology().selectedPodProperty().set("cassandra-0");
            vm.topology().selectedWorkloadProperty().set("clients");
        });
        robot.clickOn("#notsentLowatField").write("16KiB").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        var w = vm.document().scenario().pod("cassandra-0").flatMap(p -> p.workload("clients")).orElseThrow();
        assertThat(w.tcpNotsentLowat()).contains(dev.tcpmem.kernel.Bytes.of(16384));
        robot.interact(() -> assertThat(vm.topology().setNotsentLowat("cassandra-0", "clients", "lots")).isFalse());
        robot.interact(() -> assertThat(vm.topology().setNotsentLowat("cassandra-0", "clients", "8GiB")).isFalse());
        assertThat(vm.document().scenario().pod("cassandra-0").flatMap(p -> p.workload("clients")).orElseThrow()
                .tcpNotsentLowat()).contains(dev.tcpmem.kernel.Bytes.of(16384));
        robot.interact(() -> assertThat(vm.topology().setNotsentLowat("cassandra-0", "clients", "")).isTrue());
        assertThat(vm.document().scenario().pod("cassandra-0").flatMap(p -> p.workload("clients")).orElseThrow()
                .tcpNotsentLowat()).isEmpty();
    }

    @Test
    void anEventAddedInTheTimelinePanelChangesTheScenarioAndUndoTakesItBack(FxRobot robot) {
        int before = vm.document().scenario().timeline().events().size();
        robot.interact(() -> robot.lookup("#timelinePane").queryAs(javafx.scene.control.TitledPane.class).setExpanded(true));
        robot.clickOn("#eventAt").write("100");
        robot.interact(() -> {
            robot.lookup("#eventTarget").queryComboBox().getSelectionModel().select("web-0/http");
            robot.lookup("#eventField").queryComboBox().getSelectionModel().select("reader");
        });
        robot.clickOn("#eventValue").write("stalled");
        robot.clickOn("#eventFor").write("20");
        robot.clickOn("#addEvent");
        WaitForAsyncUtils.waitForFxEvents();
        var events = vm.document().scenario().timeline().events();
        assertThat(events).hasSize(before + 1);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.atSeconds()).isEqualTo(100.0);
            assertThat(e.pod() + "/" + e.workload()).isEqualTo("web-0/http");
            assertThat(e.set().reader()).contains(dev.tcpmem.model.scenario.ReaderBehaviour.STALLED);
            assertThat(e.forSeconds()).contains(20.0);
        });
        assertThat(robot.lookup("#timelineEvents").queryTableView().getItems()).hasSize(before + 1);
        robot.interact(() -> vm.document().undo());
        assertThat(vm.document().scenario().timeline().events()).hasSize(before);
    }

    @Test
    void aTimelineEventWithABadValueIsRefusedWithAMessageAndChangesNothing(FxRobot robot) {
        var model = vm.timeline();
        int before = vm.document().scenario().timeline().events().size();
        boolean added = WaitForAsyncUtils.waitForAsyncFx(5000,
                () -> model.addEvent("10", "web-0/http", "inRate", "fast", ""));
        assertThat(added).isFalse();
        assertThat(model.messageProperty().get()).contains("inRate").contains("fast");
        assertThat(WaitForAsyncUtils.waitForAsyncFx(5000, () -> model.addEvent("99999", "web-0/http", "reader",
                "stalled", ""))).isFalse();
        assertThat(model.messageProperty().get()).startsWith("Time must be from 0 to");
        assertThat(vm.document().scenario().timeline().events()).hasSize(before);
    }

    @Test
    void aWorkloadWhosePagesAreAnEstimateShowsTheBandTheKernelLeaves(FxRobot robot) throws Exception {
        // kafka-brokers: kafka-0's replication-out writes bulk to kafka-1 on the same node, CPU-bound: the model keeps
        // its 8 MiB sk_sndbuf full (2048 pages), the kernel leaves anything from 0 to sk_sndbuf + one skb =
        // 8388608 + 65160 + 832 bytes -> ceil(2064.1) = 2065 pages
        var kafka = dev.tcpmem.io.SampleScenarios.list().stream().filter(s -> s.file().contains("kafka")).findFirst()
                .orElseThrow();
        robot.interact(() -> vm.openSample(kafka));
        robot.interact(() -> {
            vm.topology().selectedPodProperty().set("kafka-0");
            vm.topology().selectedWorkloadProperty().set("replication-out");
        });
        String expected = "2,048 pages per connection at the end; the kernel leaves it anywhere from 0 to 2,065: A bulk"
                + " writer facing a reader on its node";
        try {
            WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                    () -> WaitForAsyncUtils.waitForAsyncFx(5000, () -> vm.explainLatest()).contains(expected));
        } catch (java.util.concurrent.TimeoutException e) {
            // fall through to the assertion, which shows the text
        }
        assertThat(WaitForAsyncUtils.waitForAsyncFx(5000, () -> vm.explainLatest())).contains(expected);
        assertThat(dev.tcpmem.ui.charts.ChartsView.socketTipText(vm.live().latestProperty().get(),
                new dev.tcpmem.chart.ScenarioCharts.WorkloadRef("kafka-0", "replication-out")))
                .startsWith("kafka-0/replication-out: " + expected);
        // the producers' pages come from exact rules: the number alone
        assertThat(dev.tcpmem.ui.charts.ChartsView.socketTipText(vm.live().latestProperty().get(),
                new dev.tcpmem.chart.ScenarioCharts.WorkloadRef("kafka-0", "producers")))
                .contains("1 page per connection at the end\n");
    }

    @Test
    void whyTheseNumbersExplainsTheNodesTcpMem() {
        String text = vm.explainLatest();
        assertThat(text).contains("rule:").contains("tcp_mem");
    }

    @Test
    void exportsTheNodeChartAsSvgAndPngFromTheWindow(FxRobot robot) throws Exception {
        Path dir = Files.createTempDirectory("tcpmem-export");
        DesktopApp.Window w = (DesktopApp.Window) robot.targetWindow().getScene().getUserData();
        for (String name : new String[] {"node.svg", "node.png"}) {
            dialogs.nextSave = dir.resolve(name);
            robot.interact(() -> vm.exportChart(MainWindowViewModel.ChartKind.NODE, w.view().chartsView().nodeChartForExport()));
        }
        assertThat(Files.readString(dir.resolve("node.svg"))).startsWith("<?xml").contains("cassandra-0");
        // the suggested 1200 × 700 at scale 2
        assertThat(javax.imageio.ImageIO.read(dir.resolve("node.png").toFile()).getWidth()).isEqualTo(2400);
        assertThat(dialogs.errors).isEmpty();
    }
}
