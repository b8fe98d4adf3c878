package dev.tcpmem.model.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.kernel.SysctlDefaults;
import dev.tcpmem.model.scenario.CgroupVersion;
import dev.tcpmem.model.scenario.Node;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Timeline;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

    private static ConnectionLimits limits(String kernel, Map<String, String> node, Map<String, String> pod) {
        KernelVersion k = KernelVersion.parse(kernel);
        Scenario s = new Scenario("t", "", new Node(Bytes.gib(64), 8, k, CgroupVersion.V2, node),
                List.of(new Pod("p", Optional.empty(), Optional.empty(), pod, List.of())), Timeline.steadyState());
        return ConnectionLimits.forPods(s, SysctlDefaults.forNode(SysctlCatalog.bundled(), k, Bytes.gib(64))).get("p");
    }

    @Test
    void retransmissionGiveUpTimeWithTheDefaultRetries() {
        // tcp_retries2 = 15, TCP_RTO_MIN 200 ms, TCP_RTO_MAX 120 s: ilog2(120 / 0.2 = 600) = 9, so
        // (2^10 - 1) × 0.2 s = 204.6 s of doubling, then 6 × 120 s = 720 s: 924.6 s (the figure in ip-sysctl.rst)
        assertThat(limits("5.15", Map.of(), Map.of()).retransmitGiveUpSeconds()).isCloseTo(924.6, within(1e-9));
    }

    @Test
    void fewerRetriesGiveUpSooner() {
        // tcp_retries2 = 8 <= 9: (2^9 - 1) × 0.2 s = 102.2 s
        assertThat(limits("5.15", Map.of(), Map.of("net.ipv4.tcp_retries2", "8")).retransmitGiveUpSeconds())
                .isCloseTo(102.2, within(1e-9));
    }

    @Test
    void aLowerRtoMaxOn618ShortensTheTail() {
        // tcp_rto_max_ms = 6000: ilog2(6 / 0.2 = 30) = 4: (2^5 - 1) × 0.2 = 6.2 s, then 11 × 6 s = 66 s: 72.2 s
        assertThat(limits("6.18", Map.of(), Map.of("net.ipv4.tcp_rto_max_ms", "6000")).retransmitGiveUpSeconds())
                .isCloseTo(72.2, within(1e-9));
    }

    @Test
    void keepaliveDetectionFromThePodsValues() {
        // defaults 7200 + 9 × 75 = 7875 s; the pod's 600 s keepalive_time: 600 + 675 = 1275 s
        assertThat(limits("5.15", Map.of(), Map.of()).keepaliveDetectionSeconds()).isEqualTo(7875);
        assertThat(limits("5.15", Map.of(), Map.of("net.ipv4.tcp_keepalive_time", "600")).keepaliveDetectionSeconds())
                .isEqualTo(1275);
    }

    @Test
    void acceptQueueFollowsSomaxconnPerKernel() {
        // SOMAXCONN 128 until 5.4 (19f92a030ca6), 4096 after
        assertThat(limits("4.19", Map.of(), Map.of()).acceptQueueCap()).isEqualTo(128);
        assertThat(limits("5.15", Map.of(), Map.of()).acceptQueueCap()).isEqualTo(4096);
        assertThat(limits("5.15", Map.of(), Map.of("net.core.somaxconn", "65535")).acceptQueueCap()).isEqualTo(65535);
    }

    @Test
    void synBacklogFromTheHashSize() {
        // 64 GiB: the established hash reaches its 512K-bucket ceiling; 5.4+: max(128, 524288 / 128) = 4096,
        // 304 bytes per request socket: 1,245,184 bytes
        ConnectionLimits l = limits("5.15", Map.of(), Map.of());
        assertThat(l.synBacklogCap()).isEqualTo(4096);
        assertThat(l.synBacklogBytes()).isEqualTo(1_245_184);
        assertThat(l.derivations().get("maxOrphans").formula()).contains("consider tuning tcp_mem");
    }
}
