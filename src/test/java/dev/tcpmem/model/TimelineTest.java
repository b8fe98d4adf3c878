package dev.tcpmem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.model.node.MemoryState;
import dev.tcpmem.model.node.NodeTcpMemory;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.WorkloadResult;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.TimelineEvent;
import dev.tcpmem.model.scenario.WorkloadChange;
import dev.tcpmem.model.scenario.WriterBehaviour;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

class TimelineTest {

    private static WorkloadChange reader(ReaderBehaviour r) {
        return new WorkloadChange(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(r), Optional.empty(),
                Optional.empty());
    }

    @Test
    void tenThousandStalledConnectionsAtTcpRmem1() {
        // Each socket's receive queue fills to sk_rcvbuf = tcp_rmem[1] = 87380 truesize bytes (stalled reader: no
        // DRS). Data is charged as 64 KiB skbs of 66368 truesize bytes: 100000 x 66368 / 65536 = 101269.53 B/s,
        // full after 0.86 s. Charged ceil(87380 / 4096) = ceil(21.33) = 22 pages per socket (calibration on 6.18:
        // 22 pages for 87380); 10,000 sockets: 220,000 pages (859 MiB).
        Scenario s = Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), Fixtures.timeline(5, 100),
                Fixtures.pod("cassandra-0", Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456"),
                        Fixtures.workload("clients", 10_000, 1, 100_000, 0, ReaderBehaviour.STALLED, WriterBehaviour.IDLE)));
        EvaluationResult r = ScenarioEvaluator.evaluate(s, Fixtures.defaults515("786432 1048576 1572864"));
        assertThat(r.node().finalPages()).isEqualTo(220_000);
        assertThat(r.node().peakPages()).isEqualTo(220_000);
        assertThat(r.node().state()).isEqualTo(MemoryState.NORMAL);
        WorkloadResult w = r.pods().get(0).workloads().get(0);
        assertThat(w.finalPagesPerConnection()).isEqualTo(22.0);
        assertThat(w.socket().rcvbufInitial()).isEqualTo(87380);
        // cgroup v2 charges it to the pod: 220,000 x 4096 bytes
        assertThat(r.pods().get(0).memcg().chargedBytesPeak()).isEqualTo(220_000L * 4096);
        // after 0.5 s the queue holds 0.5 x 101269.53 = 50634.8 bytes -> ceil(12.36) = 13 pages per socket
        assertThat(r.series().nodePages()[5]).isEqualTo(130_000);
    }

    private static Scenario stallScenario(Optional<Double> forSeconds) {
        // 100 connections, 14480 B/s in each, RTT 1 ms, MTU 1500; reader stalls at t = 10 s
        return Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), Fixtures.timeline(60, 100, new TimelineEvent(10, "db",
                        "clients", reader(ReaderBehaviour.STALLED), forSeconds)),
                Fixtures.pod("db", Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456"),
                        Fixtures.workload("clients", 100, 1, 14_480, 0, ReaderBehaviour.DRAINS, WriterBehaviour.IDLE)));
    }

    @Test
    void stallCrossesPressureAtTheTimeWorkedOutByHand() {
        // tcp_mem = 1000 2000 3000 pages. Truesize per payload byte k = 66368 / 65536 = 1.0126953125.
        // Draining: the queue holds one RTT of arrivals: 14480 x 0.001 x k = 14.6638 bytes -> 1 page per socket,
        // 100 pages. DRS: 16 x 1448 window -> 16 x 2920 = 46720 < 87380, rcvbuf stays 87380.
        // Stalled from 10 s: the queue grows at 14480 x k = 14663.83 B/s up to sk_rcvbuf 87380 (22 pages).
        // Pressure (> 2000 pages) needs 21 pages per socket, i.e. more than 20 x 4096 = 81920 bytes:
        // t = 10 + (81920 - 14.6638) / 14663.83 = 10 + 5.585566 = 15.585566 s.
        double k = 66368.0 / 65536;
        EvaluationResult r = ScenarioEvaluator.evaluate(stallScenario(Optional.empty()), Fixtures.defaults515("1000 2000 3000"));
        assertThat(r.node().firstPressureSeconds()).isCloseTo(10 + (81920 - 14.48 * k) / (14480 * k), within(1e-6));
        assertThat(r.node().firstPressureSeconds()).isCloseTo(15.5856, within(1e-4));
        assertThat(r.node().firstHighSeconds()).isNull();
        assertThat(r.node().state()).isEqualTo(MemoryState.PRESSURE);
        assertThat(r.node().peakPages()).isEqualTo(2200);
        assertThat(r.series().nodePages()[0]).isEqualTo(100);
        assertThat(r.series().timeSeconds()).hasSize(601);
    }

    @Test
    void resumedReaderFreesTheMemoryAndLeavesPressure() {
        // Stall 10 s .. 20 s: queue reaches 87380 at 10 + (87380 - 14.66) / 14663.83 = 15.96 s; after 20 s it drains
        // back to 1 page per socket = 100 pages <= tcp_mem[0] = 1000, which clears the flag.
        EvaluationResult r = ScenarioEvaluator.evaluate(stallScenario(Optional.of(10.0)), Fixtures.defaults515("1000 2000 3000"));
        assertThat(r.node().peakPages()).isEqualTo(2200);
        assertThat(r.node().finalPages()).isEqualTo(100);
        assertThat(r.node().state()).isEqualTo(MemoryState.PRESSURE);
        assertThat(r.pods().get(0).workloads().get(0).peakPagesPerConnection()).isEqualTo(22.0);
        assertThat(r.pods().get(0).workloads().get(0).finalPagesPerConnection()).isEqualTo(1.0);
    }

    @Test
    void hysteresisBetweenLowAndPressureDependsOnHistory() {
        NodeTcpMemory m = new NodeTcpMemory(1000, 2000, 3000);
        assertThat(m.nextPressureFlag(false, 1500)).isFalse();   // rising into the band: still normal
        assertThat(m.nextPressureFlag(false, 2001)).isTrue();    // above pressure: enter
        assertThat(m.nextPressureFlag(true, 1500)).isTrue();     // falling into the band: still pressure
        assertThat(m.nextPressureFlag(true, 1000)).isFalse();    // at or below low: leave
        assertThat(m.nextPressureFlag(false, 2000)).isFalse();   // exactly pressure is not above it
        assertThat(m.state(true, 3001)).isEqualTo(MemoryState.HIGH);
    }

    @Test
    void hysteresisInTheTimeline() {
        // 100 stalled sockets fill to 22 pages = 2200 (> 2000: pressure). At 20 s half the connections go away:
        // 50 x 22 = 1100 pages, between low 1000 and pressure 2000 -> still pressure. A scenario that only ever
        // reaches 1100 pages stays normal.
        TimelineEvent drop = new TimelineEvent(20, "db", "clients", new WorkloadChange(Optional.of(50L), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
        Scenario s = Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), Fixtures.timeline(30, 100, drop),
                Fixtures.pod("db", Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456"),
                        Fixtures.workload("clients", 100, 1, 100_000, 0, ReaderBehaviour.STALLED, WriterBehaviour.IDLE)));
        EvaluationResult r = ScenarioEvaluator.evaluate(s, Fixtures.defaults515("1000 2000 3000"));
        assertThat(r.node().finalPages()).isEqualTo(1100);
        assertThat(r.node().state()).isEqualTo(MemoryState.PRESSURE);
        Scenario fifty = Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), Fixtures.timeline(30, 100),
                Fixtures.pod("db", Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456"),
                        Fixtures.workload("clients", 50, 1, 100_000, 0, ReaderBehaviour.STALLED, WriterBehaviour.IDLE)));
        EvaluationResult q = ScenarioEvaluator.evaluate(fifty, Fixtures.defaults515("1000 2000 3000"));
        assertThat(q.node().finalPages()).isEqualTo(1100);
        assertThat(q.node().state()).isEqualTo(MemoryState.NORMAL);
    }

    @Test
    void aboveHighAllocationsFailButMinimumsAreGranted() {
        // 200 stalled sockets want 22 pages each = 4400 > high 3000: refused beyond tcp_mem[2]; the counter stops at
        // 3000, the state is high. The first page of each (tcp_rmem[0] = 4096 bytes) is always granted.
        Scenario s = Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), Fixtures.timeline(10, 100),
                Fixtures.pod("db", Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456"),
                        Fixtures.workload("clients", 200, 1, 100_000, 0, ReaderBehaviour.STALLED, WriterBehaviour.IDLE)));
        EvaluationResult r = ScenarioEvaluator.evaluate(s, Fixtures.defaults515("1000 2000 3000"));
        assertThat(r.node().state()).isEqualTo(MemoryState.HIGH);
        assertThat(r.node().peakPages()).isLessThanOrEqualTo(3000).isGreaterThan(2000);
        assertThat(r.node().firstHighSeconds()).isNotNull();
    }

    @Test
    void memcgV2LimitCapsThePodOnly() {
        // Pod limited to 400 pages (1,638,400 bytes) on cgroup v2, 5.15: 100 stalled sockets want 2200 pages; the pod
        // is held at its limit and enters its own pressure, the node stays normal.
        Scenario base = Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), Fixtures.timeline(10, 100),
                new dev.tcpmem.model.scenario.Pod("db", Optional.of(Bytes.of(400L * 4096)), Optional.empty(),
                        Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456"), java.util.List.of(
                        Fixtures.workload("clients", 100, 1, 100_000, 0, ReaderBehaviour.STALLED, WriterBehaviour.IDLE))));
        EvaluationResult r = ScenarioEvaluator.evaluate(base, Fixtures.defaults515("1000 2000 3000"));
        assertThat(r.pods().get(0).peakPages()).isLessThanOrEqualTo(400).isGreaterThanOrEqualTo(300);
        assertThat(r.pods().get(0).memcg().pressureReached()).isTrue();
        assertThat(r.pods().get(0).memcg().limitBytes()).isEqualTo(400L * 4096);
        assertThat(r.node().state()).isEqualTo(MemoryState.NORMAL);
    }

    @Test
    void cgroupV1PodEntersAndLeavesItsOwnPressureWhileTheNodeStaysNormal() {
        // kmem.tcp limit 1 MiB = 256 pages, 100 stalled sockets, 50,000 B/s in each, steps of 100 ms. Truesize per
        // payload byte k = 66368 / 65536: after 0.1 s each holds 5063.5 bytes = 2 pages (200 <= 256); in the next
        // step 10127 bytes = 3 pages (300 > 256): refused, the pod is under its own pressure from 0.2 s. At 5 s the
        // reader drains: each queue holds one RTT (1 ms) of data, 50.6 bytes = 1 page, 100 pages, and the charges
        // succeed again, which clears v1's flag (memcg1_charge_skmem()) at the end of that step, 5.1 s. The node's
        // tcp_mem (1,000,000 / 2,000,000 / 3,000,000 pages) is never near.
        Scenario s = Fixtures.scenario("6.18", Bytes.gib(64), Map.of(), Fixtures.timeline(10, 100, new TimelineEvent(5,
                        "db", "clients", reader(ReaderBehaviour.DRAINS), Optional.empty())),
                new dev.tcpmem.model.scenario.Pod("db", Optional.empty(), Optional.of(Bytes.of(256L * 4096)),
                        Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456"), java.util.List.of(
                        Fixtures.workload("clients", 100, 1, 50_000, 0, ReaderBehaviour.STALLED, WriterBehaviour.IDLE))));
        s = new Scenario(s.name(), s.description(), new dev.tcpmem.model.scenario.Node(s.node().memory(), s.node().cpus(),
                s.node().kernel(), dev.tcpmem.model.scenario.CgroupVersion.V1, s.node().sysctls()), s.pods(), s.timeline());
        EvaluationResult r = ScenarioEvaluator.evaluate(s, Fixtures.defaults515("1000000 2000000 3000000"));
        var memcg = r.pods().get(0).memcg();
        assertThat(memcg.pressureSpans()).hasSize(1);
        assertThat(memcg.pressureSpans().get(0).startSeconds()).isCloseTo(0.2, within(1e-9));
        assertThat(memcg.pressureSpans().get(0).endSeconds()).isCloseTo(5.1, within(1e-9));
        assertThat(r.series().podPages().get("db")[1]).isEqualTo(200);
        assertThat(r.pods().get(0).finalPages()).isEqualTo(100);
        assertThat(r.node().state()).isEqualTo(MemoryState.NORMAL);
        assertThat(r.node().firstPressureSeconds()).isNull();
        assertThat(dev.tcpmem.model.verdict.Verdict.of(s, r).details())
                .anyMatch(d -> d.startsWith("db reaches its own memory cgroup limit") && d.contains("from 0.2 s to 5.1 s"));
    }

    /** 100 stalled sockets filling within one 100 ms step, limited by a pod's kmem.tcp limit or the node's tcp_mem. */
    private static EvaluationResult limitedFromEmpty(boolean byPod) {
        Scenario s = Fixtures.scenario("6.18", Bytes.gib(64), Map.of(), Fixtures.timeline(2, 100),
                new dev.tcpmem.model.scenario.Pod("db", Optional.empty(),
                        byPod ? Optional.of(Bytes.of(1024L * 4096)) : Optional.empty(),
                        Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456", "net.ipv4.tcp_adv_win_scale", "1"),
                        java.util.List.of(Fixtures.workload("clients", 100, 1, 1_000_000, 0, ReaderBehaviour.STALLED,
                                WriterBehaviour.IDLE))));
        s = new Scenario(s.name(), s.description(), new dev.tcpmem.model.scenario.Node(s.node().memory(), s.node().cpus(),
                s.node().kernel(), dev.tcpmem.model.scenario.CgroupVersion.V1, s.node().sysctls()), s.pods(), s.timeline());
        return ScenarioEvaluator.evaluate(s, Fixtures.defaults515(byPod ? "1000000 2000000 3000000" : "100 200 1024"));
    }

    @Test
    void aLimitReachedFromEmptyQueuesServesFirstComersAndForcesOneSkbIntoTheOthersForNodeAndPodAlike() {
        // Each socket wants its whole 87380-byte rcvbuf = 22 pages in the first step; the limit is 1024 pages, either
        // the pod's kmem.tcp or the node's tcp_mem[2]. tcp_rmem[0] (1 page each) is granted, so the limit allows
        // 1 + (1024 - 100) / (100 x 21) x 21 = 10.24 pages on average: 10.24 / 22 = 46.5 % of the connections are
        // served whole, the others are refused with an empty queue and get their first skb forced past the limit
        // (tcp_data_queue()): min(4 x 1448, 43690 / 2) = 5792 payload bytes x 66368 / 65536 = 5865.5 bytes = 2 pages.
        // 100 x (0.46545 x 22 + 0.53455 x 2) = 1130.9 pages: over the limit by the forced skbs, node or pod alike.
        EvaluationResult pod = limitedFromEmpty(true);
        EvaluationResult node = limitedFromEmpty(false);
        assertThat(pod.pods().get(0).finalPages()).isBetween(1130L, 1131L);
        assertThat(node.node().finalPages()).isEqualTo(pod.pods().get(0).finalPages());
        // served 0.46545 x 87380 + refused 0.53455 x 5865.5 = 43806.8 bytes queued on average; the pod's sockets may
        // also fill what their charged pages leave free (forward alloc, no new charge), the node's fair-share check
        // holds them where they are: within one page of each other
        assertThat(node.pods().get(0).workloads().get(0).finalReceiveQueueBytes()).isCloseTo(43806.8, within(0.1));
        assertThat(pod.pods().get(0).workloads().get(0).finalReceiveQueueBytes()).isCloseTo(43806.8, within(4096.0));
        // the pod's own pressure, not the node's; and the other way round
        assertThat(pod.pods().get(0).memcg().pressureReached()).isTrue();
        assertThat(pod.node().state()).isEqualTo(MemoryState.NORMAL);
        assertThat(node.pods().get(0).memcg().pressureReached()).isFalse();
        assertThat(node.node().firstPressureSeconds()).isNotNull();
    }

    @Test
    void fairShareCanLowerTheTotalWhenSocketsAreAdded() {
        // tcp_mem 150 200 300. Writers at 404.5 B/s to stalled peers queue 404.5 x 66368/65536 = 409.6 B/s of
        // truesize: 4096 bytes (1 page, tcp_wmem[0], always granted) after 10 s, a second page just after.
        // 101 writers + 99 idle sockets: 101 x 2 = 202 > 200 -> pressure; fair share = 300 / 200 sockets = 1.5 pages,
        //   a socket at 1 page (< 1.5) may grow: 2 pages each, 202 pages.
        // 201 writers + 99 idle: 201 pages > 200 -> pressure; fair share = 300 / 300 = 1 page: no socket may grow
        //   beyond tcp_wmem[0]: 201 pages. More connections, fewer pages (net/core/sock.c __sk_mem_raise_allocated()).
        EvaluationResult fewer = ScenarioEvaluator.evaluate(writers(101), Fixtures.defaults515("150 200 300"));
        EvaluationResult more = ScenarioEvaluator.evaluate(writers(201), Fixtures.defaults515("150 200 300"));
        assertThat(fewer.node().peakPages()).isEqualTo(202);
        assertThat(more.node().peakPages()).isEqualTo(201);
    }

    private static Scenario writers(long n) {
        dev.tcpmem.model.scenario.Workload w = new dev.tcpmem.model.scenario.Workload("w", n, 0.5,
                new dev.tcpmem.model.scenario.Rate(0), new dev.tcpmem.model.scenario.Rate(404.5), ReaderBehaviour.DRAINS,
                WriterBehaviour.RATE, ReaderBehaviour.STALLED, Optional.empty(), Optional.empty(), 1500, Optional.empty());
        return Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), Fixtures.timeline(10.5, 100),
                Fixtures.pod("db", Map.of(), w,
                        Fixtures.workload("idle", 99, 0.5, 0, 0, ReaderBehaviour.DRAINS, WriterBehaviour.IDLE)));
    }

    @Test
    void pressureFreezesAutotuningSoABiggerInitialBufferCanEndLower() {
        // tcp_mem 150 200 1e9; 67 sockets receive 4000 B/s = 4050.8 B/s of truesize (x 66368/65536); the reader is
        // stalled for the first 3 s, then reads 1 B/s.
        // tcp_rmem[1] = 8193: the stalled queue fills sk_rcvbuf 8193 bytes (in 2.0 s) = ceil(2.0002) = 3 pages;
        //   67 x 3 = 201 > 200: pressure, left only at <= 150, which never comes; under pressure DRS does not grow
        //   sk_rcvbuf: 201 pages.
        // tcp_rmem[1] = 4096: the stall fills 1 page, 67 pages, no pressure; from 3 s the reader reads, DRS raises
        //   sk_rcvbuf to 16 x 2920 = 46720 (5.15 rule), and the queue grows at (4000 - 1) x 66368/65536 = 4049.8 B/s:
        //   from 3.1 s to 10 s, 4096 + 6.9 x 4049.8 = 32040 bytes = ceil(7.82) = 8 pages, 67 x 8 = 536.
        assertThat(ScenarioEvaluator.evaluate(slowReaders("4096 4096 6291456"), Fixtures.defaults515("150 200 1000000000"))
                .node().peakPages()).isEqualTo(536);
        assertThat(ScenarioEvaluator.evaluate(slowReaders("4096 8193 6291456"), Fixtures.defaults515("150 200 1000000000"))
                .node().peakPages()).isEqualTo(201);
    }

    private static Scenario slowReaders(String rmem) {
        dev.tcpmem.model.scenario.Workload w = Fixtures.workload("a", 67, 0.5, 4000, 0,
                new ReaderBehaviour.ReadsAt(new dev.tcpmem.model.scenario.Rate(1)), WriterBehaviour.IDLE);
        return Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), Fixtures.timeline(10, 100,
                        new TimelineEvent(0, "p", "a", reader(ReaderBehaviour.STALLED), Optional.of(3.0))),
                Fixtures.pod("p", Map.of("net.ipv4.tcp_rmem", rmem), w));
    }
}
