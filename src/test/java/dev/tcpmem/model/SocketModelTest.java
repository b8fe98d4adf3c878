package dev.tcpmem.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelProfile;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.RamDerivedDefaults;
import dev.tcpmem.kernel.SkbTruesize;
import dev.tcpmem.kernel.WindowRule;
import dev.tcpmem.model.derivation.Origin;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WriterBehaviour;
import dev.tcpmem.model.socket.ReceiveBuffer;
import dev.tcpmem.model.socket.SocketModel;
import dev.tcpmem.model.socket.SocketParameters;
import dev.tcpmem.model.sysctl.EffectiveSysctls;
import org.junit.jupiter.api.Test;

import java.util.Map;

class SocketModelTest {

    private static SocketParameters socket(String kernel, Map<String, String> node, Map<String, String> pod, Workload w) {
        KernelProfile profile = KernelProfile.of(KernelVersion.parse(kernel));
        EffectiveSysctls sys = EffectiveSysctls.forNode(Fixtures.defaults515("1000 2000 3000"), node, profile,
                RamDerivedDefaults.of(Bytes.gib(64))).withPod(pod);
        return SocketModel.of(w, sys, profile);
    }

    private static Workload plain() {
        return Fixtures.workload("w", 1, 1, 0, 0, ReaderBehaviour.DRAINS, WriterBehaviour.IDLE);
    }

    @Test
    void soRcvbufIsDoubledAndLocksAutotuning() {
        // rmem_max 212992 > 65536, so 2 x 65536 = 131072; SOCK_RCVBUF_LOCK: no autotuning
        SocketParameters p = socket("5.15", Map.of(), Map.of(), Fixtures.withSoRcvbuf(plain(), 65536));
        assertThat(p.rcvbufInitial()).isEqualTo(131072);
        assertThat(p.rcvbufMax()).isEqualTo(131072);
        assertThat(p.receiveAutotuning()).isFalse();
        assertThat(p.autotuning()).isFalse();
        assertThat(p.derivations().get("rcvbufInitial").inputs()).anySatisfy(i -> assertThat(i.origin()).isEqualTo(Origin.SCENARIO));
    }

    @Test
    void soRcvbufAboveRmemMaxIsClampedThenDoubled() {
        // min(1 MiB, rmem_max 212992) = 212992; x 2 = 425984
        SocketParameters p = socket("5.15", Map.of(), Map.of(), Fixtures.withSoRcvbuf(plain(), 1 << 20));
        assertThat(p.rcvbufInitial()).isEqualTo(425984);
        // a node that raised rmem_max to 4 MiB: min(1 MiB, 4 MiB) x 2 = 2 MiB
        SocketParameters q = socket("5.15", Map.of("net.core.rmem_max", "4194304"), Map.of(),
                Fixtures.withSoRcvbuf(plain(), 1 << 20));
        assertThat(q.rcvbufInitial()).isEqualTo(2 << 20);
        // tiny request: max(2 x 1000, SOCK_MIN_RCVBUF 2304) = 2304
        assertThat(socket("5.15", Map.of(), Map.of(), Fixtures.withSoRcvbuf(plain(), 1000)).rcvbufInitial()).isEqualTo(2304);
    }

    @Test
    void windowScaleFollowsTcpRmemMax() {
        // ilog2(6291456) = 22 (2^22 = 4194304 <= 6 MiB < 2^23); 22 - 15 = 7
        SocketParameters six = socket("5.15", Map.of(), Map.of("net.ipv4.tcp_rmem", "4096 131072 6291456"), plain());
        assertThat(six.windowScale()).isEqualTo(7);
        // ilog2(33554432) = 25; 25 - 15 = 10
        SocketParameters big = socket("5.15", Map.of(), Map.of("net.ipv4.tcp_rmem", "4096 131072 33554432"), plain());
        assertThat(big.windowScale()).isEqualTo(10);
        // rmem_max dominates when larger: 64 MiB -> ilog2 26 -> 11
        SocketParameters core = socket("5.15", Map.of("net.core.rmem_max", "67108864"), Map.of(), plain());
        assertThat(core.windowScale()).isEqualTo(11);
    }

