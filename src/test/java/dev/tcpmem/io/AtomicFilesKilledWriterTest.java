package dev.tcpmem.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save killed half-way (kill -9 of the process) leaves the old file as it was. */
class AtomicFilesKilledWriterTest {

    /** The child process: replaces the file with 400 MB, slowly enough to be killed during the write. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            AtomicFiles.write(Path.of(args[0]), new byte[400 * 1024 * 1024]);
        }
    }

    @Test
    void killedDuringTheWriteKeepsTheOldFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("node.tcpmem.json");
        Files.writeString(target, "{\"old\": true}");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx600m", "-cp", System.getProperty("java.class.path"),
                Writer.class.getName(), target.toString()).redirectErrorStream(true).start();
        // wait until the temporary file exists and is growing: the write is under way
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean writing = false;
        while (System.nanoTime() < deadline && p.isAlive() && !writing) {
            try (Stream<Path> files = Files.list(dir)) {
                writing = files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp") && sizeOf(f) > 0);
            }
            Thread.sleep(5);
        }
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        if (!writing) {
            // the child finished before we saw it writing: then the new file must be complete
            assertThat(Files.size(target)).isIn(13L, 400L * 1024 * 1024);
            return;
        }
        assertThat(Files.readString(target)).isEqualTo("{\"old\": true}");
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
