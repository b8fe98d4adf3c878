package dev.tcpmem.ui.topology;

import dev.tcpmem.io.Quantities;
import dev.tcpmem.model.scenario.Rate;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WriterBehaviour;
import java.util.Locale;
import java.util.Optional;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * Edits the selected workload in place: connections (a log slider, re-run live while dragged), RTT, rates,
 * reader/writer behaviour, socket options and the listener. The layout is WorkloadEditor.fxml (this class is its
 * root and controller); it updates its fields without rebuilding, so drags survive.
 */
final class WorkloadEditor extends GridPane {

    private final TopologyViewModel vm;
    @FXML private Label title;
    @FXML private Slider connections;
    @FXML private TextField connectionsField;
    @FXML private TextField rtt;
    @FXML private TextField inRate;
    @FXML private TextField outRate;
    @FXML private ComboBox<String> reader;
    @FXML private ComboBox<String> writer;
    @FXML private ComboBox<String> peerReader;
    @FXML private TextField soRcvbuf;
    @FXML private TextField soSndbuf;
    @FXML private TextField unaccepted;
    @FXML private TextField backlog;
    @FXML private TextField notsentLowat;
    private String pod;
    private String workload;
    private boolean showing;

    WorkloadEditor(TopologyViewModel vm) {
        this.vm = vm;
        dev.tcpmem.ui.FxmlViews.load(this, "WorkloadEditor");
        // (tooltips made on first hover: LazyTooltips)
        dev.tcpmem.ui.LazyTooltips.install(unaccepted, "Connections still waiting in the listener's accept queue: they fill"
                + " their receive buffers on the node's tcp_mem, and from kernel 5.6 the pod's memory cgroup pays only once"
                + " accept() takes them");
        dev.tcpmem.ui.LazyTooltips.install(notsentLowat, "setsockopt(TCP_NOTSENT_LOWAT) of the application: a writer gets no"
                + " new data queued once this many bytes are unsent, so its send queue holds about the in-flight data plus"
                + " this much, not a full send buffer. Empty: the pod's net.ipv4.tcp_notsent_lowat");
        String slow = Quantities.formatRate(new Rate(100_000));
        reader.getItems().addAll("drains", "stalled", slow);
        peerReader.getItems().addAll("drains", "stalled", slow);
        writer.getItems().addAll("idle", "rate", "bulk");
        connections.valueProperty().addListener((o, a, b) -> {
            if (!showing && workload != null) {
                long n = Math.round(Math.pow(10, b.doubleValue()));
                connectionsField.setText(Long.toString(n));
                vm.setConnections(pod, workload, n, connections.isValueChanging());
            }
        });
    }

    @FXML
    private void commitRtt() {
        vm.setRtt(pod, workload, rtt.getText());
    }

    @FXML
    private void commitRates() {
        vm.setRates(pod, workload, inRate.getText(), outRate.getText());
    }

    @FXML
    private void commitSocketOptions() {
        vm.setSocketOptions(pod, workload, soRcvbuf.getText(), soSndbuf.getText());
    }

    @FXML
    private void commitListener() {
        vm.setListener(pod, workload, unaccepted.getText(), backlog.getText());
    }

    @FXML
    private void commitNotsentLowat() {
        vm.setNotsentLowat(pod, workload, notsentLowat.getText());
    }

    @FXML
    private void removeWorkload() {
        vm.removeWorkload(pod, workload);
    }

    @FXML
    private void commitConnections() {
        try {
            long n = Quantities.parseCount(connectionsField.getText(), dev.tcpmem.io.ScenarioReader.MAX_CONNECTIONS);
            vm.setConnections(pod, workload, n, false);
        } catch (IllegalArgumentException e) {
            connectionsField.getStyleClass().add("invalid");
        }
    }

    @FXML
    private void commitBehaviour() {
        if (showing || workload == null) {
            return;
        }
        Optional<ReaderBehaviour> r = behaviour(reader.getValue());
        Optional<ReaderBehaviour> p = behaviour(peerReader.getValue());
        if (r.isEmpty() || p.isEmpty() || writer.getValue() == null) {
            return;
        }
        vm.setBehaviour(pod, workload, r.get(), WriterBehaviour.valueOf(writer.getValue().toUpperCase(Locale.ROOT)), p.get());
    }

    private static Optional<ReaderBehaviour> behaviour(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Quantities.parseReader(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Shows the selected workload (or hides when none). */
    void show(Scenario s, String podName, String workloadName) {
        Optional<Workload> w = Optional.ofNullable(podName).flatMap(s::pod).flatMap(p -> Optional.ofNullable(workloadName).flatMap(p::workload));
        setVisible(w.isPresent());
        setManaged(w.isPresent());
        if (w.isEmpty()) {
            pod = null;
            workload = null;
            return;
        }
        pod = podName;
        workload = workloadName;
        Workload x = w.get();
        showing = true;
        try {
            title.setText("Workload " + podName + "/" + workloadName);
            if (!connections.isValueChanging()) {
                connections.setValue(x.connections() <= 0 ? 0 : Math.log10(x.connections()));
            }
            setIfNotEditing(connectionsField, Long.toString(x.connections()));
            connectionsField.getStyleClass().remove("invalid");
            setIfNotEditing(rtt, trim(x.rttMs()));
            setIfNotEditing(inRate, Quantities.formatRate(x.inRate()));
            setIfNotEditing(outRate, Quantities.formatRate(x.outRate()));
            reader.setValue(text(x.reader()));
            writer.setValue(x.writer().name().toLowerCase(Locale.ROOT));
            peerReader.setValue(text(x.peerReader()));
            setIfNotEditing(soRcvbuf, x.soRcvbuf().map(Quantities::formatBytes).orElse(""));
            setIfNotEditing(soSndbuf, x.soSndbuf().map(Quantities::formatBytes).orElse(""));
            setIfNotEditing(unaccepted, x.listener().map(l -> Long.toString(l.unaccepted())).orElse(""));
            setIfNotEditing(backlog, x.listener().flatMap(l -> l.backlog()).map(b -> Long.toString(b)).orElse(""));
            setIfNotEditing(notsentLowat, x.tcpNotsentLowat().map(Quantities::formatBytes).orElse(""));
        } finally {
            showing = false;
        }
    }

    private static String text(ReaderBehaviour r) {
        return Quantities.formatReader(r);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static void setIfNotEditing(TextField f, String v) {
        if (!f.isFocused()) {
            f.setText(v);
        }
    }
}
