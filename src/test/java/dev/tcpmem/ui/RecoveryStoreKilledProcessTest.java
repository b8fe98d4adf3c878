package dev.tcpmem.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery files of another window are offered only once its process is gone: while it runs its lock keeps
 * them out of the offer; after kill -9 the OS drops the lock and the next start offers them.
 */
class RecoveryStoreKilledProcessTest {

    /** The child: autosaves a scenario, says so, then waits to be killed. */
    public static final class Window {
        public static void main(String[] args) throws Exception {
            RecoveryStore store = new RecoveryStore(Path.of(args[0]));
            store.save("{\"edited\": true}\n", Path.of("/srv/team.tcpmem.json"), Instant.parse("2026-11-25T12:00:00Z"));
            System.out.println("saved");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    @Test
    void aRunningWindowsFileIsNotOfferedAndAKilledOnesIs(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Window.class.getName(),
                dir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("saved");
            RecoveryStore next = new RecoveryStore(dir);
            assertThat(next.orphans()).as("the other window still runs").isEmpty();

            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            assertThat(next.orphans()).singleElement().satisfies(o -> {
                assertThat(Files.readString(o.scenarioFile())).isEqualTo("{\"edited\": true}\n");
                assertThat(o.originalFile()).contains(Path.of("/srv/team.tcpmem.json"));
                assertThat(o.savedAt()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
            });
        } finally {
            p.destroyForcibly();
        }
    }
}
