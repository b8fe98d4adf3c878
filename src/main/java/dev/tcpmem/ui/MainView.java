package dev.tcpmem.ui;

import dev.tcpmem.kernel.KernelVersion;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.PropertyValueFactory;

/** Controller of MainView.fxml: binds the controls to the {@link MainViewModel}, nothing more. */
public final class MainView {

    private final MainViewModel viewModel;

    @FXML private ComboBox<KernelVersion> kernelChoice;
    @FXML private TextField searchField;
    @FXML private TableView<SysctlRow> sysctlTable;
    @FXML private TableColumn<SysctlRow, String> nameColumn;
    @FXML private TableColumn<SysctlRow, String> defaultColumn;
    @FXML private TableColumn<SysctlRow, String> scopeColumn;
    @FXML private TableColumn<SysctlRow, String> groupColumn;
    @FXML private TableColumn<SysctlRow, String> summaryColumn;
    @FXML private Label statusLabel;

    public MainView(MainViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        kernelChoice.getItems().setAll(KernelVersion.SUPPORTED);
        kernelChoice.valueProperty().bindBidirectional(viewModel.kernelProperty());
        searchField.textProperty().bindBidirectional(viewModel.searchProperty());
        nameColumn.setCellValueFactory(new PropertyValueFactory<>("name"));
        defaultColumn.setCellValueFactory(new PropertyValueFactory<>("defaultValue"));
        scopeColumn.setCellValueFactory(new PropertyValueFactory<>("scope"));
        groupColumn.setCellValueFactory(new PropertyValueFactory<>("group"));
        summaryColumn.setCellValueFactory(new PropertyValueFactory<>("summary"));
        sysctlTable.setItems(viewModel.visibleRows());
        statusLabel.textProperty().bind(viewModel.statusProperty());
    }
}
