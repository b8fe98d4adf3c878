package dev.tcpmem.model.sweep;

import dev.tcpmem.model.node.MemoryState;

/**
 * The node's peak pages across an input's range, and the exact values where pressure and high are first reached.
 *
 * @param pressureLine tcp_mem[1] at each point (it moves when sweeping node memory or tcp_mem)
 * @param pressureAt   smallest value in the range at which the node reaches pressure; null if none
 * @param highAt       same for above tcp_mem[2]
 */
public record SweepResult(String parameter, double[] values, long[] peakPages, MemoryState[] states,
                          long[] pressureLine, long[] highLine, Double pressureAt, Double highAt) {
}
