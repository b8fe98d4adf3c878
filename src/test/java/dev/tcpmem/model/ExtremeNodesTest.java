package dev.tcpmem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.node.MemoryState;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.PodResult;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.TimelineEvent;
import dev.tcpmem.model.scenario.WorkloadChange;
import dev.tcpmem.model.scenario.WriterBehaviour;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Extreme but valid nodes (the largest the reader accepts are 64 TiB, 100 million connections, 5,000 pods and
 * 10 million timeline steps) evaluate to the numbers worked out by hand, with no int or long overflow on the way.
 */
class ExtremeNodesTest {

    private static final SysctlCatalog CATALOG = SysctlCatalog.bundled();

    @Test
    void tcpMemDefaultsOfA4TiBNodeFollowTheKernelFormula() {
        // MemTotal 4 TiB = 2^30 pages of 4 KiB = 4,294,967,296 KiB.
        // min_free_kbytes = int_sqrt(16 x 4,294,967,296) = 262,144, at the 262,144 cap -> 65,536 pages
        //   (THP's recommended 11 pageblocks x 512 pages x 3 zones = 16,896 pages is lower).
        // high watermarks = min + 2 x max(min/4, managed x 10/10000) = 65,536 + 2 x max(16,384, 1,073,741) = 2,213,018.
        // nr_free_buffer_pages = 1,073,741,824 - 2,213,018 = 1,071,528,806.
        // tcp_init_mem(): limit = 1,071,528,806 / 16 = 66,970,550; low = limit / 4 x 3 = 16,742,637 x 3 = 50,227,911;
        // high = 2 x low = 100,455,822 pages (383 GiB) — all beyond 2^31 bytes, none beyond a long.
        Scenario s = Fixtures.scenario("6.1", Bytes.of(4L << 40), Map.of(), Fixtures.timeline(1, 100));
        EvaluationResult r = ScenarioEvaluator.evaluate(s, CATALOG);
        assertThat(r.node().tcpMem().low()).isEqualTo(50_227_911L);
        assertThat(r.node().tcpMem().pressure()).isEqualTo(66_970_550L);
        assertThat(r.node().tcpMem().high()).isEqualTo(100_455_822L);
    }

