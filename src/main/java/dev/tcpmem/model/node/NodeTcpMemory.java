package dev.tcpmem.model.node;

/**
 * net.ipv4.tcp_mem (pages) and the global pressure flag's hysteresis, net/core/sock.c __sk_mem_raise_allocated():
 * allocated <= tcp_mem[0] leaves pressure; allocated > tcp_mem[1] enters it; allocated > tcp_mem[2] fails
 * allocations (except forced minimums). Between [0] and [1] the flag keeps its previous value.
 */
public record NodeTcpMemory(long low, long pressure, long high) {

    public NodeTcpMemory {
        if (low < 0 || pressure < 0 || high < 0) {
            throw new IllegalArgumentException("tcp_mem values cannot be negative");
        }
    }

    /** The pressure flag after an allocation brings the counter to allocatedPages. */
    public boolean nextPressureFlag(boolean wasUnderPressure, long allocatedPages) {
        if (allocatedPages <= low) {
            return false;
        }
        if (allocatedPages > pressure) {
            return true;
        }
        return wasUnderPressure;
    }

    /** The state for reporting: high above tcp_mem[2], else pressure while the flag is set. */
    public MemoryState state(boolean pressureFlag, long allocatedPages) {
        if (allocatedPages > high) {
            return MemoryState.HIGH;
        }
        return pressureFlag ? MemoryState.PRESSURE : MemoryState.NORMAL;
    }

    /** Pages that can still be charged before tcp_mem[2] refuses further (unforced) allocations. */
    public long headroomBelowHigh(long allocatedPages) {
        return Math.max(0, high - allocatedPages);
    }
}
