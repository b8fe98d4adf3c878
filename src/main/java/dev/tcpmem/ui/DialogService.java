package dev.tcpmem.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The dialogs the window needs, behind an interface so view models are tested without a window. */
public interface DialogService {

    /** The answer to "save changes before …?" */
    enum SaveChoice { SAVE, DISCARD, CANCEL }

    /** The answer to "recover the unsaved changes a crashed window left?" (LATER keeps them for the next start). */
    enum RecoveryChoice { RECOVER, DISCARD, LATER }

    RecoveryChoice askRecover(String description);

    Optional<Path> chooseOpen(String title, List<String> extensions);

    Optional<Path> chooseSave(String title, String suggestedName, List<String> extensions);

    SaveChoice askSaveChanges(String what);

    void showError(String title, String message);

    void showInfo(String title, String message);

    /** A long text (derivations, import notes) in a scrollable, selectable view. */
    void showText(String title, String text);

    /** Size and pixel density for a chart export. */
    record ExportSize(int width, int height, double scale) {
    }

    Optional<ExportSize> askExportSize(ExportSize suggested);
}
