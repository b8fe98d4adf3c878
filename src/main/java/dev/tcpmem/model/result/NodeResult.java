package dev.tcpmem.model.result;

import dev.tcpmem.model.derivation.Derivation;
import dev.tcpmem.model.node.MemoryState;

import java.util.Map;

/**
 * The node's TCP memory (tcp_memory_allocated, pages) over the timeline.
 *
 * @param firstPressureSeconds first time the counter went above tcp_mem[1]; null if never
 * @param firstHighSeconds     first time it went above tcp_mem[2]; null if never
 * @param accountingSlackPages how far the kernel's counter may lag the true sum (cpus x mem_pcpu_rsv, >= 6.0)
 */
public record NodeResult(TcpMem tcpMem, long peakPages, long finalPages, MemoryState state,
                         Double firstPressureSeconds, Double firstHighSeconds, long accountingSlackPages,
                         Map<String, Derivation> derivations) {

    public NodeResult {
        derivations = Map.copyOf(derivations);
    }

    /** net.ipv4.tcp_mem in pages. */
    public record TcpMem(long low, long pressure, long high) {
    }
}
