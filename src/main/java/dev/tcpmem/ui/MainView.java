package dev.tcpmem.ui;

import dev.tcpmem.io.SampleScenarios;
import dev.tcpmem.model.scenario.CgroupVersion;
import dev.tcpmem.model.scenario.Node;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Timeline;
import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.ui.explorer.SysctlExplorerView;
import dev.tcpmem.ui.topology.TopologyView;
import dev.tcpmem.model.node.MemoryState;
import dev.tcpmem.ui.charts.ChartsView;
import dev.tcpmem.ui.charts.Evaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

/** Controller of MainView.fxml: places the panels, binds menus to the view model's commands. */
public final class MainView {

    private final MainWindowViewModel vm;

    @FXML private BorderPane root;
    @FXML private Menu samplesMenu;
    @FXML private Menu recentMenu;
    @FXML private MenuItem undoItem;
    @FXML private MenuItem redoItem;
    @FXML private CheckMenuItem darkThemeItem;
    @FXML private CheckMenuItem pagesItem;
    @FXML private CheckMenuItem diagnosticsItem;
    @FXML private StackPane explorerPane;
    @FXML private StackPane topologyPane;
    @FXML private StackPane chartsPane;
    @FXML private Label statusLabel;
    @FXML private Label timingLabel;

    private SysctlExplorerView explorerView;
    private TopologyView topologyView;
    private ChartsView chartsView;

    public MainView(MainWindowViewModel vm) {
        this.vm = vm;
    }

    public TopologyView topologyView() {
        return topologyView;
    }

    public ChartsView chartsView() {
        return chartsView;
    }

    public Label statusLabel() {
        return statusLabel;
    }

    public Label timingLabel() {
        return timingLabel;
    }

    @FXML
    private void initialize() {
        StartupPhases.mark("main fxml");
        explorerView = new SysctlExplorerView(vm.explorer());
        StartupPhases.mark("explorer");
        topologyView = new TopologyView(vm.topology());
        StartupPhases.mark("topology");
        chartsView = new ChartsView(vm.live(), vm.showPagesProperty(), vm.darkThemeProperty(), vm.selectedWorkloadProperty(),
                vm.latency());
        StartupPhases.mark("charts view");
        explorerPane.getChildren().add(explorerView);
        // the node and its pods above, the timeline that drives them below
        javafx.scene.layout.VBox centre = new javafx.scene.layout.VBox(6, topologyView,
                dev.tcpmem.ui.timeline.TimelineView.load(vm.timeline()));
        StartupPhases.mark("timeline");
        javafx.scene.layout.VBox.setVgrow(topologyView, javafx.scene.layout.Priority.ALWAYS);
        topologyPane.getChildren().add(centre);
        chartsPane.getChildren().add(chartsView);
        chartsView.setOnExplain(this::explain);
        statusLabel.textProperty().bind(vm.verdictProperty());
        vm.stateProperty().addListener((o, a, b) -> styleState(b));
        styleState(vm.stateProperty().get());
        LazyTooltips.install(statusLabel, "Click (or F1) for how these numbers are derived");
        vm.live().latestProperty().addListener((o, a, e) -> showGauge(e));
        showGauge(vm.live().latestProperty().get());
        diagnosticsItem.selectedProperty().bindBidirectional(vm.diagnosticsProperty());
        timingLabel.visibleProperty().bind(vm.diagnosticsProperty());
        timingLabel.textProperty().bind(vm.timing().textProperty());
        vm.live().latestProperty().addListener((o, a, e) -> {
            if (e != null) {
                vm.timing().modelRan(e.modelNanos());
            }
        });
        // the heap changes without edits: refresh the figures every second while they are shown
        javafx.animation.Timeline heapTicker = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(javafx.util.Duration.seconds(1), e -> vm.timing().refresh()));
        heapTicker.setCycleCount(javafx.animation.Animation.INDEFINITE);
        vm.diagnosticsProperty().addListener((o, a, on) -> {
            if (on) {
                vm.timing().refresh();
                heapTicker.play();
            } else {
                heapTicker.stop();
            }
        });
        for (SampleScenarios.Sample s : SampleScenarios.list()) {
            MenuItem item = new MenuItem(s.title());
            item.setOnAction(e -> vm.openSample(s));
            samplesMenu.getItems().add(item);
        }
        recentMenu.setOnShowing(e -> fillRecent());
        fillRecent();
        undoItem.disableProperty().bind(vm.document().canUndoProperty().not());
        redoItem.disableProperty().bind(vm.document().canRedoProperty().not());
        vm.document().undoLabelProperty().addListener((o, a, b) -> undoItem.setText(b.isEmpty() ? "Undo" : "Undo " + b));
        vm.document().redoLabelProperty().addListener((o, a, b) -> redoItem.setText(b.isEmpty() ? "Redo" : "Redo " + b));
        darkThemeItem.selectedProperty().bindBidirectional(vm.darkThemeProperty());
        pagesItem.selectedProperty().bindBidirectional(vm.showPagesProperty());
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            List<java.io.File> files = e.getDragboard().getFiles();
            boolean ok = files != null && files.size() == 1 && vm.open(files.get(0).toPath());
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private void styleState(MemoryState st) {
        statusLabel.getStyleClass().removeAll("state-normal", "state-pressure", "state-high");
        statusLabel.getStyleClass().add("state-" + st.key());
    }

