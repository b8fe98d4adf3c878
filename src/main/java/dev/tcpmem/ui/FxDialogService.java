package dev.tcpmem.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The real dialogs, owned by the main window. */
public final class FxDialogService implements DialogService {

    private final Window owner;
    private File lastDirectory;

    public FxDialogService(Window owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> chooseOpen(String title, List<String> extensions) {
        FileChooser fc = chooser(title, extensions);
        File f = fc.showOpenDialog(owner);
        remember(f);
        return Optional.ofNullable(f).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseSave(String title, String suggestedName, List<String> extensions) {
        FileChooser fc = chooser(title, extensions);
        fc.setInitialFileName(suggestedName);
        File f = fc.showSaveDialog(owner);
        remember(f);
        return Optional.ofNullable(f).map(File::toPath);
    }

    @Override
    public SaveChoice askSaveChanges(String what) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "The scenario has unsaved changes. Save them before " + what + "?",
                save, discard, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setHeaderText("Unsaved changes");
        ButtonType answer = a.showAndWait().orElse(ButtonType.CANCEL);
        return answer == save ? SaveChoice.SAVE : answer == discard ? SaveChoice.DISCARD : SaveChoice.CANCEL;
    }

    @Override
    public RecoveryChoice askRecover(String description) {
        ButtonType recover = new ButtonType("Recover", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        ButtonType later = new ButtonType("Decide later", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, description, recover, discard, later);
        a.initOwner(owner);
        a.setHeaderText("Recover unsaved changes?");
        ButtonType answer = a.showAndWait().orElse(later);
        return answer == recover ? RecoveryChoice.RECOVER : answer == discard ? RecoveryChoice.DISCARD : RecoveryChoice.LATER;
    }

    @Override
    public void showError(String title, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.initOwner(owner);
        a.setHeaderText(title);
        if (message.lines().count() > 3) {
            TextArea text = new TextArea(message);
            text.setEditable(false);
            text.setWrapText(true);
            text.setPrefRowCount(12);
            a.getDialogPane().setContent(text);
        } else {
            a.setContentText(message);
        }
        a.showAndWait();
    }

    @Override
    public void showInfo(String title, String message) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, message);
        a.initOwner(owner);
        a.setHeaderText(title);
        a.showAndWait();
    }

    @Override
    public void showText(String title, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(owner);
        a.setHeaderText(title);
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefColumnCount(90);
        area.setPrefRowCount(24);
        area.setStyle("-fx-font-family: 'DejaVu Sans Mono', monospace;");
        a.getDialogPane().setContent(area);
        a.setResizable(true);
        a.showAndWait();
    }

    @Override
    public Optional<ExportSize> askExportSize(ExportSize suggested) {
        javafx.scene.control.Dialog<ExportSize> d = new javafx.scene.control.Dialog<>();
        d.initOwner(owner);
        d.setTitle("Export size");
        d.setHeaderText("Size of the exported chart (PNG pixels are width × scale)");
        javafx.scene.control.Spinner<Integer> w = new javafx.scene.control.Spinner<>(200, 8000, suggested.width(), 100);
        javafx.scene.control.Spinner<Integer> h = new javafx.scene.control.Spinner<>(150, 8000, suggested.height(), 50);
        javafx.scene.control.Spinner<Double> sc = new javafx.scene.control.Spinner<>(1.0, 4.0, suggested.scale(), 0.5);
        w.setEditable(true);
        h.setEditable(true);
        javafx.scene.layout.GridPane g = new javafx.scene.layout.GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.addRow(0, new javafx.scene.control.Label("width"), w);
        g.addRow(1, new javafx.scene.control.Label("height"), h);
        g.addRow(2, new javafx.scene.control.Label("PNG scale"), sc);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> b == ButtonType.OK ? new ExportSize(w.getValue(), h.getValue(), sc.getValue()) : null);
        return d.showAndWait();
    }

    private FileChooser chooser(String title, List<String> extensions) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        for (String ext : extensions) {
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext, "*" + ext));
        }
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        if (lastDirectory != null && lastDirectory.isDirectory()) {
            fc.setInitialDirectory(lastDirectory);
        }
        return fc;
    }

    private void remember(File f) {
        if (f != null && f.getParentFile() != null) {
            lastDirectory = f.getParentFile();
        }
    }
}
