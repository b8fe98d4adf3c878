package dev.tcpmem.model.result;

import dev.tcpmem.model.derivation.Derivation;

/**
 * A workload's connections closed with unsent data, kept by the kernel as orphans.
 *
 * @param closed             connections the timeline closed
 * @param peakOrphans        the most orphans at once
 * @param peakPagesPerOrphan what one held at most (its send queue)
 * @param peakPages          what they held together at most
 * @param lifetimeSeconds    how long an orphan whose peer is up but takes no data lives (zero-window probes)
 * @param resetForMemory     orphans reset because TCP memory was above tcp_mem[2] ("out of memory -- consider
 *                           tuning tcp_mem")
 * @param resetOverLimit     orphans reset because more than tcp_max_orphans existed ("too many orphaned sockets")
 */
public record OrphanResult(long closed, long peakOrphans, double peakPagesPerOrphan, long peakPages,
                           double lifetimeSeconds, long resetForMemory, long resetOverLimit, Derivation derivation) {
}
