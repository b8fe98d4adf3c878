package dev.tcpmem.ui.explorer;

import dev.tcpmem.kernel.InvalidSysctlValueException;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.kernel.SysctlDefaults;
import dev.tcpmem.kernel.SysctlDefinition;
import dev.tcpmem.kernel.SysctlValueParser;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.ScenarioEdits;
import dev.tcpmem.ui.ScenarioDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import dev.tcpmem.model.sweep.SweepParameter;
import dev.tcpmem.ui.charts.SweepTarget;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The sysctl explorer: every sysctl of the scenario's kernel, for the node or the selected pod, searchable and
 * filterable, with commands to set and reset values. Node-level sysctls always edit the node.
 */
public final class SysctlExplorerViewModel {

    private final ScenarioDocument document;
    private final SysctlCatalog catalog;

    // Properties //

    /** The pod whose values are shown; null means the node. */
    private final ObjectProperty<String> targetPod = new SimpleObjectProperty<>(null);
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty onlyChanged = new SimpleBooleanProperty(false);
    private final BooleanProperty onlyModel = new SimpleBooleanProperty(false);
    private final BooleanProperty onlyNamespaced = new SimpleBooleanProperty(false);
    private final BooleanProperty onlyK8sSafe = new SimpleBooleanProperty(false);
    private final IntegerProperty kubernetesMinor = new SimpleIntegerProperty();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper targetTitle = new ReadOnlyStringWrapper("");
    private final ObservableList<SysctlEntry> entries = FXCollections.observableArrayList();
    private final FilteredList<SysctlEntry> visible = new FilteredList<>(entries, e -> true);
    private Consumer<SweepTarget> onTouched = t -> { };
    /** The row being dragged while its edit is applied: its list item stays in place (the slider shows the value). */
    private String draggedRow;
    /** The latest rows by position; differs from {@code entries} only at the dragged row during a drag. */
    private List<SysctlEntry> latest = List.of();

    public SysctlExplorerViewModel(ScenarioDocument document, SysctlCatalog catalog) {
        this.document = document;
        this.catalog = catalog;
        kubernetesMinor.set(catalog.all().stream().flatMap(d -> d.k8sSafeSince().stream())
                .mapToInt(v -> Integer.parseInt(v.split("\\.")[1])).max().orElse(32));
        document.scenarioProperty().addListener((o, a, b) -> rebuild());
        targetPod.addListener((o, a, b) -> rebuild());
        kubernetesMinor.addListener((o, a, b) -> rebuild());
        search.addListener((o, a, b) -> refilter());
        onlyChanged.addListener((o, a, b) -> refilter());
        onlyModel.addListener((o, a, b) -> refilter());
        onlyNamespaced.addListener((o, a, b) -> refilter());
        onlyK8sSafe.addListener((o, a, b) -> refilter());
        rebuild();
    }

