package dev.tcpmem.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tcpmem.kernel.SysctlCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A save that cannot happen says why, in words, and changes nothing: a read-only folder, a full disk. As root,
 * file modes do not stop writes, so the read-only and full cases use a tiny tmpfs mounted under a fresh /tmp
 * directory (and unmounted after); without root, a folder with mode r-x stands in for read-only.
 */
@ExtendWith(ApplicationExtension.class)
class SaveFailuresTest {

    private MainWindowViewModel vm;
    private final FakeDialogs dialogs = new FakeDialogs();

    @Start
    void start(Stage stage) throws Exception {
        vm = MainWindowViewModel.startup(SysctlCatalog.bundled(), new AppSettings(Files.createTempDirectory("tcpmem-settings")),
                null, new ArrayList<>());
        vm.setDialogs(dialogs);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    /** Runs the body with a tmpfs of the given size at a fresh directory; skipped where mounting is not allowed. */
    private static void withTmpfs(String options, Consumer<Path> body) throws Exception {
        Path mnt = Files.createTempDirectory("tcpmem-tmpfs");
        assumeTrue(isRoot() && run("mount", "-t", "tmpfs", "-o", options, "tcpmem-test", mnt.toString()) == 0,
                "needs root and mount (tmpfs)");
        try {
            body.accept(mnt);
        } finally {
            run("umount", mnt.toString());
            Files.deleteIfExists(mnt);
        }
    }

    @Test
    void aFullDiskIsSaidAndTheOldFileStays(FxRobot robot) throws Exception {
        withTmpfs("size=64k", mnt -> {
            try {
                Path file = mnt.resolve("node.tcpmem.json");
                Files.writeString(file, "old");
                // fill the rest of the 64 KiB so the new version cannot be written
                try (var out = Files.newOutputStream(mnt.resolve("filler"))) {
                    byte[] block = new byte[4096];
                    while (true) {
                        out.write(block);
                        out.flush();
                    }
                } catch (java.io.IOException full) {
                    // the disk is full now
                }
                robot.interact(() -> assertThat(vm.saveTo(file)).isFalse());
                assertThat(dialogs.errors).singleElement().asString()
                        .contains("Could not save node.tcpmem.json").contains("The file was not changed")
                        .contains("The disk is full");
                assertThat(Files.readString(file)).isEqualTo("old");
                try (var files = Files.list(mnt)) {
                    assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("node.tcpmem.json", "filler");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aReadOnlyFolderIsSaidAndNothingIsWritten(FxRobot robot) throws Exception {
        Consumer<Path> check = dir -> {
            Path file = dir.resolve("node.tcpmem.json");
            robot.interact(() -> assertThat(vm.saveTo(file)).isFalse());
            assertThat(dialogs.errors).singleElement().asString()
                    .contains("Could not save node.tcpmem.json").containsPattern("read-only|Permission denied");
            assertThat(file).doesNotExist();
        };
        if (isRoot()) {
            withTmpfs("size=64k,ro", check);
        } else {
            Path dir = Files.createTempDirectory("tcpmem-ro");
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
            check.accept(dir);
        }
    }

    @Test
    void aScenarioTheReaderWouldRefuseIsNotSaved(FxRobot robot) throws Exception {
        // an RTT of 100 s is beyond the 60,000 ms a scenario file holds: saving it would make a file that cannot open
        Path file = Files.createTempDirectory("tcpmem-invalid").resolve("node.tcpmem.json");
        Files.writeString(file, "old");
        robot.interact(() -> vm.document().apply("rtt", s -> dev.tcpmem.model.scenario.ScenarioEdits.updateWorkload(s,
                "cassandra-0", "clients", w -> w.withRtt(100_000))));
        robot.interact(() -> assertThat(vm.saveTo(file)).isFalse());
        assertThat(dialogs.errors).singleElement().asString().contains("Cannot save node.tcpmem.json")
                .contains("The file was not changed").contains("$.pods[0].workloads[0].rttMs");
        assertThat(Files.readString(file)).isEqualTo("old");
    }

    @Test
    void aReadOnlyFileIsNotReplacedEvenInAWritableFolder(FxRobot robot) throws Exception {
        // renaming over it would work (the folder is writable), and would silently undo the user's protection
        Path file = Files.createTempDirectory("tcpmem-rofile").resolve("shared.tcpmem.json");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        robot.interact(() -> assertThat(vm.saveTo(file)).isFalse());
        assertThat(dialogs.errors).singleElement().asString().contains("Could not save shared.tcpmem.json")
                .contains("The file is read-only").contains("Save under another name");
        assertThat(Files.readString(file)).isEqualTo("old");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void autosaveThatCannotWriteSaysSoOnce(FxRobot robot) throws Exception {
        withTmpfs("size=64k,ro", mnt -> {
            List<String> told = new ArrayList<>();
            ScenarioDocument doc = vm.document();
            Autosave[] a = new Autosave[1];
            robot.interact(() -> a[0] = new Autosave(doc, new RecoveryStore(mnt.resolve("recovery")),
                    javafx.util.Duration.millis(50), told::add));
            robot.interact(() -> doc.apply("first", s -> dev.tcpmem.model.scenario.ScenarioEdits.removePod(s, "web-0")));
            robot.interact(() -> doc.apply("second", s -> dev.tcpmem.model.scenario.ScenarioEdits.removePod(s, "cassandra-0")));
            try {
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !told.isEmpty());
                a[0].saveNow();
                a[0].awaitWrites();
                WaitForAsyncUtils.waitForFxEvents();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            assertThat(told).singleElement().asString().contains("cannot be kept for recovery").contains("read-only")
                    .contains("Save the scenario");
            robot.interact(a[0]::close);
        });
    }
}
