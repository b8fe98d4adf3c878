package dev.tcpmem.ui.explorer;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The left panel: search, filters, reset-all, and the list of sysctls for the node or the selected pod. */
public final class SysctlExplorerView extends VBox {

    public SysctlExplorerView(SysctlExplorerViewModel vm) {
        super(6);
        getStyleClass().add("explorer");
        setPadding(new Insets(8));
        Label title = new Label();
        title.getStyleClass().add("panel-title");
        title.textProperty().bind(vm.targetTitleProperty());
        TextField search = new TextField();
        search.setId("sysctlSearch");
        search.setPromptText("Search name or description");
        search.textProperty().bindBidirectional(vm.searchProperty());
        CheckBox changed = check("changed", vm.onlyChangedProperty(), "filterChanged");
        CheckBox model = check("affects model", vm.onlyModelProperty(), "filterModel");
        CheckBox namespaced = check("namespaced", vm.onlyNamespacedProperty(), "filterNamespaced");
        CheckBox safe = check("k8s-safe", vm.onlyK8sSafeProperty(), "filterSafe");
        Button resetAll = new Button("Reset all");
        resetAll.setId("resetAll");
        resetAll.setOnAction(e -> vm.resetAll());
        FlowPane filters = new FlowPane(8, 4, changed, model, namespaced, safe, resetAll);
        Label message = new Label();
        message.setId("explorerMessage");
        message.getStyleClass().add("error-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        ListView<SysctlEntry> list = new ListView<>(vm.visibleEntries());
        list.setId("sysctlList");
        list.setCellFactory(l -> new SysctlCell(vm));
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(title, search, filters, message, list);
    }

    private static CheckBox check(String text, javafx.beans.property.BooleanProperty p, String id) {
        CheckBox c = new CheckBox(text);
        c.setId(id);
        c.selectedProperty().bindBidirectional(p);
        return c;
    }
}
