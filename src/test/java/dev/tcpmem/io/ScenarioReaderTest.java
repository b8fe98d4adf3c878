package dev.tcpmem.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.CgroupVersion;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WriterBehaviour;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioReaderTest {

    private final ScenarioReader reader = new ScenarioReader(SysctlCatalog.bundled());

    static final String CONTRACT_EXAMPLE = """
            {
              "format": "tcpmem-scenario/1",
              "name": "Cassandra with 10k clients beside two web pods",
              "description": "free text",
              "node": {
                "memory": "64GiB",
                "cpus": 16,
                "kernel": "5.15",
                "cgroup": "v2",
                "sysctls": { "net.ipv4.tcp_mem": "786432 1048576 1572864" }
              },
              "pods": [
                {
                  "name": "cassandra-0",
                  "memoryLimit": "32GiB",
                  "tcpMemoryLimit": null,
                  "sysctls": {
                    "net.ipv4.tcp_rmem": "4096 87380 16777216",
                    "net.ipv4.tcp_wmem": "4096 65536 16777216"
                  },
                  "workloads": [
                    {
                      "name": "clients",
                      "connections": 10000,
                      "rttMs": 0.5,
                      "inRate": "100KB/s",
                      "outRate": "100KB/s",
                      "reader": "drains",
                      "writer": "rate",
                      "peerReader": "drains",
                      "soRcvbuf": null,
                      "soSndbuf": null,
                      "mtu": 1500,
                      "peer": null
                    }
                  ]
                }
              ],
              "timeline": {
                "durationSeconds": 300,
                "stepMillis": 100,
                "events": [
                  { "atSeconds": 60, "pod": "cassandra-0", "workload": "clients",
                    "set": { "reader": "stalled" }, "forSeconds": 30 }
                ]
              }
            }
            """;

    @Test
    void readsTheContractExample() throws Exception {
        Scenario s = reader.read(CONTRACT_EXAMPLE, "example.tcpmem.json");
        assertThat(s.node().memory()).isEqualTo(Bytes.gib(64));
        assertThat(s.node().kernel()).isEqualTo(KernelVersion.of(5, 15));
        assertThat(s.node().cgroup()).isEqualTo(CgroupVersion.V2);
        assertThat(s.node().sysctls()).containsEntry("net.ipv4.tcp_mem", "786432 1048576 1572864");
        Workload w = s.pods().get(0).workloads().get(0);
        assertThat(w.connections()).isEqualTo(10_000);
        assertThat(w.inRate().bytesPerSecond()).isEqualTo(100_000);
        assertThat(w.writer()).isEqualTo(WriterBehaviour.RATE);
        assertThat(s.timeline().events()).hasSize(1);
        assertThat(s.timeline().events().get(0).set().reader()).contains(ReaderBehaviour.STALLED);
        assertThat(s.timeline().events().get(0).forSeconds()).contains(30.0);
    }

    @Test
    void writtenScenarioReadsBackEqual() throws Exception {
        Scenario s = reader.read(CONTRACT_EXAMPLE, "example.tcpmem.json");
        Scenario again = reader.read(ScenarioWriter.toJson(s), "written.tcpmem.json");
        assertThat(again).isEqualTo(s);
    }

    @Test
    void tcpNotsentLowatIsAnOptionalWorkloadSizeThatRoundTrips() throws Exception {
        Scenario without = reader.read(CONTRACT_EXAMPLE, "example.tcpmem.json");
        assertThat(without.pods().get(0).workloads().get(0).tcpNotsentLowat()).isEmpty();
        assertThat(ScenarioWriter.toJson(without)).doesNotContain("tcpNotsentLowat");

        String text = CONTRACT_EXAMPLE.replace("\"soSndbuf\": null,", "\"soSndbuf\": null, \"tcpNotsentLowat\": \"16KiB\",");
        Scenario s = reader.read(text, "lowat.tcpmem.json");
        assertThat(s.pods().get(0).workloads().get(0).tcpNotsentLowat()).contains(Bytes.of(16384));
        assertThat(reader.read(ScenarioWriter.toJson(s), "written.tcpmem.json")).isEqualTo(s);
    }

    @Test
    void tcpNotsentLowatAboveUint32IsRefusedWithItsPlace() {
        String text = CONTRACT_EXAMPLE.replace("\"soSndbuf\": null,", "\"soSndbuf\": null, \"tcpNotsentLowat\": \"8GiB\",");
        assertThatThrownBy(() -> reader.read(text, "f.json"))
                .hasMessageContaining("$.pods[0].workloads[0].tcpNotsentLowat")
                .hasMessageContaining("at most 4294967295 bytes");
    }

    @Test
    void nodeLevelSysctlInAPodIsRefusedWithTheReason() {
        String text = CONTRACT_EXAMPLE.replace("\"net.ipv4.tcp_rmem\": \"4096 87380 16777216\"",
                "\"net.ipv4.tcp_mem\": \"1 2 3\"");
        InputFormatException e = catchThrowableOfType(() -> reader.read(text, "pod.tcpmem.json"), InputFormatException.class);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("$.pods[0].sysctls.net.ipv4.tcp_mem");
            assertThat(p.message()).contains("node-level").contains("move it to node.sysctls");
            assertThat(p.line()).isEqualTo(18);
        });
    }

    @Test
    void reportsEveryProblemAtOnceWithPathAndLine() {
        String text = CONTRACT_EXAMPLE
                .replace("\"rttMs\": 0.5", "\"rttMs\": -1")
                .replace("\"writer\": \"rate\"", "\"writer\": \"sometimes\"")
                .replace("\"cpus\": 16,", "\"cpus\": 16, \"colour\": \"blue\",");
        InputFormatException e = catchThrowableOfType(() -> reader.read(text, "bad.tcpmem.json"), InputFormatException.class);
        assertThat(e.problems()).extracting(Problem::path).containsExactlyInAnyOrder(
                "$.node.colour", "$.pods[0].workloads[0].rttMs", "$.pods[0].workloads[0].writer");
        assertThat(e.getMessage()).contains("bad.tcpmem.json:7:").contains("unknown field \"colour\"");
        assertThat(e.getMessage()).contains("bad.tcpmem.json:25:").contains("-1 is out of range");
        assertThat(e.getMessage()).contains("expected \"idle\", \"rate\" or \"bulk\"");
    }

    @Test
    void invalidSysctlValueSaysWhatIsValid() {
        String text = CONTRACT_EXAMPLE.replace("4096 87380 16777216", "4096 87380");
        assertThatThrownBy(() -> reader.read(text, "f.json"))
                .hasMessageContaining("$.pods[0].sysctls.net.ipv4.tcp_rmem")
                .hasMessageContaining("needs three integers");
    }

    @Test
    void misspelledSysctlGetsASuggestion() {
        String text = CONTRACT_EXAMPLE.replace("\"net.ipv4.tcp_wmem\"", "\"net.ipv4.tcp_wmen\"");
        assertThatThrownBy(() -> reader.read(text, "f.json")).hasMessageContaining("did you mean net.ipv4.tcp_wmem?");
    }

    @Test
    void sysctlMissingFromTheNodesKernelIsRefused() {
        // tcp_shrink_window appeared long after 5.15
        String text = CONTRACT_EXAMPLE.replace("\"net.ipv4.tcp_mem\": \"786432 1048576 1572864\"",
                "\"net.ipv4.tcp_shrink_window\": \"1\"");
        assertThatThrownBy(() -> reader.read(text, "f.json")).hasMessageContaining("does not exist in kernel 5.15");
    }

    @Test
    void syntaxErrorGivesLineAndColumn() {
        InputFormatException e = catchThrowableOfType(() -> reader.read("{\n  \"format\": \"tcpmem-scenario/1\",\n  \"name\" \"x\"\n}", "broken.json"),
                InputFormatException.class);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).startsWith("not valid JSON");
        });
    }

    @Test
    void duplicateKeysAreAnError() {
        String text = CONTRACT_EXAMPLE.replace("\"cpus\": 16,", "\"cpus\": 16, \"cpus\": 8,");
        assertThatThrownBy(() -> reader.read(text, "f.json")).hasMessageContaining("Duplicate field 'cpus'");
    }

    @Test
    void peerMustExistAndMatchTheConnectionCount() {
        String text = CONTRACT_EXAMPLE.replace("\"peer\": null", "\"peer\": \"web/frontend\"");
        assertThatThrownBy(() -> reader.read(text, "f.json")).hasMessageContaining("peer web/frontend is not a workload on this node");
    }

    @Test
    void unknownFormatVersionIsRefused() {
        String text = CONTRACT_EXAMPLE.replace("tcpmem-scenario/1", "tcpmem-scenario/9");
        assertThatThrownBy(() -> reader.read(text, "f.json")).hasMessageContaining("unsupported format");
    }

    @Test
    void nonUtf8FileIsRefusedClearly(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("latin1.tcpmem.json");
        Files.write(f, new byte[] {'{', '"', (byte) 0xE9, '"', '}'});
        assertThatThrownBy(() -> reader.read(f)).hasMessageContaining("not UTF-8");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> reader.read(dir.resolve("nope.tcpmem.json")))
                .hasMessageContaining("nope.tcpmem.json").hasMessageContaining("no such file");
    }
}
