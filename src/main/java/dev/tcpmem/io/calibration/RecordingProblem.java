package dev.tcpmem.io.calibration;

/**
 * A problem at a JSON path of a probe recording: thrown through a recording's mapping and turned into one
 * {@link dev.tcpmem.io.InputFormatException} (file, path, fix) at the top.
 */
final class RecordingProblem extends Exception {
    private static final long serialVersionUID = 1L;
    final String path;

    RecordingProblem(String path, String message) {
        super(message, null, false, false);
        this.path = path;
    }
}
