package dev.tcpmem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcpmem.kernel.ReferenceSysctls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SysctlsCommandTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TcpmemCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Map<String, JsonNode> byName(String json) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode n : new ObjectMapper().readTree(json)) {
            out.put(n.get("name").asText(), n);
        }
        return out;
    }

    @Test
    void kernel618JsonListsEveryReferenceSysctlWithTheContractFields() throws Exception {
        Run r = run("sysctls", "--kernel", "6.18", "--json");
        assertThat(r.exit()).isZero();
        Map<String, JsonNode> rows = byName(r.out());
        assertThat(rows.keySet()).containsAll(ReferenceSysctls.linux618().keySet());
        for (JsonNode n : rows.values()) {
            assertThat(n.has("default") && n.has("type") && n.has("unit") && n.has("doc")
                    && n.get("namespaced").isBoolean() && n.has("namespacedSince") && n.get("k8sSafe").isBoolean())
                    .as(n.get("name").asText()).isTrue();
        }
        assertThat(rows.get("net.ipv4.tcp_rmem").get("default").asText()).isEqualTo("4096 131072 33554432");
        assertThat(rows.get("net.ipv4.tcp_rmem").get("namespaced").asBoolean()).isTrue();
        assertThat(rows.get("net.ipv4.tcp_mem").get("namespaced").asBoolean()).isFalse();
    }

    @Test
    void kernel415ShowsItsOwnDefaults() throws Exception {
        Map<String, JsonNode> rows = byName(run("sysctls", "--kernel", "4.15", "--json").out());
        assertThat(rows.get("net.ipv4.tcp_rmem").get("default").asText()).isEqualTo("4096 87380 6291456");
        assertThat(rows.get("net.core.somaxconn").get("default").asText()).isEqualTo("128");
    }

    @Test
    void tcpMemFollowsTheMemoryOption() throws Exception {
        // 64 GiB worked by hand in RamDerivedDefaultsTest: 784065 1045422 1568130
        Map<String, JsonNode> rows = byName(run("sysctls", "--kernel", "6.1", "--memory", "64GiB", "--json").out());
        assertThat(rows.get("net.ipv4.tcp_mem").get("default").asText()).isEqualTo("784065 1045422 1568130");
    }

    @Test
    void unsupportedKernelIsABadInputWithOneErrorLine() {
        Run r = run("sysctls", "--kernel", "3.10");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --kernel 3.10").contains("4.15").doesNotContain("Exception");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void unknownOptionIsABadInput() {
        Run r = run("sysctls", "--colour");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: Unknown option: '--colour'");
    }

    @Test
    void tableOutputNamesScopeAndSafety() {
        Run r = run("sysctls", "--kernel", "5.15");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("net.ipv4.tcp_keepalive_time ")).findFirst())
                .hasValueSatisfying(l -> assertThat(l).contains("pod").contains("safe").contains("7200"));
    }
}
