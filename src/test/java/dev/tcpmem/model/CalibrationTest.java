package dev.tcpmem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.CgroupVersion;
import dev.tcpmem.model.scenario.Node;
import dev.tcpmem.model.scenario.PeerRef;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Rate;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Timeline;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WriterBehaviour;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model against cases recorded on a Linux 6.18 node (src/test/resources/calibration, tools/calibrate/FINDINGS.md):
 * a bulk writer in one pod, its peer in another pod never reads; both ends on the node over veth (MTU 1500).
 * Measured: sum of r + w + f of both ends per connection (ss skmem).
 */
class CalibrationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // case, cc, tcp_rmem, tcp_wmem, measured pages per connection, model by hand
            // stalled end: ceil(131072 / 4096) = 32. Writer: the peer takes min(131072 - 2 x 832 = 129408,
            //   win(131072) = 131072 x 252 >> 8 = 129024) = 129024 bytes = ceil(89.1) = 90 packets (wscale 10);
            //   bbr cwnd 10 + 90 = 100, sk_sndbuf 3 x 100 x 2304 = 691200; size_goal 44 x 1448 = 63712; the queue's
            //   saw-tooth mean (2/3 x 691200 + 691200 + (63712 + 832) / 2) / 2 = 592136 = ceil(144.6) = 145; 32 + 145 = 177
            "veth-defaults-stalled-100, bbr, 4096 131072 33554432, 4096 16384 4194304, 186.5, 177",
            // cubic: cwnd = the 90 packets, 2 x 90 x 2304 = 414720; (276480 + 414720 + 32272) / 2 = 361736 = ceil(88.3)
            //   = 89; 32 + 89 = 121 (measured cwnd 81, not 90)
            "veth-defaults-stalled-100-cubic, cubic, 4096 131072 33554432, 4096 16384 4194304, 126.9, 121",
            // ceil(87380 / 4096) = 22; the peer takes min(87380 - 1664 = 85716, 87380 x 252 >> 8 = 86013) = 85716
            //   = ceil(59.2) = 60 packets, cwnd 70, 3 x 70 x 2304 = 483840; size_goal 86013 / 2 -> 29 x 1448 = 41992;
            //   (322560 + 483840 + (41992 + 832) / 2) / 2 = 413906 = ceil(101.05) = 102; 22 + 102 = 124
            "veth-cassandra-stalled-100, bbr, 4096 87380 16777216, 4096 65536 16777216, 129.12, 124",
    })
    void stalledPeerCases(String name, String cc, String rmem, String wmem, double measured, double byHand) {
        Map<String, String> sys = Map.of("net.ipv4.tcp_rmem", rmem, "net.ipv4.tcp_wmem", wmem,
                "net.ipv4.tcp_congestion_control", cc);
        Workload writer = new Workload("writer", 100, 0.05, Rate.ZERO, Rate.ZERO, ReaderBehaviour.DRAINS, WriterBehaviour.BULK,
                ReaderBehaviour.DRAINS, Optional.empty(), Optional.empty(), 1500, Optional.of(new PeerRef("server", "reader")));
        Workload reader = new Workload("reader", 100, 0.05, Rate.ZERO, Rate.ZERO, ReaderBehaviour.STALLED, WriterBehaviour.IDLE,
                ReaderBehaviour.DRAINS, Optional.empty(), Optional.empty(), 1500, Optional.empty());
        Scenario s = new Scenario(name, "", new Node(Bytes.kib(24_684_096), 2, KernelVersion.of(6, 18), CgroupVersion.V2,
                Map.of()), List.of(new Pod("client", Optional.empty(), Optional.empty(), sys, List.of(writer)),
                new Pod("server", Optional.empty(), Optional.empty(), sys, List.of(reader))), new Timeline(5, 100, List.of()));
        Map<String, String> host = new HashMap<>(Fixtures.defaults515("287901 383869 575802"));
        host.put("net.core.rmem_max", "4194304");
        host.put("net.core.wmem_max", "4194304");
        EvaluationResult r = ScenarioEvaluator.evaluate(s, host);
        double perConnection = r.node().finalPages() / 100.0;
        assertThat(perConnection).isEqualTo(byHand);
        assertThat(perConnection).isCloseTo(measured, within(measured * 0.08));
    }
}
