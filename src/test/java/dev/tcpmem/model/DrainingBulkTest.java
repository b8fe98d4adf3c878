package dev.tcpmem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.PodResult;
import dev.tcpmem.model.scenario.CgroupVersion;
import dev.tcpmem.model.scenario.Node;
import dev.tcpmem.model.scenario.PeerRef;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Rate;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WriterBehaviour;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bulk writer against a reader on the same node that reads everything. Worked by hand for a 5.15 node on kernel
 * defaults (tcp_rmem 4096 131072 6291456, tcp_wmem 4096 16384 4194304, adv_win_scale 1, cubic), MTU 1500 (MSS 1448),
 * 4 connections:
 * <ul>
 * <li>the reader's window can reach win_from_space(6291456) = 3145728 bytes; the sender's skbs are size_goal =
 *     min(GSO max 65536, half that window) in whole MSS = 45 x 1448 = 65160 bytes;</li>
 * <li>a reader that keeps up holds one skb between reads: 65160 payload bytes, truesize 65160 x 66368 / 65536 =
 *     65987.2 bytes (a received 64 KiB skb's truesize is 65536 + 832) = ceil(16.1) = 17 pages per socket, 68 for
 *     the pod; a whole window would be 3145728 x 66368 / 65536 = 3185664 bytes = 778 pages;</li>
 * <li>the sender's cwnd follows the window to 3145728 / 1448 = 2173 segments: tcp_sndbuf_expand() 2 x 2173 x 2304
 *     is above tcp_wmem[2], so sk_sndbuf = 4194304, kept full by the bulk writer: 1024 pages per socket;</li>
 * <li>what the sender has unacknowledged can land at once (one backlog poll, 64 x 65160 = 4170240 bytes, bounded by
 *     its 4 MiB sk_sndbuf and by the 3145728-byte window): 3185664 truesize bytes = 778 pages, 761 above the 17
 *     charged; 4 x 761 = 3044 pages on top of the pod's 68.</li>
 * </ul>
 */
class DrainingBulkTest {

    private static final double ONE_SKB_TRUESIZE = 65160.0 * 66368 / 65536;       // 65987.2
    private static final double CLAMPED_SKB_TRUESIZE = 4 * 1448.0 * 66368 / 65536; // 5865.5

    private static Scenario pair(CgroupVersion cgroup, Optional<Bytes> readerTcpLimit, String tcpMem) {
        Workload up = new Workload("up", 4, 0.05, Rate.ZERO, Rate.ZERO, ReaderBehaviour.DRAINS, WriterBehaviour.BULK,
                ReaderBehaviour.DRAINS, Optional.empty(), Optional.empty(), 1500, Optional.of(new PeerRef("b", "down")));
        Workload down = new Workload("down", 4, 0.05, Rate.ZERO, Rate.ZERO, ReaderBehaviour.DRAINS, WriterBehaviour.IDLE,
                ReaderBehaviour.DRAINS, Optional.empty(), Optional.empty(), 1500, Optional.empty());
        Map<String, String> node = Fixtures.defaults515(tcpMem);
        return new Scenario("draining", "", new Node(Bytes.gib(64), 8, KernelVersion.parse("5.15"), cgroup, Map.of()),
                List.of(Fixtures.pod("a", Map.of(), up),
                        new Pod("b", Optional.empty(), readerTcpLimit, Map.of(), List.of(down))),
                Fixtures.timeline(5, 100));
    }

    private static EvaluationResult evaluate(Scenario s, String tcpMem) {
        return ScenarioEvaluator.evaluate(s, Fixtures.defaults515(tcpMem));
    }

    @Test
    void aReaderThatKeepsUpHoldsOneSkbNotAWindow() {
        String tcpMem = "786432 1048576 1572864";
        EvaluationResult r = evaluate(pair(CgroupVersion.V2, Optional.empty(), tcpMem), tcpMem);
        PodResult reader = r.pods().get(1);
        assertThat(reader.workloads().get(0).finalReceiveQueueBytes()).isCloseTo(ONE_SKB_TRUESIZE, within(0.1));
        assertThat(reader.finalPages()).isEqualTo(4 * 17);
        assertThat(r.pods().get(0).finalPages()).isEqualTo(4 * 1024);
        assertThat(r.node().finalPages()).isEqualTo(4 * (17 + 1024));
        assertThat(r.node().firstPressureSeconds()).isNull();
    }

    @Test
    void aPodLimitTheSteadyQueuesFitButTheBurstsDoNotPutsThePodUnderPressure() {
        // cgroup v1, kmem.tcp limit 2 MiB = 512 pages: the 68 pages of one skb per socket fit, 68 + 3044 do not, so
        // the kernel refuses receives there and sets the pod's tcpmem_pressure (memcg1_charge_skmem()); the
        // windows clamp to 4 x advmss = 5792 bytes and a reader that keeps up holds one such skb:
        // 5792 x 66368 / 65536 = 5865.5 bytes = 2 pages per socket, 8 for the pod
        String tcpMem = "786432 1048576 1572864";
        EvaluationResult r = evaluate(pair(CgroupVersion.V1, Optional.of(Bytes.of(2L << 20)), tcpMem), tcpMem);
        PodResult reader = r.pods().get(1);
        assertThat(reader.memcg().pressureReached()).isTrue();
        assertThat(reader.workloads().get(0).finalReceiveQueueBytes()).isCloseTo(CLAMPED_SKB_TRUESIZE, within(0.1));
        assertThat(reader.finalPages()).isEqualTo(4 * 2);
    }

    @Test
    void aPodLimitAboveTheBurstsIsNeverReached() {
        // 16 MiB = 4096 pages > 68 + 3044: accounted, never refused, the readers keep one unclamped skb each
        String tcpMem = "786432 1048576 1572864";
        EvaluationResult r = evaluate(pair(CgroupVersion.V1, Optional.of(Bytes.of(16L << 20)), tcpMem), tcpMem);
        PodResult reader = r.pods().get(1);
        assertThat(reader.memcg().pressureReached()).isFalse();
        assertThat(reader.workloads().get(0).finalReceiveQueueBytes()).isCloseTo(ONE_SKB_TRUESIZE, within(0.1));
        assertThat(reader.finalPages()).isEqualTo(4 * 17);
    }

    @Test
    void theNodeAppliesTheSameRuleToTcpMem() {
        // tcp_mem[1] = 5000 pages: above the 4164 pages charged at most, below 4164 + 3044 with the bursts, so the
        // node enters pressure (sk_enter_memory_pressure() on the receive that would cross it) and the readers'
        // windows clamp as in the pod case: one 5792-byte skb per socket
        String tcpMem = "4900 5000 100000";
        EvaluationResult r = evaluate(pair(CgroupVersion.V2, Optional.empty(), tcpMem), tcpMem);
        assertThat(r.node().firstPressureSeconds()).isNotNull();
        assertThat(r.pods().get(1).workloads().get(0).finalReceiveQueueBytes())
                .isCloseTo(CLAMPED_SKB_TRUESIZE, within(0.1));
        // tcp_mem[1] = 8000 pages: above 4164 + 3044 = 7208, never under pressure
        String roomy = "7900 8000 100000";
        EvaluationResult ok = evaluate(pair(CgroupVersion.V2, Optional.empty(), roomy), roomy);
        assertThat(ok.node().firstPressureSeconds()).isNull();
        assertThat(ok.pods().get(1).workloads().get(0).finalReceiveQueueBytes()).isCloseTo(ONE_SKB_TRUESIZE, within(0.1));
    }
}
