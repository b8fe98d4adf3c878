package dev.tcpmem.ui.timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;

/** Controller of TimelineView.fxml: shows the view model's events and passes edits back to it. */
public final class TimelineView {

    @FXML private TextField duration;
    @FXML private TextField step;
    @FXML private TableView<TimelineViewModel.EventRow> table;
    @FXML private TableColumn<TimelineViewModel.EventRow, String> atColumn;
    @FXML private TableColumn<TimelineViewModel.EventRow, String> targetColumn;
    @FXML private TableColumn<TimelineViewModel.EventRow, String> changeColumn;
    @FXML private TableColumn<TimelineViewModel.EventRow, String> forColumn;
    @FXML private TextField at;
    @FXML private ComboBox<String> target;
    @FXML private ComboBox<String> field;
    @FXML private TextField value;
    @FXML private TextField lasting;
    @FXML private Button remove;
    @FXML private Label message;
    private TimelineViewModel vm;

    /**
     * The collapsed "Timeline" pane for a view model. Its content (a table, combo boxes, fields) is loaded when the
     * pane is first expanded: skinning it while collapsed cost the first frame of the window for nothing.
     */
    public static TitledPane load(TimelineViewModel vm) {
        TitledPane pane = new TitledPane();
        pane.setId("timelinePane");
        pane.getStyleClass().add("timeline-editor");
        pane.setExpanded(false);
        pane.setAnimated(false);
        Runnable title = () -> pane.setText(title(vm));
        vm.durationProperty().addListener((o, a, b) -> title.run());
        vm.stepProperty().addListener((o, a, b) -> title.run());
        vm.events().addListener((javafx.collections.ListChangeListener<TimelineViewModel.EventRow>) c -> title.run());
        title.run();
        pane.expandedProperty().addListener((o, was, expanded) -> {
            if (expanded && pane.getContent() == null) {
                pane.setContent(content(vm));
            }
        });
        return pane;
    }

    private static Parent content(TimelineViewModel vm) {
        FXMLLoader loader = new FXMLLoader(TimelineView.class.getResource("/dev/tcpmem/ui/TimelineView.fxml"));
        try {
            Parent root = loader.load();
            loader.<TimelineView>getController().bind(vm);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("the timeline view is missing from the application", e);
        }
    }

    private void bind(TimelineViewModel model) {
        this.vm = model;
        atColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().at()));
        targetColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().target()));
        changeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().change()));
        forColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().forSeconds()));
        table.setItems(vm.events());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        target.setItems(vm.targets());
        field.getItems().setAll(TimelineViewModel.FIELDS);
        field.setValue("reader");
        field.valueProperty().addListener((o, a, b) -> value.setPromptText(example(b)));
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        message.textProperty().bind(vm.messageProperty());
        vm.durationProperty().addListener((o, a, b) -> showLength());
        vm.stepProperty().addListener((o, a, b) -> showLength());
        showLength();
    }

    private void showLength() {
        if (!duration.isFocused()) {
            duration.setText(vm.durationProperty().get());
        }
        if (!step.isFocused()) {
            step.setText(vm.stepProperty().get());
        }
    }

    private static String title(TimelineViewModel vm) {
        int n = vm.events().size();
        return String.format(Locale.ROOT, "Timeline · %s s at %s ms · %d event%s", vm.durationProperty().get(),
                vm.stepProperty().get(), n, n == 1 ? "" : "s");
    }

    private static String example(String field) {
        return switch (field == null ? "" : field) {
            case "reader", "peerReader" -> "stalled";
            case "writer" -> "bulk";
            case "connections", "unaccepted", "closed" -> "3000";
            default -> "10MB/s";
        };
    }

    @FXML
    private void commitLength() {
        vm.setLength(duration.getText(), step.getText());
    }

    @FXML
    private void add() {
        if (vm.addEvent(at.getText(), target.getValue(), field.getValue(), value.getText(), lasting.getText())) {
            value.clear();
        }
    }

    @FXML
    private void removeSelected() {
        TimelineViewModel.EventRow row = table.getSelectionModel().getSelectedItem();
        if (row != null) {
            vm.removeEvent(row.index());
        }
    }
}
