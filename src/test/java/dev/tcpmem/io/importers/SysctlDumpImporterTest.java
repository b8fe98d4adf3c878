package dev.tcpmem.io.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.io.ScenarioWriter;
import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.Scenario;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SysctlDumpImporterTest {

    private final SysctlDumpImporter importer = new SysctlDumpImporter(SysctlCatalog.bundled());

    @Test
    void podNetnsDumpBecomesThePodsOverrides() throws Exception {
        // captured in a netns where tcp_rmem, tcp_wmem, tcp_keepalive_time and somaxconn were set (see the fixture)
        ImportResult r = importer.read(Fixtures.text("sysctl-a-netns-6.18.txt"), "sysctl-a.txt",
                Optional.of("cassandra-0"), Optional.empty());
        Scenario s = r.scenario();
        assertThat(s.node().kernel()).isEqualTo(KernelVersion.of(6, 18));
        assertThat(s.pod("cassandra-0")).hasValueSatisfying(p -> assertThat(p.sysctls())
                .containsEntry("net.ipv4.tcp_rmem", "4096 87380 16777216")
                .containsEntry("net.ipv4.tcp_wmem", "4096 65536 16777216")
                .containsEntry("net.ipv4.tcp_keepalive_time", "600")
                .containsEntry("net.core.somaxconn", "8192")
                .doesNotContainKey("net.core.rmem_max"));
        // tcp_mem is global: a pod's netns cannot show it, so the node size is an assumption, and said to be
        assertThat(r.notes()).anyMatch(n -> n.contains("node memory unknown"));
        // whatever was imported is a scenario the reader accepts
        new ScenarioReader(SysctlCatalog.bundled()).read(ScenarioWriter.toJson(s), "round trip");
    }

    @Test
    void hostTcpMemGivesBackTheNodeSize() throws Exception {
        // the 6.18 machine: tcp_mem 287901 383869 575802 at MemTotal 24,684,096 kB (23.54 GiB)
        ImportResult r = importer.read(Fixtures.text("sysctl-host-selected-6.18.txt"), "host.txt", Optional.empty(), Optional.empty());
        double gib = r.scenario().node().memory().value() / (double) (1L << 30);
        assertThat(gib).isBetween(23.3, 23.8);
        // the lines themselves are kept exactly as read, so the model runs with the node's real thresholds
        assertThat(r.scenario().node().sysctls()).containsEntry("net.ipv4.tcp_mem", "287901 383869 575802");
    }

    @Test
    void givenMemoryWins() throws Exception {
        ImportResult r = importer.read(Fixtures.text("sysctl-host-selected-6.18.txt"), "host.txt", Optional.empty(),
                Optional.of(Bytes.gib(64)));
        assertThat(r.scenario().node().memory()).isEqualTo(Bytes.gib(64));
        // on a 64 GiB node 287901 383869 575802 is lower than the default: a deliberate setting
        assertThat(r.scenario().node().sysctls()).containsEntry("net.ipv4.tcp_mem", "287901 383869 575802");
    }

    @Test
    void unknownTcpSysctlsAreKeptAndShown() throws Exception {
        ImportResult r = importer.read("kernel.osrelease = 6.1.0\nnet.ipv4.tcp_future_knob = 7\nnet.ipv4.tcp_sack = 0\n",
                "x.txt", Optional.empty(), Optional.empty());
        assertThat(r.notes()).anyMatch(n -> n.contains("net.ipv4.tcp_future_knob = 7"));
        assertThat(r.scenario().description()).contains("net.ipv4.tcp_future_knob = 7");
        assertThat(r.scenario().node().sysctls()).containsEntry("net.ipv4.tcp_sack", "0");
    }

    @Test
    void garbageIsRefusedWithTheLine() {
        assertThatThrownBy(() -> importer.read("net.ipv4.tcp_sack = 1\nthis is not sysctl output\n", "bad.txt",
                Optional.empty(), Optional.empty()))
                .hasMessage("bad.txt:2: expected \"name = value\" as sysctl prints it, found \"this is not sysctl output\"");
    }

    @Test
    void truncatedDumpStillImportsWhatItHas() throws Exception {
        String full = Fixtures.text("sysctl-a-netns-6.18.txt");
        String cut = full.substring(0, full.indexOf("net.ipv4.tcp_wmem"));
        ImportResult r = importer.read(cut, "cut.txt", Optional.of("p"), Optional.empty());
        assertThat(r.scenario().pod("p").get().sysctls()).containsEntry("net.ipv4.tcp_rmem", "4096 87380 16777216")
                .doesNotContainKey("net.ipv4.tcp_wmem");
    }
}
