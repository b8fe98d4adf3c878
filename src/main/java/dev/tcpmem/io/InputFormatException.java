package dev.tcpmem.io;

import java.util.List;

/** An input file that cannot be used as it is; lists every problem found, each with its place. */
public final class InputFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final transient List<Problem> problems;

    public InputFormatException(String source, List<Problem> problems) {
        super(summary(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(String source, List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            // "file:12:18 $.path: what" with a place, "file: what" without one
            sb.append(source).append(p.line() > 0 ? ":" : ": ").append(p.describe());
        }
        return sb.toString();
    }
}
