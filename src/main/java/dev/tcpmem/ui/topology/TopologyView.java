package dev.tcpmem.ui.topology;

import dev.tcpmem.io.Quantities;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.model.scenario.CgroupVersion;
import dev.tcpmem.model.scenario.Node;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Scenario;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The centre panel: the worker node as a box with its settings and tcp_mem gauge, the pods inside as cards. */
public final class TopologyView extends VBox {

    private final TopologyViewModel vm;
    private final ComboBox<KernelVersion> kernel = new ComboBox<>();
    private final ComboBox<CgroupVersion> cgroup = new ComboBox<>();
    private final TextField memory = new TextField();
    private final Spinner<Integer> cpus = new Spinner<>(1, 4096, 1);
    private final TcpMemGauge gauge = new TcpMemGauge();
    private final Label gaugeLabel = new Label();
    private final FlowPane pods = new FlowPane(10, 10);
    private final WorkloadEditor workloadEditor;
    private final Label message = new Label();
    private boolean showing;
    private List<Object> shownKey;
    private final java.util.Map<String, PodCard> cards = new java.util.HashMap<>();

    public TopologyView(TopologyViewModel vm) {
        super(8);
        this.vm = vm;
        getStyleClass().add("topology");
        setPadding(new Insets(8));
        workloadEditor = new WorkloadEditor(vm);
        kernel.getItems().setAll(KernelVersion.SUPPORTED);
        kernel.setId("nodeKernel");
        cgroup.getItems().setAll(CgroupVersion.values());
        memory.setPrefColumnCount(7);
        memory.setId("nodeMemory");
        kernel.setOnAction(e -> {
            if (!showing && kernel.getValue() != null) {
                vm.setKernel(kernel.getValue());
            }
        });
        cgroup.setOnAction(e -> {
            if (!showing && cgroup.getValue() != null) {
                vm.setCgroup(cgroup.getValue());
            }
        });
        memory.setOnAction(e -> vm.setMemory(memory.getText()));
        cpus.valueProperty().addListener((o, a, b) -> {
            if (!showing) {
                vm.setCpus(b);
            }
        });
        Label nodeTitle = new Label("Worker node");
        nodeTitle.getStyleClass().add("panel-title");
        cpus.setPrefWidth(80);
        cpus.setEditable(true);
        kernel.setPrefWidth(80);
        cgroup.setPrefWidth(70);
        javafx.scene.layout.FlowPane settings = new javafx.scene.layout.FlowPane(8, 6,
                field("RAM", memory), field("CPUs", cpus), field("kernel", kernel), field("cgroup", cgroup));
        settings.setAlignment(Pos.CENTER_LEFT);
        gaugeLabel.getStyleClass().add("gauge-label");
        gaugeLabel.setId("gaugeLabel");
        HBox.setHgrow(gauge, Priority.ALWAYS);
        HBox gaugeRow = new HBox(8, new Label("tcp_mem"), gauge);
        gaugeRow.setAlignment(Pos.CENTER_LEFT);
        Button addPod = new Button("+ Pod");
        addPod.setId("addPod");
        addPod.setOnAction(e -> vm.addPod());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        message.getStyleClass().add("error-message");
        message.textProperty().bind(vm.messageProperty());
        HBox podBar = new HBox(8, new Label("Pods"), spacer, message, addPod);
        podBar.setAlignment(Pos.CENTER_LEFT);
        gaugeLabel.setWrapText(true);
        VBox nodeBox = new VBox(8, nodeTitle, settings, gaugeRow, gaugeLabel, podBar, pods);
        nodeBox.getStyleClass().add("node-box");
        nodeBox.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(nodeBox);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(scroll, workloadEditor);
        vm.document().scenarioProperty().addListener((o, a, b) -> refresh());
        vm.selectedPodProperty().addListener((o, a, b) -> refresh());
        vm.selectedWorkloadProperty().addListener((o, a, b) -> refresh());
        vm.podSharesProperty().addListener((o, a, b) -> showShares());
        refresh();
    }

    private static HBox field(String label, javafx.scene.Node control) {
        Label l = new Label(label);
        l.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(4, l, control);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** Shows the node's tcp_mem lines and the modelled peak (pages). */
    public void showTcpMem(long low, long pressure, long high, long peak, String explanation) {
        gauge.show(low, pressure, high, peak, explanation);
        gaugeLabel.setText(String.format(Locale.ROOT, "peak %,d pages · low %,d · pressure %,d · high %,d", peak, low, pressure, high));
    }

    private void refresh() {
        Scenario s = vm.scenario();
        Node n = s.node();
        showing = true;
        try {
            kernel.setValue(n.kernel());
            cgroup.setValue(n.cgroup());
            if (!memory.isFocused()) {
                memory.setText(Quantities.formatBytes(n.memory()));
            }
            cpus.getValueFactory().setValue(n.cpus());
        } finally {
            showing = false;
        }
        // cards are rebuilt only when what they show changed: a sysctl drag elsewhere leaves them alone
        List<Object> key = new java.util.ArrayList<>();
        for (Pod p : s.pods()) {
            // what a card shows: a changed sysctl value alone does not redraw the cards
            key.add(List.of(p.name(), p.memoryLimit(), p.tcpMemoryLimit(), p.sysctls().size(), p.workloads()));
        }
        key.add(String.valueOf(vm.selectedPodProperty().get()));
        key.add(String.valueOf(vm.selectedWorkloadProperty().get()));
        if (!key.equals(shownKey)) {
            shownKey = key;
            pods.getChildren().clear();
            cards.clear();
            for (Pod p : s.pods()) {
                boolean selected = p.name().equals(vm.selectedPodProperty().get());
                double share = vm.podSharesProperty().get().getOrDefault(p.name(), 0.0);
                PodCard card = new PodCard(vm, p, selected, vm.selectedWorkloadProperty().get(), share);
                card.setPrefWidth(260);
                cards.put(p.name(), card);
                pods.getChildren().add(card);
            }
        }
        workloadEditor.show(s, vm.selectedPodProperty().get(), vm.selectedWorkloadProperty().get());
    }

    private void showShares() {
        vm.podSharesProperty().get().forEach((pod, share) -> {
            PodCard c = cards.get(pod);
            if (c != null) {
                c.setShare(share);
            }
        });
    }
}
