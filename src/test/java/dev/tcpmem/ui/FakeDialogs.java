package dev.tcpmem.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Scripted answers for the window's dialogs, and a record of the errors shown. */
public final class FakeDialogs implements DialogService {

    public Path nextOpen;
    public Path nextSave;
    public SaveChoice saveChoice = SaveChoice.CANCEL;
    public final List<String> errors = new ArrayList<>();
    public RecoveryChoice recoveryChoice = RecoveryChoice.LATER;
    public final List<String> recoveryOffers = new ArrayList<>();

    @Override
    public RecoveryChoice askRecover(String description) {
        recoveryOffers.add(description);
        return recoveryChoice;
    }

    @Override
    public Optional<Path> chooseOpen(String title, List<String> extensions) {
        return Optional.ofNullable(nextOpen);
    }

    @Override
    public Optional<Path> chooseSave(String title, String suggestedName, List<String> extensions) {
        return Optional.ofNullable(nextSave);
    }

    @Override
    public SaveChoice askSaveChanges(String what) {
        return saveChoice;
    }

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    public final List<String> infos = new ArrayList<>();

    @Override
    public void showInfo(String title, String message) {
        infos.add(title + ": " + message);
    }

    @Override
    public void showText(String title, String text) {
        infos.add(title + ": " + text);
    }

    @Override
    public Optional<ExportSize> askExportSize(ExportSize suggested) {
        return Optional.of(suggested);
    }
}
