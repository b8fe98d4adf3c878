package dev.tcpmem.io.importers;

/** The input is not what the importer reads; the message names the file, the line and what was expected. */
public final class ImportException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImportException(String message) {
        super(message);
    }
}
