package dev.tcpmem.ui.topology;

import dev.tcpmem.io.Quantities;
import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.model.scenario.CgroupVersion;
import dev.tcpmem.model.scenario.Listener;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Rate;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.ScenarioEdits;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WriterBehaviour;
import dev.tcpmem.ui.ScenarioDocument;
import dev.tcpmem.ui.charts.SweepTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The node and its pods as the centre panel shows them, with the commands that add, duplicate, rename and remove
 * pods and workloads and edit a workload's fields. Selection (a pod, optionally one of its workloads) drives the
 * sysctl explorer and the socket chart.
 */
public final class TopologyViewModel {

    private final ScenarioDocument document;

    // Properties //

    private final ObjectProperty<String> selectedPod = new SimpleObjectProperty<>();
    private final ObjectProperty<String> selectedWorkload = new SimpleObjectProperty<>();
    private final ObjectProperty<Map<String, Double>> podShares = new SimpleObjectProperty<>(Map.of());
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private java.util.function.Consumer<SweepTarget> onTouched = t -> { };

    public TopologyViewModel(ScenarioDocument document) {
        this.document = document;
        document.scenarioProperty().addListener((o, a, b) -> keepSelectionValid(b));
        selectedPod.addListener((o, a, b) -> keepSelectionValid(document.scenario()));
        keepSelectionValid(document.scenario());
    }

    /** Told which input the user changed, so the sweep chart can follow it. */
    public void setOnTouched(java.util.function.Consumer<SweepTarget> onTouched) {
        this.onTouched = onTouched;
    }

    public ScenarioDocument document() {
        return document;
    }

    public ObjectProperty<String> selectedPodProperty() {
        return selectedPod;
    }

    public ObjectProperty<String> selectedWorkloadProperty() {
        return selectedWorkload;
    }

