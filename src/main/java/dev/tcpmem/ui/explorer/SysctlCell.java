package dev.tcpmem.ui.explorer;

import dev.tcpmem.kernel.SysctlDefinition;
import dev.tcpmem.kernel.SysctlType;
import dev.tcpmem.kernel.SysctlUnit;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One sysctl in the explorer: name with a mark when changed, the editor that fits its type, the kernel default,
 * scope and Kubernetes status, and its description (the tooltip carries the long text and the kernel sources).
 * The editor survives updates of the same sysctl, so a slider keeps its drag while the model re-runs.
 */
final class SysctlCell extends ListCell<SysctlEntry> {

    private final SysctlExplorerViewModel vm;
    private final VBox root = new VBox(4);
    private final Label group = new Label();
    private final Label mark = new Label("●");
    private final Label name = new Label();
    private final Label scope = new Label();
    private final Label k8s = new Label();
    private final Button reset = new Button("Reset");
    private final HBox editorRow = new HBox(10);
    private final Label defaultLabel = new Label();
    private final Label origin = new Label();
    private final Label summary = new Label();
    private final Label warning = new Label();
    private String tip = "";
    private ValueEditor editor;
    private String editorFor;

    /**
     * Editors no cell shows, by sysctl name, shared by the list's cells. The list measures rows with a cell of its
     * own before it lays out the visible ones (a dozen rows at the first frame): the visible cell then takes the
     * editor that measuring made instead of building its sliders and fields again. Editors keep no listeners
     * outside themselves, so a spare one costs only its memory; the oldest go beyond {@link #SPARE_EDITORS}.
     */
    static final class SpareEditors extends java.util.LinkedHashMap<String, ValueEditor> {
        private static final int SPARE_EDITORS = 48;

        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, ValueEditor> eldest) {
            return size() > SPARE_EDITORS;
        }
    }

    private final SpareEditors spares;

    SysctlCell(SysctlExplorerViewModel vm, SpareEditors spares) {
        this.vm = vm;
        this.spares = spares;
        getStyleClass().add("sysctl-cell");
        group.getStyleClass().add("group-header");
        group.setMaxWidth(Double.MAX_VALUE);
        mark.getStyleClass().add("changed-mark");
        name.getStyleClass().add("sysctl-name");
        scope.getStyleClass().add("badge");
        k8s.getStyleClass().add("badge");
        reset.getStyleClass().add("reset-button");
        reset.setOnAction(e -> {
            if (getItem() != null) {
                vm.reset(getItem().name());
            }
        });
        name.setMinWidth(Region.USE_PREF_SIZE);
        HBox title = new HBox(6, mark, name);
        title.setAlignment(Pos.CENTER_LEFT);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        for (Label l : new Label[] {scope, k8s}) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        reset.setMinWidth(Region.USE_PREF_SIZE);
        HBox facts = new HBox(6, scope, k8s, defaultLabel, origin, spacer, reset);
        facts.setAlignment(Pos.CENTER_LEFT);
        editorRow.setAlignment(Pos.CENTER_LEFT);
        defaultLabel.getStyleClass().add("default-value");
        origin.getStyleClass().add("origin");
        summary.getStyleClass().add("summary");
        summary.setWrapText(true);
        warning.getStyleClass().add("warning");
        warning.setWrapText(true);
        dev.tcpmem.ui.LazyTooltips.install(this, () -> tip, t -> {
            t.setWrapText(true);
            t.setMaxWidth(520);
        });
        root.getChildren().addAll(group, title, editorRow, facts, summary, warning);
        setPrefWidth(0);
        // wrap to the list's width instead of scrolling sideways
        listViewProperty().addListener((o, a, lv) -> {
            if (lv != null) {
                root.maxWidthProperty().bind(lv.widthProperty().subtract(40));
                root.prefWidthProperty().bind(lv.widthProperty().subtract(40));
            }
        });
    }

    @Override
    protected void updateItem(SysctlEntry e, boolean empty) {
        super.updateItem(e, empty);
        if (empty || e == null) {
            setGraphic(null);
            releaseEditor();
            return;
        }
        int index = getIndex();
        boolean firstOfGroup = index == 0 || index > getListView().getItems().size() - 1
                || getListView().getItems().get(index - 1).definition().group() != e.definition().group();
        group.setText(e.definition().group().title());
        group.setVisible(firstOfGroup);
        group.setManaged(firstOfGroup);
        mark.setVisible(e.changed());
        name.setText(e.name());
        scope.setText(e.scope());
        scope.getStyleClass().setAll("badge", e.namespaced() ? "badge-pod" : "badge-node");
        k8s.setText(!e.namespaced() ? "not settable in a pod" : e.k8sSafe() ? "k8s safe" : "k8s unsafe");
        k8s.getStyleClass().setAll("badge", !e.namespaced() ? "badge-neutral" : e.k8sSafe() ? "badge-safe" : "badge-unsafe");
        reset.setDisable(!e.overriddenHere());
        if (!e.name().equals(editorFor)) {
            releaseEditor();
            ValueEditor spare = spares.remove(e.name());
            editor = spare != null ? spare : editorFor(e.definition());
            editorFor = e.name();
            editor.node().setId("editor-" + e.name().replace('.', '_'));
            // a drag's layout requests stay inside the editor (LayoutBoundary), not the whole list
            javafx.scene.Node held = editor.node() instanceof javafx.scene.Parent p && editor.dragging() != null
                    ? new LayoutBoundary(p, editor.dragging()) : editor.node();
            editorRow.getChildren().setAll(held);
            HBox.setHgrow(held, Priority.ALWAYS);
        }
        editor.show(e);
        defaultLabel.setText("default: " + (e.defaultValue().isEmpty() ? "—" : e.defaultValue()) + unit(e.definition()));
        origin.setText(e.origin().words());
        summary.setText(e.definition().summary());
        // warn where it matters: values this target changes, not every node-level row
        boolean warn = e.warning().isPresent() && e.overriddenHere();
        warning.setText(warn ? e.warning().get() : "");
        warning.setVisible(warn);
        warning.setManaged(warn);
        tip = e.definition().doc() + "\n\n" + e.namespacedSince() + "; " + e.kubernetes()
                + (e.definition().affectsModel() ? "\nChanges the model." : "\nShown for completeness: the model does not use it.")
                + "\n\nSources: " + String.join("; ", e.definition().sources());
        setGraphic(root);
    }

    private void releaseEditor() {
        if (editor != null) {
            editorRow.getChildren().remove(editor.node());
            spares.put(editorFor, editor);
        }
        editor = null;
        editorFor = null;
    }

    private ValueEditor editorFor(SysctlDefinition d) {
        if (d.type().isTriplet()) {
            return new TripletEditor(vm, d);
        }
        if (d.type() == SysctlType.BOOL) {
            return new SwitchEditor(vm);
        }
        if (d.type() == SysctlType.ENUM && !d.choices().isEmpty()) {
            return new ChoiceEditor(vm, d.choices());
        }
        if ((d.type() == SysctlType.INT || d.type() == SysctlType.LONG) && d.unit() == SysctlUnit.BYTES) {
            return new ByteSizeEditor(vm, d);
        }
        return new TextValueEditor(vm);
    }

    private static String unit(SysctlDefinition d) {
        return d.unit() == SysctlUnit.NONE || d.unit() == SysctlUnit.COUNT ? "" : " " + d.unit().key();
    }
}
