package dev.tcpmem.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void replacesTheFileAndLeavesNoTemporaryBehind(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("node.tcpmem.json");
        Files.writeString(f, "old");
        AtomicFiles.write(f, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(f)).isEqualTo("new");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void newFilesAreReadableLikeAnyOtherAndExistingOnesKeepTheirMode(@TempDir Path dir) throws Exception {
        Path fresh = dir.resolve("chart.png");
        AtomicFiles.write(fresh, new byte[] {1});
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-r--r--");
        Path shared = dir.resolve("team.tcpmem.json");
        Files.writeString(shared, "old");
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
        AtomicFiles.write(shared, new byte[] {2});
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rw-rw-r--");
    }

    @Test
    void failedWriteKeepsTheOldFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("node.tcpmem.json");
        Files.writeString(f, "old");
        // a target that is a non-empty directory cannot be replaced: the write fails after the temp file is made
        Path blocked = dir.resolve("blocked");
        Files.createDirectories(blocked.resolve("inside"));
        assertThatThrownBy(() -> AtomicFiles.write(blocked, "new".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(f)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(f, blocked);
        }
    }
}