    /** Each pod's share of the node's peak TCP memory (0..1), from the latest evaluation. */
    public ObjectProperty<Map<String, Double>> podSharesProperty() {
        return podShares;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public Scenario scenario() {
        return document.scenario();
    }

    // Commands: node //

    public void setKernel(KernelVersion k) {
        document.apply("Kernel " + k, s -> ScenarioEdits.withKernel(s, k));
    }

    public void setCgroup(CgroupVersion c) {
        document.apply("cgroup " + c.name().toLowerCase(java.util.Locale.ROOT), s -> ScenarioEdits.withCgroup(s, c));
    }

    public boolean setMemory(String text) {
        return parse(text, Quantities::parseBytes, "node memory").map(b -> {
            if (b.value() < (128L << 20)) {
                message.set("node memory must be at least 128MiB");
                return false;
            }
            document.apply("Node memory " + Quantities.formatBytes(b), s -> ScenarioEdits.withNodeMemory(s, b));
            onTouched.accept(SweepTarget.nodeMemory(b.value()));
            return true;
        }).orElse(false);
    }

    public void setCpus(int cpus) {
        document.apply("CPUs " + cpus, s -> ScenarioEdits.withCpus(s, cpus));
    }

    // Commands: pods //

    public void addPod() {
        Pod pod = new Pod("pod", Optional.empty(), Optional.empty(), Map.of(), List.of(defaultWorkload("clients")));
        document.apply("Add pod", s -> ScenarioEdits.addPod(s, pod));
        List<Pod> pods = document.scenario().pods();
        selectedPod.set(pods.get(pods.size() - 1).name());
    }

    public void duplicatePod(String pod) {
        document.apply("Duplicate " + pod, s -> ScenarioEdits.duplicatePod(s, pod));
        List<Pod> pods = document.scenario().pods();
        selectedPod.set(pods.get(pods.size() - 1).name());
    }

    public boolean renamePod(String from, String to) {
        String name = to == null ? "" : to.strip();
        if (name.isEmpty() || name.contains("/")) {
            message.set("a pod name must be non-empty and cannot contain \"/\"");
            return false;
        }
        if (!name.equals(from) && document.scenario().pod(name).isPresent()) {
            message.set("a pod named " + name + " already exists");
            return false;
        }
        message.set("");
        document.apply("Rename " + from + " to " + name, s -> ScenarioEdits.renamePod(s, from, name));
        selectedPod.set(name);
        return true;
    }

    public void removePod(String pod) {
        document.apply("Remove " + pod, s -> ScenarioEdits.removePod(s, pod));
    }

    public boolean setPodMemoryLimit(String pod, String text) {
        Optional<Bytes> limit = text == null || text.isBlank() ? Optional.empty()
                : parse(text, Quantities::parseBytes, "memory limit");
        if (text != null && !text.isBlank() && limit.isEmpty()) {
            return false;
        }
        document.apply("Memory limit of " + pod, s -> ScenarioEdits.withPodLimits(s, pod, limit,
                s.pod(pod).flatMap(Pod::tcpMemoryLimit)));
        return true;
    }

    // Commands: workloads //

    public void addWorkload(String pod) {
        document.apply("Add workload to " + pod, s -> ScenarioEdits.addWorkload(s, pod, defaultWorkload("clients")));
    }

    public void removeWorkload(String pod, String workload) {
        document.apply("Remove " + pod + "/" + workload, s -> ScenarioEdits.removeWorkload(s, pod, workload));
    }

    /** Sets the connection count; dragging merges a spinner or slider run into one undo step. */
    public void setConnections(String pod, String workload, long n, boolean dragging) {
        onTouched.accept(SweepTarget.connections(pod, workload, n));
        document.apply("Connections of " + pod + "/" + workload + " = " + n,
                s -> ScenarioEdits.updateWorkload(s, pod, workload, w -> w.withConnections(n)),
                dragging ? "connections:" + pod + "/" + workload : null);
    }

    public boolean setRtt(String pod, String workload, String text) {
        try {
            double v = Double.parseDouble(text.strip());
            if (!(v > 0 && v <= 60_000)) {
                throw new NumberFormatException();
            }
            message.set("");
            document.apply("RTT of " + pod + "/" + workload, s -> ScenarioEdits.updateWorkload(s, pod, workload,
                    w -> w.withRtt(v)));
            return true;
        } catch (NumberFormatException e) {
            message.set("RTT must be a number of milliseconds above 0, e.g. 0.5");
            return false;
        }
    }

    public boolean setRates(String pod, String workload, String in, String out) {
        Optional<Rate> i = parse(in, Quantities::parseRate, "in rate");
        Optional<Rate> o = parse(out, Quantities::parseRate, "out rate");
        if (i.isEmpty() || o.isEmpty()) {
            return false;
        }
        document.apply("Rates of " + pod + "/" + workload, s -> ScenarioEdits.updateWorkload(s, pod, workload,
                w -> w.withRates(i.get(), o.get())));
        return true;
    }

    public void setBehaviour(String pod, String workload, ReaderBehaviour reader, WriterBehaviour writer,
                             ReaderBehaviour peerReader) {
        document.apply("Behaviour of " + pod + "/" + workload, s -> ScenarioEdits.updateWorkload(s, pod, workload,
                w -> w.withBehaviour(reader, writer, peerReader)));
    }

    public boolean setSocketOptions(String pod, String workload, String rcvbuf, String sndbuf) {
        Optional<Bytes> r = rcvbuf == null || rcvbuf.isBlank() ? Optional.empty() : parse(rcvbuf, Quantities::parseBytes, "SO_RCVBUF");
        Optional<Bytes> sn = sndbuf == null || sndbuf.isBlank() ? Optional.empty() : parse(sndbuf, Quantities::parseBytes, "SO_SNDBUF");
        if ((rcvbuf != null && !rcvbuf.isBlank() && r.isEmpty()) || (sndbuf != null && !sndbuf.isBlank() && sn.isEmpty())) {
            return false;
        }
        document.apply("Socket options of " + pod + "/" + workload, s -> ScenarioEdits.updateWorkload(s, pod, workload,
                w -> w.withSocketOptions(r, sn)));
        return true;
    }

    /**
     * Sets the application's TCP_NOTSENT_LOWAT (blank: not set, the pod's sysctl applies). Returns false (with a
     * message) for text that is not a size or is above the kernel's unsigned 32-bit range.
     */
    public boolean setNotsentLowat(String pod, String workload, String lowat) {
        Optional<Bytes> v = lowat == null || lowat.isBlank() ? Optional.empty()
                : parse(lowat, Quantities::parseBytes, "TCP_NOTSENT_LOWAT");
        if (lowat != null && !lowat.isBlank() && v.isEmpty()) {
            return false;
        }
        if (v.isPresent() && v.get().value() > dev.tcpmem.model.socket.SendBuffer.NOTSENT_LOWAT_UNLIMITED) {
            message.set("TCP_NOTSENT_LOWAT: " + Quantities.formatBytes(v.get()) + " is above 4294967295 bytes (4 GiB - 1)");
            return false;
        }
        document.apply("TCP_NOTSENT_LOWAT of " + pod + "/" + workload, s -> ScenarioEdits.updateWorkload(s, pod, workload,
                w -> w.withNotsentLowat(v)));
        return true;
    }

    /**
     * Sets how many of the workload's connections wait for accept() and the listen() backlog; both blank removes
     * the listener. Returns false (with a message) for text that is not a count.
     */
    public boolean setListener(String pod, String workload, String unaccepted, String backlog) {
        boolean noneWaiting = unaccepted == null || unaccepted.isBlank();
        boolean noBacklog = backlog == null || backlog.isBlank();
        Optional<Long> u = noneWaiting ? Optional.of(0L) : parse(unaccepted, t -> Quantities.parseCount(t, dev.tcpmem.io.ScenarioReader.MAX_CONNECTIONS), "Not accepted");
        Optional<Long> b = noBacklog ? Optional.empty() : parse(backlog, t -> Quantities.parseCount(t, Integer.MAX_VALUE), "Listen backlog");
        if (u.isEmpty() || (!noBacklog && b.isEmpty())) {
            return false;
        }
        Optional<Workload> w = document.scenario().pod(pod).flatMap(p -> p.workload(workload));
        if (w.isPresent() && u.get() > w.get().connections()) {
            message.set("Not accepted: " + u.get() + " is more than the workload's " + w.get().connections() + " connections");
            return false;
        }
        Optional<Listener> l = noneWaiting && noBacklog ? Optional.empty() : Optional.of(new Listener(b, u.get()));
        document.apply("Listener of " + pod + "/" + workload, s -> ScenarioEdits.updateWorkload(s, pod, workload,
                x -> x.withListener(l)));
        w.ifPresent(x -> onTouched.accept(SweepTarget.unaccepted(pod, workload, u.get(), x.connections())));
        return true;
    }

    private <T> Optional<T> parse(String text, java.util.function.Function<String, T> parser, String what) {
        try {
            T v = parser.apply(text);
            message.set("");
            return Optional.of(v);
        } catch (IllegalArgumentException e) {
            message.set(what + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    static Workload defaultWorkload(String name) {
        return new Workload(name, 100, 1.0, new Rate(10_000), new Rate(10_000), ReaderBehaviour.DRAINS,
                WriterBehaviour.RATE, ReaderBehaviour.DRAINS, Optional.empty(), Optional.empty(), Workload.DEFAULT_MTU,
                Optional.empty());
    }

    private void keepSelectionValid(Scenario s) {
        if (selectedPod.get() != null && s.pod(selectedPod.get()).isEmpty()) {
            selectedPod.set(null);
        }
        if (selectedPod.get() == null && !s.pods().isEmpty()) {
            selectedPod.set(s.pods().get(0).name());
        }
        Optional<Pod> p = Optional.ofNullable(selectedPod.get()).flatMap(s::pod);
        if (p.isPresent() && (selectedWorkload.get() == null || p.get().workload(selectedWorkload.get()).isEmpty())) {
            selectedWorkload.set(p.get().workloads().isEmpty() ? null : p.get().workloads().get(0).name());
        }
        if (p.isEmpty()) {
            selectedWorkload.set(null);
        }
    }
}
