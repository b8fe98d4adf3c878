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
