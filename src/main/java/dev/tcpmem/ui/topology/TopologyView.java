package dev.tcpmem.ui.topology;

import dev.tcpmem.io.Quantities;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.model.scenario.CgroupVersion;
import dev.tcpmem.model.scenario.Node;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Scenario;
import java.util.List;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The centre panel: the worker node as a box with its settings and tcp_mem gauge, the pods inside as cards, the
 * selected workload's editor below. The layout is TopologyView.fxml; this class is its root and controller.
 */
public final class TopologyView extends VBox {

    private final TopologyViewModel vm;
    @FXML private ComboBox<KernelVersion> kernel;
    @FXML private ComboBox<CgroupVersion> cgroup;
    @FXML private TextField memory;
    @FXML private Spinner<Integer> cpus;
    @FXML private TcpMemGauge gauge;
    @FXML private Label gaugeLabel;
    @FXML private FlowPane pods;
    @FXML private Label message;
    private final WorkloadEditor workloadEditor;
    private boolean showing;
    private List<Object> shownKey;
    private final java.util.Map<String, PodCard> cards = new java.util.HashMap<>();

    public TopologyView(TopologyViewModel vm) {
        this.vm = vm;
        dev.tcpmem.ui.FxmlViews.load(this, "TopologyView");
        workloadEditor = new WorkloadEditor(vm);
        getChildren().add(workloadEditor);
        kernel.getItems().setAll(KernelVersion.SUPPORTED);
        cgroup.getItems().setAll(CgroupVersion.values());
        cpus.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 4096, 1));
        cpus.valueProperty().addListener((o, a, b) -> {
            if (!showing) {
                vm.setCpus(b);
            }
        });
        message.textProperty().bind(vm.messageProperty());
        vm.document().scenarioProperty().addListener((o, a, b) -> refresh());
        vm.selectedPodProperty().addListener((o, a, b) -> refresh());
        vm.selectedWorkloadProperty().addListener((o, a, b) -> refresh());
        vm.podSharesProperty().addListener((o, a, b) -> showShares());
        refresh();
    }

    @FXML
    private void commitKernel() {
        if (!showing && kernel.getValue() != null) {
            vm.setKernel(kernel.getValue());
        }
    }

    @FXML
    private void commitCgroup() {
        if (!showing && cgroup.getValue() != null) {
            vm.setCgroup(cgroup.getValue());
        }
    }

    @FXML
    private void commitMemory() {
        vm.setMemory(memory.getText());
    }

    @FXML
    private void addPod() {
        vm.addPod();
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