    private void showGauge(Evaluation e) {
        if (e == null) {
            return;
        }
        var n = e.result().node();
        topologyView.showTcpMem(n.tcpMem().low(), n.tcpMem().pressure(), n.tcpMem().high(), n.peakPages(),
                n.derivations().values().stream().map(d -> d.explain()).reduce((x, y) -> x + "\n\n" + y).orElse(""));
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : vm.settings().recentFiles()) {
            MenuItem item = new MenuItem(p.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> vm.open(p));
            recentMenu.getItems().add(item);
        }
        if (recentMenu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(none yet)");
            none.setDisable(true);
            recentMenu.getItems().add(none);
        }
    }

    @FXML
    private void newScenario() {
        if (vm.confirmDiscard("starting a new scenario")) {
            Scenario blank = new Scenario("New node", "", new Node(Bytes.gib(64), 16, KernelVersion.of(6, 18),
                    CgroupVersion.V2, Map.of()), List.of(), Timeline.steadyState());
            vm.document().replace(blank, null, true);
            vm.topology().addPod();
        }
    }

    @FXML
    private void open() {
        vm.openWithDialog();
    }

    @FXML
    private void save() {
        vm.save();
    }

    @FXML
    private void saveAs() {
        vm.saveAs();
    }

    @FXML
    private void quit() {
        root.getScene().getWindow().fireEvent(new javafx.stage.WindowEvent(root.getScene().getWindow(),
                javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
    }

    @FXML
    private void undo() {
        vm.undo();
    }

    @FXML
    private void redo() {
        vm.redo();
    }

    @FXML
    private void addPod() {
        vm.topology().addPod();
    }

    @FXML
    private void explain() {
        vm.dialogs().showText("Why these numbers?", vm.explainLatest());
    }

    @FXML
    private void explainClicked(javafx.scene.input.MouseEvent e) {
        explain();
    }

    @FXML
    private void exportNodeChart() {
        vm.exportChart(MainWindowViewModel.ChartKind.NODE, chartsView.nodeChartForExport());
    }

    @FXML
    private void exportSocketChart() {
        vm.exportChart(MainWindowViewModel.ChartKind.SOCKET, chartsView.socketChartForExport());
    }

    @FXML
    private void exportSweepChart() {
        vm.exportChart(MainWindowViewModel.ChartKind.SWEEP, chartsView.sweepChartForExport());
    }

    @FXML
    private void exportReport() {
        vm.exportReport();
    }

    @FXML
    private void exportTuning() {
        vm.exportTuning(32);
    }

    @FXML
    private void importSysctl() {
        vm.importFile(MainWindowViewModel.ImportKind.SYSCTL);
    }

    @FXML
    private void importSockstat() {
        vm.importFile(MainWindowViewModel.ImportKind.SOCKSTAT);
    }

    @FXML
    private void importSs() {
        vm.importFile(MainWindowViewModel.ImportKind.SS);
    }

    @FXML
    private void importPod() {
        vm.importFile(MainWindowViewModel.ImportKind.POD);
    }

    @FXML
    private void focusSearch() {
        TextField f = (TextField) explorerView.lookup("#sysctlSearch");
        if (f != null) {
            Platform.runLater(f::requestFocus);
        }
    }
}
