package dev.tcpmem.io;

/**
 * One thing wrong with an input file: where (JSON path and, when known, line:column) and what to do about it.
 *
 * @param line   1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record Problem(String path, int line, int column, String message) {

    /** "12:18 $.pods[0].workloads[0].rttMs: must be above 0" */
    public String describe() {
        String where = line > 0 ? line + ":" + column + " " : "";
        return where + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
