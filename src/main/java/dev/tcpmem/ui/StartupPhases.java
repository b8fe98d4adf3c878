package dev.tcpmem.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Marks along one start of the window (main entered, toolkit up, scenario read, panels built, shown, first frame,
 * charts drawn), printed as a breakdown with -Dtcpmem.startupTiming (BENCHMARKS.md, cold start). Marks are
 * System.nanoTime() readings turned into times since the JVM's start once the first frame is known, so nothing
 * before that frame needs java.management.
 */
public final class StartupPhases {

    private record Mark(String name, long nanos) {
    }

    private static final List<Mark> MARKS = new ArrayList<>();
    private static long frameNanos = -1;
    private static long frameSinceJvmStart = -1;

    private StartupPhases() {
    }

    /** Records that a phase ended now (any thread). */
    public static synchronized void mark(String name) {
        MARKS.add(new Mark(name, System.nanoTime()));
    }

    private static boolean chartsDrawn;
    private static boolean printed;

    /** The first frame's nanoTime and its time since JVM start, which date every other mark. */
    static synchronized void firstFrame(long nanos, long millisSinceJvmStart) {
        frameNanos = nanos;
        frameSinceJvmStart = millisSinceJvmStart;
        printOnce();
    }

    /** The charts' first frame (they are drawn after the window's): the last mark of a start. */
    public static synchronized void chartsDrawn() {
        if (!chartsDrawn) {
            chartsDrawn = true;
            mark("charts drawn");
            printOnce();
        }
    }

    private static void printOnce() {
        if (!printed && chartsDrawn && frameNanos >= 0 && System.getProperty("tcpmem.startupTiming") != null) {
            printed = true;
            System.err.println("startup phases: " + breakdown());
        }
    }

    /** "name 123 ms · name 456 ms …" in the order of the marks, times since JVM start; empty before the frame. */
    public static synchronized String breakdown() {
        if (frameNanos < 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        MARKS.stream().sorted(java.util.Comparator.comparingLong(Mark::nanos)).forEach(m -> parts.add(
                String.format(Locale.ROOT, "%s %d", m.name(), frameSinceJvmStart - (frameNanos - m.nanos()) / 1_000_000)));
        return String.join(" · ", parts) + " (ms since JVM start)";
    }
}
