package dev.tcpmem.ui.topology;

import dev.tcpmem.io.Quantities;
import dev.tcpmem.model.scenario.Rate;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WriterBehaviour;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/**
 * Edits the selected workload in place: connections (a log slider, re-run live while dragged), RTT, rates,
 * reader/writer behaviour and socket options. It updates its fields without rebuilding, so drags survive.
 */
final class WorkloadEditor extends GridPane {

    private static final double MAX_CONNECTIONS_LOG10 = 7; // 10 million

    private final TopologyViewModel vm;
    private final Label title = new Label();
    private final Slider connections = new Slider(0, MAX_CONNECTIONS_LOG10, 2);
    private final TextField connectionsField = field(8);
    private final TextField rtt = field(6);
    private final TextField inRate = field(9);
    private final TextField outRate = field(9);
    private final ComboBox<String> reader = behaviours();
    private final ComboBox<String> writer = new ComboBox<>();
    private final ComboBox<String> peerReader = behaviours();
    private final TextField soRcvbuf = field(9);
    private final TextField soSndbuf = field(9);
    private final TextField unaccepted = field(8);
    private final TextField backlog = field(9);
    private final TextField notsentLowat = field(9);
    private final Button remove = new Button("Remove workload");
    private String pod;
    private String workload;
    private boolean showing;

    WorkloadEditor(TopologyViewModel vm) {
        this.vm = vm;
        getStyleClass().add("workload-editor");
        setHgap(8);
        setVgap(6);
        setPadding(new Insets(8));
        title.getStyleClass().add("panel-title");
        connections.setId("connectionsSlider");
        connectionsField.setId("connectionsField");
        writer.getItems().addAll("idle", "rate", "bulk");
        writer.setPrefWidth(110);
        remove.getStyleClass().add("link-button");
        add(title, 0, 0, 4, 1);
        add(label("Connections"), 0, 1);
        add(connections, 1, 1, 2, 1);
        add(connectionsField, 3, 1);
        row(2, "RTT (ms)", rtt, label("peer reads"), peerReader);
        row(3, "In rate", inRate, label("out rate"), outRate);
        row(4, "Reader", reader, label("writer"), writer);
        row(5, "SO_RCVBUF", soRcvbuf, label("SO_SNDBUF"), soSndbuf);
        row(6, "Not accepted", unaccepted, label("listen backlog"), backlog);
        row(7, "TCP_NOTSENT_LOWAT", notsentLowat);
        add(remove, 3, 8);
        GridPane.setHgrow(connections, Priority.ALWAYS);
        connections.valueProperty().addListener((o, a, b) -> {
            if (!showing && workload != null) {
                long n = Math.round(Math.pow(10, b.doubleValue()));
                connectionsField.setText(Long.toString(n));
                vm.setConnections(pod, workload, n, connections.isValueChanging());
            }
        });
        connectionsField.setOnAction(e -> commitConnections());
        rtt.setOnAction(e -> vm.setRtt(pod, workload, rtt.getText()));
        inRate.setOnAction(e -> vm.setRates(pod, workload, inRate.getText(), outRate.getText()));
        outRate.setOnAction(e -> vm.setRates(pod, workload, inRate.getText(), outRate.getText()));
        reader.setOnAction(e -> commitBehaviour());
        writer.setOnAction(e -> commitBehaviour());
        peerReader.setOnAction(e -> commitBehaviour());
        soRcvbuf.setOnAction(e -> vm.setSocketOptions(pod, workload, soRcvbuf.getText(), soSndbuf.getText()));
        soSndbuf.setOnAction(e -> vm.setSocketOptions(pod, workload, soRcvbuf.getText(), soSndbuf.getText()));
        unaccepted.setId("unacceptedField");
        unaccepted.setOnAction(e -> vm.setListener(pod, workload, unaccepted.getText(), backlog.getText()));
        backlog.setOnAction(e -> vm.setListener(pod, workload, unaccepted.getText(), backlog.getText()));
        unaccepted.setPromptText("0");
        backlog.setPromptText("somaxconn");
        unaccepted.setTooltip(new javafx.scene.control.Tooltip("Connections still waiting in the listener's accept "
                + "queue: they fill their receive buffers on the node's tcp_mem, and from kernel 5.6 the pod's "
                + "memory cgroup pays only once accept() takes them"));
        notsentLowat.setId("notsentLowatField");
        notsentLowat.setOnAction(e -> vm.setNotsentLowat(pod, workload, notsentLowat.getText()));
        notsentLowat.setPromptText("sysctl");
        notsentLowat.setTooltip(new javafx.scene.control.Tooltip("setsockopt(TCP_NOTSENT_LOWAT) of the application: "
                + "a writer gets no new data queued once this many bytes are unsent, so its send queue holds about the "
                + "in-flight data plus this much, not a full send buffer. Empty: the pod's net.ipv4.tcp_notsent_lowat"));
        soRcvbuf.setPromptText("not set");
        soSndbuf.setPromptText("not set");
        remove.setOnAction(e -> vm.removeWorkload(pod, workload));
    }

    private void commitConnections() {
        try {
            long n = Long.parseLong(connectionsField.getText().strip().replace(",", "").replace("_", ""));
            if (n < 0 || n > 100_000_000L) {
                throw new NumberFormatException();
            }
            vm.setConnections(pod, workload, n, false);
        } catch (NumberFormatException e) {
            connectionsField.getStyleClass().add("invalid");
        }
    }

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

    private static ComboBox<String> behaviours() {
        ComboBox<String> c = new ComboBox<>();
        c.setEditable(true);
        c.getItems().addAll("drains", "stalled", Quantities.formatRate(new Rate(100_000)));
        c.setPrefWidth(120);
        return c;
    }

    private static TextField field(int columns) {
        TextField f = new TextField();
        f.setPrefColumnCount(columns);
        return f;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private void row(int r, String label, javafx.scene.Node... nodes) {
        add(label(label), 0, r);
        for (int i = 0; i < nodes.length; i++) {
            add(nodes[i], i + 1, r);
        }
    }
}
