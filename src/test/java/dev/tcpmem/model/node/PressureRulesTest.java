package dev.tcpmem.model.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The one set of pressure rules, used for the node's tcp_mem and for a pod's memory cgroup (net/core/sock.c
 * __sk_mem_raise_allocated(), mm/memcontrol-v1.c memcg1_charge_skmem(), Linux 6.18).
 */
class PressureRulesTest {

    private final PressureRules node = PressureRules.node(new NodeTcpMemory(1000, 2000, 3000));
    private final PressureRules v1 = PressureRules.memcg(false, 256);

    @Test
    void nodeEntersAboveTcpMem1AndLeavesOnlyAtOrBelowTcpMem0() {
        assertThat(node.nextPressureFlag(false, 2000, false, true)).isFalse();
        assertThat(node.nextPressureFlag(false, 2001, false, true)).isTrue();
        // hysteresis: between tcp_mem[0] and [1] the flag keeps its value, whatever is charged or refused
        assertThat(node.nextPressureFlag(true, 1500, false, true)).isTrue();
        assertThat(node.nextPressureFlag(false, 1500, true, false)).isFalse();
        assertThat(node.nextPressureFlag(true, 1000, false, false)).isFalse();
        // the same answers as NodeTcpMemory's, which the evaluator uses for the node's derivations
        NodeTcpMemory m = new NodeTcpMemory(1000, 2000, 3000);
        for (long u : new long[] {0, 999, 1000, 1001, 1999, 2000, 2001, 3001}) {
            for (boolean was : new boolean[] {false, true}) {
                assertThat(node.nextPressureFlag(was, u, false, false)).isEqualTo(m.nextPressureFlag(was, u));
            }
        }
    }

    @Test
    void cgroupV1EntersOnARefusedChargeAndLeavesOnTheNextChargeThatSucceeds() {
        // memcg1_charge_skmem(): try_charge fails -> tcpmem_pressure = 1; succeeds -> tcpmem_pressure = 0
        assertThat(v1.nextPressureFlag(false, 256, true, false)).isTrue();
        assertThat(v1.nextPressureFlag(false, 255, false, true)).isFalse();
        // no low-water mark: one page below the limit, a successful charge clears it
        assertThat(v1.nextPressureFlag(true, 255, false, true)).isFalse();
        // nothing charged, nothing refused: it stays as it was, even far below the limit
        assertThat(v1.nextPressureFlag(true, 3, false, false)).isTrue();
        // usage alone does not set it (forced charges may even exceed the limit without a refusal in the step)
        assertThat(v1.nextPressureFlag(false, 300, false, false)).isFalse();
    }

    @Test
    void onlyTheNodeGrantsTheMinimumAndTheFairShare() {
        assertThat(node.guaranteesMinimumUnderPressure()).isTrue();
        assertThat(node.fairShareUnderPressure()).isTrue();
        assertThat(v1.guaranteesMinimumUnderPressure()).isFalse();
        assertThat(v1.fairShareUnderPressure()).isFalse();
        assertThat(PressureRules.memcg(true, 256).fairShareUnderPressure()).isFalse();
        assertThat(PressureRules.memcg(false, Long.MAX_VALUE).limited()).isFalse();
        assertThat(v1.high()).isEqualTo(256);
        assertThat(node.high()).isEqualTo(3000);
    }
}
