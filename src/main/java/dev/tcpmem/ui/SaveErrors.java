package dev.tcpmem.ui;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Says in a user's words why a file could not be written, and what to do. */
final class SaveErrors {

    private SaveErrors() {
    }

    static String describe(IOException e) {
        String m = String.valueOf(e.getMessage());
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : m;
        String where = e instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() : m;
        if (reason.contains("No space left") || reason.contains("Disk quota exceeded")) {
            return "The disk is full (" + reason + ", writing " + where + "). Free some space or save elsewhere.";
        }
        if (reason.contains("Read-only file system")) {
            return "The disk is read-only (" + where + "). Save to another folder.";
        }
        if (e instanceof AccessDeniedException && "the file is read-only".equals(reason)) {
            return "The file is read-only: " + where + ". Save under another name, or make it writable first.";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied: " + where + " (the folder or file is read-only). Save to another folder.";
        }
        if (e instanceof NoSuchFileException) {
            return "The folder does not exist: " + where;
        }
        return e.getClass().getSimpleName() + ": " + m;
    }
}
