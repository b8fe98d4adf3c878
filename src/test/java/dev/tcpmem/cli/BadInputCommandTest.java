package dev.tcpmem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the command line bad input is exit code 2 and "error:" lines naming file, place and fix: never a stack trace,
 * and a failed run writes no output file (CONTRACT.md).
 */
class BadInputCommandTest {

    private static void assertCleanError(SysctlsCommandTest.Run r, String... contains) {
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains(contains).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void importOfBinaryOrOversizedInputIsRefusedAndWritesNothing(@TempDir Path dir) throws Exception {
        Path binary = dir.resolve("dump.txt");
        Files.write(binary, new byte[] {'a', ' ', '=', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        Path out = dir.resolve("out.tcpmem.json");
        assertCleanError(SysctlsCommandTest.run("import", "sysctl", binary.toString(), "--out", out.toString()),
                "dump.txt: not UTF-8 text (byte 4)");
        Path huge = dir.resolve("huge.txt");
        Files.write(huge, "net.ipv4.tcp_sack = 1\n".repeat((33 << 20) / 22).getBytes(StandardCharsets.UTF_8));
        assertCleanError(SysctlsCommandTest.run("import", "sysctl", huge.toString(), "--out", out.toString()),
                "huge.txt: larger than 32 MiB");
        assertCleanError(SysctlsCommandTest.run("import", "pod", dir.resolve("missing.yaml").toString()), "missing.yaml: no such file");
        assertThat(out).doesNotExist();
    }

    @Test
    void evaluateReportsEveryProblemOfABrokenScenarioOnItsOwnErrorLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.tcpmem.json");
        Files.writeString(f, "{\"format\": \"tcpmem-scenario/1\", \"name\": \"x\", \"node\": {\"memory\": \"65TiB\", \"kernel\": \"6.1\"},\n"
                + " \"pods\": [{\"name\": \"p\", \"workloads\": [{\"name\": \"w\", \"connections\": -1, \"rttMs\": 1e309}]}]}");
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("evaluate", f.toString(), "--json");
        assertCleanError(r, "bad.tcpmem.json:1:");
        assertThat(r.err().lines().filter(l -> l.startsWith("error: "))).hasSize(3).anySatisfy(l -> assertThat(l)
                .contains("$.node.memory: node memory must be from 128MiB to 64TiB")).anySatisfy(l -> assertThat(l)
                .contains("2:").contains("$.pods[0].workloads[0].connections: -1 is out of range")).anySatisfy(l -> assertThat(l)
                .contains("$.pods[0].workloads[0].rttMs: Infinity is out of range"));
        assertThat(r.out()).isEmpty();
    }
}
