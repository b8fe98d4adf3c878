package dev.tcpmem.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.derivation.Derivation;
import dev.tcpmem.model.derivation.Origin;
import dev.tcpmem.model.node.MemoryState;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.PeerRef;
import dev.tcpmem.model.scenario.Rate;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WriterBehaviour;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

class PeerAndDerivationTest {

    @Test
    void bulkWriterFacingAStalledReaderOnTheNodeFillsItsSendBuffer() {
        // Both ends on the node, tcp_rmem 4096 87380 6291456, tcp_wmem 4096 16384 4194304, 5.15, cubic.
        // Reader end b: stalled, its queue fills sk_rcvbuf = 87380 bytes -> ceil(21.33) = 22 pages.
        // Writer end a: the reader takes its window, win(87380) = 87380 - 43690 = 43690 bytes = ceil(43690 / 1448) = 31
        //   packets (wscale 7); cubic's cwnd stays there; tcp_sndbuf_expand: 2 x 31 x 2304 = 142848 bytes (< 4 MiB).
        //   The writer is woken at 2/3 of that (95232) and fills past it by half an skb on average: size_goal =
        //   43690 / 2 -> 15 x 1448 = 21720, (21720 + 832) / 2 = 11276; its first fill (46080 + 11276 - 43690) is
        //   below 95232, so the queue saw-tooths: (95232 + 142848 + 11276) / 2 = 124678 -> ceil(30.4) = 31 pages.
        // 10 connections: 10 x (31 + 22) = 530 pages.
        Workload a = new Workload("up", 10, 1, Rate.ZERO, Rate.ZERO, ReaderBehaviour.DRAINS, WriterBehaviour.BULK,
                ReaderBehaviour.DRAINS, Optional.empty(), Optional.empty(), 1500, Optional.of(new PeerRef("b", "down")));
        Workload b = new Workload("down", 10, 1, Rate.ZERO, Rate.ZERO, ReaderBehaviour.STALLED, WriterBehaviour.IDLE,
                ReaderBehaviour.DRAINS, Optional.empty(), Optional.empty(), 1500, Optional.empty());
        Map<String, String> rmem = Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456");
        Scenario s = Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), Fixtures.timeline(5, 100),
                Fixtures.pod("a", rmem, a), Fixtures.pod("b", rmem, b));
        EvaluationResult r = ScenarioEvaluator.evaluate(s, Fixtures.defaults515("786432 1048576 1572864"));
        assertThat(r.pods().get(0).finalPages()).isEqualTo(310);
        assertThat(r.pods().get(1).finalPages()).isEqualTo(220);
        assertThat(r.node().finalPages()).isEqualTo(530);
        assertThat(r.node().state()).isEqualTo(MemoryState.NORMAL);
    }

    @Test
    void notsentLowatCapsTheSendQueueOfABulkWriterFacingAStalledReader() {
        // As above (5.15, cubic, stalled reader with sk_rcvbuf 87380, window 43690), with the writer's pod setting
        // net.ipv4.tcp_notsent_lowat = 65536. Nothing is in flight (the reader's window is full and acknowledged), so
        // the writer's queue is only unsent bytes:
        //   size_goal = half the peer's window in whole MSS: 43690 / 2 = 21845 -> 15 x 1448 = 21720;
        //   unsent at rest = lowat + size_goal / 2 = 65536 + 10860 = 76396 (the kernel stops in [65536, 87256));
        //   in ceil(76396 / 21720) = 4 skbs of 832 bytes' head: 76396 + 3328 = 79724 -> ceil(19.46) = 20 pages,
        //   below the 124678 bytes (31 pages) its queue holds without lowat.
        // 10 connections: 10 x 20 = 200 pages for the writer, 220 for the reader.
        Workload a = new Workload("up", 10, 1, Rate.ZERO, Rate.ZERO, ReaderBehaviour.DRAINS, WriterBehaviour.BULK,
                ReaderBehaviour.DRAINS, Optional.empty(), Optional.empty(), 1500, Optional.of(new PeerRef("b", "down")));
        Workload b = new Workload("down", 10, 1, Rate.ZERO, Rate.ZERO, ReaderBehaviour.STALLED, WriterBehaviour.IDLE,
                ReaderBehaviour.DRAINS, Optional.empty(), Optional.empty(), 1500, Optional.empty());
        Map<String, String> rmem = Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456");
        Map<String, String> lowat = Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456", "net.ipv4.tcp_notsent_lowat", "65536");
        Scenario s = Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), Fixtures.timeline(5, 100),
                Fixtures.pod("a", lowat, a), Fixtures.pod("b", rmem, b));
        EvaluationResult r = ScenarioEvaluator.evaluate(s, Fixtures.defaults515("786432 1048576 1572864"));
        assertThat(r.pods().get(0).finalPages()).isEqualTo(200);
        assertThat(r.pods().get(1).finalPages()).isEqualTo(220);
        Derivation d = r.pods().get(0).workloads().get(0).socket().derivations().get("notsentLowat");
        assertThat(d.value()).isEqualTo(65536);
        assertThat(d.inputs().get(0).origin()).isEqualTo(Origin.POD);

        // a lowat above what the queue holds changes nothing: the 31-page queue again
        Map<String, String> high = Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456", "net.ipv4.tcp_notsent_lowat", "1048576");
        Scenario s2 = Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), Fixtures.timeline(5, 100),
                Fixtures.pod("a", high, a), Fixtures.pod("b", rmem, b));
        assertThat(ScenarioEvaluator.evaluate(s2, Fixtures.defaults515("786432 1048576 1572864")).pods().get(0).finalPages())
                .isEqualTo(310);
        // unset: UINT_MAX, origin kernel default
        Derivation unset = ScenarioEvaluator.evaluate(Fixtures.scenario("5.15", Bytes.gib(64), Map.of(),
                Fixtures.timeline(5, 100), Fixtures.pod("a", rmem, a), Fixtures.pod("b", rmem, b)),
                Fixtures.defaults515("786432 1048576 1572864")).pods().get(0).workloads().get(0).socket().derivations()
                .get("notsentLowat");
        assertThat(unset.value()).isEqualTo(4294967295.0);
        assertThat(unset.inputs().get(0).origin()).isEqualTo(Origin.KERNEL_DEFAULT);
    }

    @Test
    void theSocketOptionTcpNotsentLowatOverridesTheSysctlAndZeroMeansTheSysctl() {
        // Same pair as above; the pod's sysctl says 1 MiB (no effect: above the 124678 bytes the queue holds), the
        // application sets TCP_NOTSENT_LOWAT 65536 on its sockets: tcp_notsent_lowat() takes tp->notsent_lowat, so
        // 20 pages per writer as worked above (10 x 20 = 200). With the option 0, the sysctl applies: 31 pages (310).
        Workload b = new Workload("down", 10, 1, Rate.ZERO, Rate.ZERO, ReaderBehaviour.STALLED, WriterBehaviour.IDLE,
                ReaderBehaviour.DRAINS, Optional.empty(), Optional.empty(), 1500, Optional.empty());
        Map<String, String> rmem = Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456");
        Map<String, String> high = Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456", "net.ipv4.tcp_notsent_lowat", "1048576");
        for (long option : new long[] {65536, 0}) {
            Workload a = new Workload("up", 10, 1, Rate.ZERO, Rate.ZERO, ReaderBehaviour.DRAINS, WriterBehaviour.BULK,
                    ReaderBehaviour.DRAINS, Optional.empty(), Optional.empty(), 1500, Optional.of(new PeerRef("b", "down")),
                    Optional.empty(), Optional.of(Bytes.of(option)));
            Scenario s = Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), Fixtures.timeline(5, 100),
                    Fixtures.pod("a", high, a), Fixtures.pod("b", rmem, b));
            EvaluationResult r = ScenarioEvaluator.evaluate(s, Fixtures.defaults515("786432 1048576 1572864"));
            Derivation d = r.pods().get(0).workloads().get(0).socket().derivations().get("notsentLowat");
            if (option > 0) {
                assertThat(r.pods().get(0).finalPages()).isEqualTo(200);
                assertThat(d.value()).isEqualTo(65536);
                assertThat(d.inputs().get(0).origin()).isEqualTo(Origin.SCENARIO);
            } else {
                assertThat(r.pods().get(0).finalPages()).isEqualTo(310);
                assertThat(d.value()).isEqualTo(1048576);
                assertThat(d.inputs().get(0).origin()).isEqualTo(Origin.POD);
            }
        }
    }

    @Test
    void everySocketNumberExplainsItself() {
        Scenario s = Fixtures.scenario("5.15", Bytes.gib(64), Map.of("net.core.rmem_max", "4194304"), Fixtures.timeline(1, 100),
                Fixtures.pod("db", Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456"),
                        Fixtures.workload("clients", 10, 1, 0, 0, ReaderBehaviour.DRAINS, WriterBehaviour.IDLE)));
        EvaluationResult r = ScenarioEvaluator.evaluate(s, Fixtures.defaults515("1000 2000 3000"));
        Map<String, Derivation> d = r.pods().get(0).workloads().get(0).socket().derivations();
        assertThat(d).containsKeys("rcvbufInitial", "rcvbufMax", "sndbufInitial", "sndbufMax", "windowScale",
                "windowMax", "bdpBytes", "throughputCeilingBytesPerSecond");
        Derivation ws = d.get("windowScale");
        assertThat(ws.value()).isEqualTo(7);
        assertThat(ws.source()).isEqualTo("net/ipv4/tcp_output.c");
        assertThat(ws.inputs()).extracting(Derivation.Input::origin).contains(Origin.POD, Origin.NODE);
        assertThat(d.get("rcvbufInitial").explain()).contains("87380").contains("tcp_rmem").contains("pod");
        assertThat(r.node().derivations().get("tcpMem.pressure").inputs().get(0).origin()).isEqualTo(Origin.KERNEL_DEFAULT);
        assertThat(r.pods().get(0).workloads().get(0).pagesPerConnection().source()).contains("net/core/sock.c");
    }

    @Test
    void tcpMemFromRamWhenTheDefaultsLackIt() {
        // No tcp_mem given: RamDerivedDefaults (tcp_init_mem) for 64 GiB decides; pressure = L, high = 2 x (L / 4 x 3).
        Map<String, String> d = Fixtures.defaults515("0 0 0");
        d.remove("net.ipv4.tcp_mem");
        Scenario s = Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), Fixtures.timeline(1, 100));
        EvaluationResult r = ScenarioEvaluator.evaluate(s, d);
        long[] expected = dev.tcpmem.kernel.RamDerivedDefaults.of(Bytes.gib(64)).tcpMem();
        assertThat(r.node().tcpMem().pressure()).isEqualTo(expected[1]);
        assertThat(r.node().tcpMem().low()).isEqualTo(expected[1] / 4 * 3);
        assertThat(r.node().tcpMem().high()).isEqualTo(expected[1] / 4 * 3 * 2);
        // 64 GiB = 16,777,216 pages; L is a little under 16,777,216 / 16 = 1,048,576
        assertThat(r.node().tcpMem().pressure()).isBetween(1_000_000L, 1_048_576L);
    }

    @Test
    void catalogOverloadWhenTheCatalogLoads() {
        SysctlCatalog catalog;
        try {
            catalog = SysctlCatalog.bundled();
        } catch (RuntimeException | Error e) {
            org.junit.jupiter.api.Assumptions.abort("catalog not available yet: " + e.getMessage());
            return;
        }
        Scenario s = Fixtures.scenario("6.18", Bytes.gib(64), Map.of(), Fixtures.timeline(1, 100),
                Fixtures.pod("db", Map.of(), Fixtures.workload("c", 100, 1, 1000, 1000, ReaderBehaviour.DRAINS,
                        WriterBehaviour.RATE)));
        EvaluationResult r = ScenarioEvaluator.evaluate(s, catalog);
        assertThat(r.node().tcpMem().high()).isPositive();
        assertThat(r.pods().get(0).workloads().get(0).socket().windowScale()).isBetween(0, 14);
    }
}
