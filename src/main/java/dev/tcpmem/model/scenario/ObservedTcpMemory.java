package dev.tcpmem.model.scenario;

/**
 * What a real node reported in /proc/net/sockstat ("TCP: inuse … orphan … tw … alloc … mem …"), drawn on the
 * chart as a reference line. mem is tcp_memory_allocated in pages, node-wide (the same in every netns).
 */
public record ObservedTcpMemory(long tcpMemPages, long inUse, long orphans, long timeWait, long allocated,
                                String source) {

    public ObservedTcpMemory {
        if (tcpMemPages < 0 || inUse < 0 || orphans < 0 || timeWait < 0 || allocated < 0) {
            throw new IllegalArgumentException("sockstat counts cannot be negative");
        }
        source = source == null ? "" : source;
    }
}
