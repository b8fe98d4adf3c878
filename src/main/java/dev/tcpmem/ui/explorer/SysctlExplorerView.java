package dev.tcpmem.ui.explorer;

import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * The left panel: search, filters, reset-all, and the list of sysctls for the node or the selected pod. The layout
 * is SysctlExplorerView.fxml; this class is its root and controller and binds it to the view model.
 */
public final class SysctlExplorerView extends VBox {

    private final SysctlExplorerViewModel vm;
    @FXML private Label title;
    @FXML private TextField search;
    @FXML private CheckBox changed;
    @FXML private CheckBox model;
    @FXML private CheckBox namespaced;
    @FXML private CheckBox safe;
    @FXML private Label message;
    @FXML private ListView<SysctlEntry> list;

    public SysctlExplorerView(SysctlExplorerViewModel vm) {
        this.vm = vm;
        dev.tcpmem.ui.FxmlViews.load(this, "SysctlExplorerView");
        title.textProperty().bind(vm.targetTitleProperty());
        search.textProperty().bindBidirectional(vm.searchProperty());
        changed.selectedProperty().bindBidirectional(vm.onlyChangedProperty());
        model.selectedProperty().bindBidirectional(vm.onlyModelProperty());
        namespaced.selectedProperty().bindBidirectional(vm.onlyNamespacedProperty());
        safe.selectedProperty().bindBidirectional(vm.onlyK8sSafeProperty());
        message.textProperty().bind(vm.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        list.setItems(vm.visibleEntries());
        SysctlCell.SpareEditors spares = new SysctlCell.SpareEditors();
        list.setCellFactory(l -> new SysctlCell(vm, spares));
    }

    @FXML
    private void resetAll() {
        vm.resetAll();
    }
}