    @Test
    void podOverrideWinsAndIsMarkedPod() {
        SocketParameters p = socket("5.15", Map.of("net.ipv4.tcp_rmem", "4096 87380 16777216"),
                Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456"), plain());
        assertThat(p.rcvbufMax()).isEqualTo(6291456);
        assertThat(p.derivations().get("rcvbufMax").inputs().get(0).origin()).isEqualTo(Origin.POD);
    }

    @Test
    void maxWindowByAdvWinScaleUpTo65() {
        // 5.15, tcp_adv_win_scale 1: window = 6291456 - (6291456 >> 1) = 3145728 (< 65535 << 7 = 8388480)
        SocketParameters p = socket("5.15", Map.of(), Map.of(), plain());
        assertThat(p.windowMax()).isEqualTo(3145728);
        // throughput ceiling = 3145728 / 0.001 s
        assertThat(p.throughputCeiling()).isEqualTo(3145728 / 0.001);
    }

    @Test
    void maxWindowByMeasuredScalingRatioFrom66() {
        // 64 KiB GSO skbs: truesize 65536 + SKB_TRUESIZE(MAX_TCP_HEADER 256) = 65536 + 832 = 66368;
        // ratio = (65536 << 8) / 66368 = 16777216 / 66368 = 252 (0.984; calibration on 6.18 veth: ~0.99)
        assertThat(SkbTruesize.measuredScalingRatio(1500)).isEqualTo(252);
        SocketParameters p = socket("6.12", Map.of(), Map.of(), plain());
        // 6291456 * 252 >> 8 = 24576 * 252 = 6193152
        assertThat(p.windowMax()).isEqualTo(6193152);
        assertThat(p.windowRule()).isEqualTo(new WindowRule.ScalingRatio(252));
    }

    @Test
    void defaultScalingRatios() {
        // 6.6: (1200 << 8) / SKB_TRUESIZE(4096) = 307200 / 4672 = 65
        assertThat(KernelProfile.of(KernelVersion.of(6, 6)).defaultScalingRatio()).isEqualTo(65);
        assertThat(KernelProfile.of(KernelVersion.of(6, 12)).defaultScalingRatio()).isEqualTo(128);
        assertThat(KernelProfile.of(KernelVersion.of(5, 15)).usesScalingRatio()).isFalse();
    }

    @Test
    void initialSendBufferFollowsCongestionControl() {
        // per_mss = roundup_pow_of_two(1460 + 256 + 320 = 2036) + 256 = 2048 + 256 = 2304 (measured on 6.18)
        assertThat(SkbTruesize.sndbufPerMss(1500)).isEqualTo(2304);
        // cubic: max(16384, 2 x 10 x 2304 = 46080) = 46080 (measured: 46080)
        assertThat(socket("5.15", Map.of(), Map.of(), plain()).sndbufInitial()).isEqualTo(46080);
        // bbr: 3 x 10 x 2304 = 69120 (measured: 69120)
        assertThat(socket("5.15", Map.of("net.ipv4.tcp_congestion_control", "bbr"), Map.of(), plain()).sndbufInitial())
                .isEqualTo(69120);
    }

    @Test
    void drsRuleBefore66() {
        // rcvmem = SKB_TRUESIZE(1448 + 256) = 2280; window(2280) = 1140 < 1448, +128 five times -> 2920 (window 1460)
        // rcvwin = 2 x 0 + 16 x 1448 = 23168 -> 23168 / 1448 = 16 segments x 2920 = 46720
        assertThat(ReceiveBuffer.drsTarget(0, 1448, 6291456, new WindowRule.AdvWinScale(1))).isEqualTo(46720);
        // 6.6+: (23168 << 8) / 252 = 5931008 / 252 = 23535
        assertThat(ReceiveBuffer.drsTarget(0, 1448, 6291456, new WindowRule.ScalingRatio(252))).isEqualTo(23535);
    }
}