    @Test
    void tenMillionStalledConnectionsIn1000PodsChargeConnectionsTimesPagesPerSocket() {
        // 1,000 pods x 10,000 connections = 10 million; each reader stalled with data arriving, so each receive queue
        // fills to sk_rcvbuf = tcp_rmem[1] = 87,380 bytes = ceil(21.33) = 22 pages (TimelineTest, calibrated on 6.18).
        // Node: 10,000,000 x 22 = 220,000,000 pages = 901,120,000,000 bytes (about 839 GiB; over 2^31 many times).
        // Each pod: 10,000 x 22 = 220,000 pages; its cgroup v2 charge 220,000 x 4096 = 901,120,000 bytes.
        // tcp_mem is set above that so the node stays normal and nothing is throttled.
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            pods.add(Fixtures.pod("pod-" + i, Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456"),
                    Fixtures.workload("clients", 10_000, 1, 100_000, 0, ReaderBehaviour.STALLED, WriterBehaviour.IDLE)));
        }
        Scenario s = Fixtures.scenario("5.15", Bytes.of(4L << 40), Map.of("net.ipv4.tcp_mem", "300000000 400000000 500000000"),
                Fixtures.timeline(5, 100), pods.toArray(Pod[]::new));
        EvaluationResult r = ScenarioEvaluator.evaluate(s, CATALOG);
        assertThat(r.node().peakPages()).isEqualTo(220_000_000L);
        assertThat(r.node().finalPages()).isEqualTo(220_000_000L);
        assertThat(r.node().peakPages() * 4096).isEqualTo(901_120_000_000L);
        assertThat(r.node().state()).isEqualTo(MemoryState.NORMAL);
        assertThat(r.pods()).hasSize(1000).allSatisfy(p -> {
            assertThat(p.peakPages()).isEqualTo(220_000L);
            assertThat(p.memcg().chargedBytesPeak()).isEqualTo(901_120_000L);
        });
        assertThat(r.pods().stream().mapToLong(PodResult::peakPages).sum()).isEqualTo(220_000_000L);
    }

    @Test
    void tenMillionConnectionsInOneGroupCrossHighOnA4TiBNode() {
        // One group of 10,000,000 stalled connections on the 4 TiB node's default tcp_mem (above): 22 pages each would
        // be 220,000,000 pages, over tcp_mem[2] = 100,455,822: the node reaches "high" (allocations fail there).
        Scenario s = Fixtures.scenario("6.1", Bytes.of(4L << 40), Map.of(), Fixtures.timeline(5, 100),
                Fixtures.pod("big", Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456"),
                        Fixtures.workload("clients", 10_000_000, 1, 100_000, 0, ReaderBehaviour.STALLED, WriterBehaviour.IDLE)));
        EvaluationResult r = ScenarioEvaluator.evaluate(s, CATALOG);
        assertThat(r.node().state()).isEqualTo(MemoryState.HIGH);
        assertThat(r.node().peakPages()).isPositive().isLessThanOrEqualTo(220_000_000L);
        assertThat(r.node().peakPages()).isGreaterThan(100_455_822L);
        assertThat(r.node().firstPressureSeconds()).isNotNull().isLessThan(r.node().firstHighSeconds());
    }

    @Test
    void aStallTwelveHoursIntoA24HourTimelineCrossesPressureWhenWorkedOutByHand() {
        // TimelineTest's stall (100 connections at 14,480 B/s, tcp_mem 1000 2000 3000) moved to t = 43,200 s of a
        // 24 h timeline at 100 ms steps (864,001 points): pressure needs more than 81,920 queued bytes per socket,
        // t = 43,200 + (81,920 - 14.48 k) / (14,480 k) with k = 66,368 / 65,536, i.e. 43,205.5856 s.
        double k = 66368.0 / 65536;
        WorkloadChange stall = new WorkloadChange(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(ReaderBehaviour.STALLED), Optional.empty(), Optional.empty());
        Scenario s = Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), Fixtures.timeline(86_400, 100,
                        new TimelineEvent(43_200, "db", "clients", stall, Optional.empty())),
                Fixtures.pod("db", Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456"),
                        Fixtures.workload("clients", 100, 1, 14_480, 0, ReaderBehaviour.DRAINS, WriterBehaviour.IDLE)));
        EvaluationResult r = ScenarioEvaluator.evaluate(s, Fixtures.defaults515("1000 2000 3000"));
        assertThat(r.node().firstPressureSeconds()).isCloseTo(43_200 + (81920 - 14.48 * k) / (14480 * k), within(1e-3));
        assertThat(r.node().peakPages()).isEqualTo(2200);
        assertThat(r.node().state()).isEqualTo(MemoryState.PRESSURE);
        assertThat(r.series().timeSeconds()).hasSize(864_001);
        assertThat(r.series().timeSeconds()[864_000]).isCloseTo(86_400, within(1e-6));
    }

    private static String scenario(String memory, int pods, String connections, String timeline) {
        StringBuilder b = new StringBuilder("{\"format\": \"tcpmem-scenario/1\", \"name\": \"extreme\", \"node\": {\"memory\": \""
                + memory + "\", \"kernel\": \"6.1\"}, \"pods\": [");
        for (int i = 0; i < pods; i++) {
            b.append(i == 0 ? "" : ",").append("{\"name\": \"p").append(i).append("\", \"workloads\": [{\"name\": \"w\", ")
                    .append("\"connections\": ").append(connections).append(", \"rttMs\": 1}]}");
        }
        return b.append("], \"timeline\": ").append(timeline).append("}").toString();
    }

    @Test
    void theReaderAcceptsTheExtremesAndRefusesJustBeyondTheLimitsWithAMessage() throws Exception {
        ScenarioReader reader = new ScenarioReader(CATALOG);
        Scenario s = reader.read(scenario("4TiB", 1000, "10000", "{\"durationSeconds\": 86400, \"stepMillis\": 100}"), "x");
        assertThat(s.pods()).hasSize(1000);
        assertThat(s.pods().stream().mapToLong(p -> p.workloads().get(0).connections()).sum()).isEqualTo(10_000_000L);
        assertThat(s.node().memory().value()).isEqualTo(4L << 40);
        assertThat(s.timeline().durationSeconds()).isEqualTo(86_400);
        // the largest accepted: 64 TiB, 100,000,000 connections in a group, exactly 10,000,000 steps
        reader.read(scenario("64TiB", 1, "100000000", "{\"durationSeconds\": 100000, \"stepMillis\": 10}"), "x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.read(scenario("65TiB", 1, "100000001",
                        "{\"durationSeconds\": 100000, \"stepMillis\": 9.99}"), "x"))
                .hasMessageContaining("$.node.memory: node memory must be from 128MiB to 64TiB")
                .hasMessageContaining("$.pods[0].workloads[0].connections: 100000001 is out of range: expected 0 to 100000000")
                .hasMessageContaining("$.timeline.stepMillis: durationSeconds / stepMillis gives more than 10000000 steps");
    }
}