    public ObjectProperty<String> targetPodProperty() {
        return targetPod;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public BooleanProperty onlyChangedProperty() {
        return onlyChanged;
    }

    public BooleanProperty onlyModelProperty() {
        return onlyModel;
    }

    public BooleanProperty onlyNamespacedProperty() {
        return onlyNamespaced;
    }

    public BooleanProperty onlyK8sSafeProperty() {
        return onlyK8sSafe;
    }

    public IntegerProperty kubernetesMinorProperty() {
        return kubernetesMinor;
    }

    /** The last problem with an edit (invalid value), or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty targetTitleProperty() {
        return targetTitle.getReadOnlyProperty();
    }

    public ObservableList<SysctlEntry> visibleEntries() {
        return visible;
    }

    public Optional<SysctlEntry> entry(String name) {
        return latest.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Told which input the user changed, so the sweep chart can follow it. */
    public void setOnTouched(Consumer<SweepTarget> onTouched) {
        this.onTouched = onTouched;
    }

    // Commands //

    /**
     * Sets a value for the current target after validating it; returns false (and sets the message) when the
     * value is invalid. {@code dragging} merges the edits of one slider drag into one undo step.
     */
    public boolean setValue(String name, String text, boolean dragging) {
        SysctlEntry e = entry(name).orElseThrow(() -> new IllegalArgumentException("unknown sysctl " + name));
        String canonical;
        try {
            canonical = SysctlValueParser.parse(e.definition(), text).text();
        } catch (InvalidSysctlValueException ex) {
            message.set(ex.getMessage());
            return false;
        }
        message.set("");
        String pod = targetPod.get();
        touched(e, canonical, pod);
        String label = "Set " + name + " = " + canonical + (e.editsNode() ? " on the node" : " in " + pod);
        String mergeKey = dragging ? "sysctl:" + name + ":" + (e.editsNode() ? "" : pod) : null;
        // replacing the dragged row's item would re-lay out the list at every drag step (BENCHMARKS.md)
        draggedRow = dragging ? name : null;
        try {
            if (e.editsNode()) {
                document.apply(label, s -> ScenarioEdits.withNodeSysctl(s, name, canonical), mergeKey);
            } else {
                document.apply(label, s -> ScenarioEdits.withPodSysctl(s, pod, name, canonical), mergeKey);
            }
        } finally {
            draggedRow = null;
        }
        if (!dragging) {
            // the end of a drag repeats its last value (no new scenario): the list catches up here
            syncRows();
        }
        return true;
    }

    /** Removes this target's own value, so the row falls back to the node's or the kernel default. */
    public void reset(String name) {
        SysctlEntry e = entry(name).orElseThrow(() -> new IllegalArgumentException("unknown sysctl " + name));
        if (!e.overriddenHere()) {
            return;
        }
        String pod = targetPod.get();
        if (e.editsNode()) {
            document.apply("Reset " + name + " on the node", s -> ScenarioEdits.withNodeSysctl(s, name, null));
        } else {
            document.apply("Reset " + name + " in " + pod, s -> ScenarioEdits.withPodSysctl(s, pod, name, null));
        }
    }

    /** Removes every value the current target sets itself. */
    public void resetAll() {
        String pod = targetPod.get();
        if (pod == null) {
            document.apply("Reset all node sysctls", s -> {
                Scenario out = s;
                for (String n : s.node().sysctls().keySet()) {
                    out = ScenarioEdits.withNodeSysctl(out, n, null);
                }
                return out;
            });
        } else {
            document.apply("Reset all sysctls of " + pod, s -> {
                Scenario out = s;
                for (String n : s.pod(pod).map(Pod::sysctls).orElse(Map.of()).keySet()) {
                    out = ScenarioEdits.withPodSysctl(out, pod, n, null);
                }
                return out;
            });
        }
    }

    /** For triplets, the element that changed becomes the sweep target. */
    private void touched(SysctlEntry e, String newValue, String pod) {
        if (!e.definition().type().isTriplet()) {
            return;
        }
        String[] a = e.value().strip().split("\\s+");
        String[] b = newValue.strip().split("\\s+");
        if (a.length != 3 || b.length != 3) {
            return;
        }
        int index = 2;
        for (int i = 0; i < 3; i++) {
            if (!a[i].equals(b[i])) {
                index = i;
                break;
            }
        }
        long current = Long.parseLong(b[index]);
        SweepParameter p = e.editsNode() ? new SweepParameter.NodeSysctlElement(e.name(), index)
                : new SweepParameter.PodSysctlElement(pod, e.name(), index);
        onTouched.accept(SweepTarget.sysctlElement(p, current));
    }

    private void rebuild() {
        Scenario s = document.scenario();
        String pod = targetPod.get();
        if (pod != null && s.pod(pod).isEmpty()) {
            pod = null; // removed or renamed: show the node until the selection moves on
        }
        KernelVersion kernel = s.node().kernel();
        // the node's defaults as the model's evaluations get them (kept per node): this runs at every step of a drag
        Map<String, String> defaults = SysctlDefaults.forNode(catalog, kernel, s.node().memory());
        Map<String, String> podValues = pod == null ? Map.of() : s.pod(pod).get().sysctls();
        List<SysctlEntry> out = new ArrayList<>();
        for (SysctlDefinition d : catalog.presentIn(kernel)) {
            String def = defaults.getOrDefault(d.name(), "");
            boolean ns = d.namespacedIn(kernel);
            boolean editsNode = pod == null || !ns;
            String value = def;
            ValueOrigin origin = ValueOrigin.KERNEL_DEFAULT;
            if (s.node().sysctls().containsKey(d.name())) {
                value = s.node().sysctls().get(d.name());
                origin = editsNode ? ValueOrigin.NODE : ValueOrigin.INHERITED_FROM_NODE;
            }
            if (!editsNode && podValues.containsKey(d.name())) {
                value = podValues.get(d.name());
                origin = ValueOrigin.POD;
            }
            boolean safe = d.k8sSafe(kubernetesMinor.get(), kernel);
            Optional<String> warning = Optional.empty();
            if (pod != null && !ns) {
                warning = Optional.of("Node-level: shared by every pod; editing it here changes the node, and Kubernetes refuses it in a pod");
            } else if (pod != null && origin == ValueOrigin.POD && !safe) {
                warning = Optional.of("Unsafe in Kubernetes 1." + kubernetesMinor.get()
                        + ": the kubelet must list it in --allowed-unsafe-sysctls");
            }
            out.add(new SysctlEntry(d, kernel, def, value, origin, editsNode, safe, warning));
        }
        // within a group: the key sysctls in a fixed order, then the others that drive the model, then the rest
        out.sort(Comparator.comparing((SysctlEntry e) -> e.definition().group())
                .thenComparing(e -> keyRank(e.name()))
                .thenComparing(e -> !e.definition().affectsModel())
                .thenComparing(SysctlEntry::name));
        latest = List.copyOf(out);
        targetTitle.set(pod == null ? "Node (kernel " + kernel + ")" : "Pod " + pod + " (kernel " + kernel + ")");
        syncRows();
    }

    /**
     * Brings the list's items up to the latest rows, replacing only the rows that changed (a slider drag touches
     * one row, and the list keeps its other cells); during a drag the dragged row waits until the drag ends. The
     * filtered view re-tests replaced rows itself, so the filter is not re-applied (that would replace every
     * visible row and re-lay out the whole list).
     */
    private void syncRows() {
        List<SysctlEntry> out = latest;
        if (entries.size() == out.size() && java.util.stream.IntStream.range(0, out.size())
                .allMatch(i -> entries.get(i).name().equals(out.get(i).name()))) {
            for (int i = 0; i < out.size(); i++) {
                if (!entries.get(i).equals(out.get(i)) && !out.get(i).name().equals(draggedRow)) {
                    entries.set(i, out.get(i));
                }
            }
        } else {
            entries.setAll(out);
        }
    }

    /** The sysctls a TCP memory review starts with, in the order a reviewer reads them. */
    private static final List<String> KEY_SYSCTLS = List.of("net.ipv4.tcp_mem", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
            "net.core.rmem_max", "net.core.wmem_max", "net.ipv4.tcp_moderate_rcvbuf", "net.ipv4.tcp_notsent_lowat",
            "net.ipv4.tcp_adv_win_scale", "net.ipv4.tcp_congestion_control");

    private static int keyRank(String name) {
        int i = KEY_SYSCTLS.indexOf(name);
        return i < 0 ? KEY_SYSCTLS.size() : i;
    }

    private void refilter() {
        String q = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        Predicate<SysctlEntry> p = e -> q.isEmpty() || e.name().toLowerCase(Locale.ROOT).contains(q)
                || e.definition().summary().toLowerCase(Locale.ROOT).contains(q)
                || e.definition().doc().toLowerCase(Locale.ROOT).contains(q);
        if (onlyChanged.get()) {
            p = p.and(SysctlEntry::changed);
        }
        if (onlyModel.get()) {
            p = p.and(e -> e.definition().affectsModel());
        }
        if (onlyNamespaced.get()) {
            p = p.and(SysctlEntry::namespaced);
        }
        if (onlyK8sSafe.get()) {
            p = p.and(SysctlEntry::k8sSafe);
        }
        visible.setPredicate(p);
    }
}
