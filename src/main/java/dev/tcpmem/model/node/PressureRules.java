package dev.tcpmem.model.node;

/**
 * When one socket-memory counter is under pressure, and which of the kernel's pressure checks apply to it: the node's
 * tcp_memory_allocated against net.ipv4.tcp_mem, or a pod's memory cgroup against its limit. One set of rules,
 * parameterised by the counter, for both (net/core/sock.c __sk_mem_raise_allocated(), Linux 6.18).
 *
 * <p>What the kernel does differently per counter:
 * <ul>
 * <li>node ({@link Kind#GLOBAL}): the flag is entered above tcp_mem[1] and left at or below tcp_mem[0], with
 *     hysteresis in between (sk_enter_memory_pressure() / sk_leave_memory_pressure(); __sk_mem_reduce_allocated()
 *     also leaves below tcp_mem[0]); above tcp_mem[2] allocations are refused. Under pressure below tcp_mem[2] a
 *     socket still gets tcp_rmem[0] / tcp_wmem[0] (the "minimum buffer size under pressure") and may grow while it
 *     holds less than its fair share tcp_mem[2] / sockets ("the 'average' heuristic is within the scope of global
 *     accounting, so it only makes sense for global memory pressure").</li>
 * <li>cgroup v1 ({@link Kind#MEMCG_V1}, memory.kmem.tcp.limit_in_bytes): the memcg is charged first
 *     (mem_cgroup_charge_skmem()); a charge over the limit fails and jumps straight to suppress_allocation, before
 *     the per-socket minimum and the fair share, so neither applies. memcg1_charge_skmem() (mm/memcontrol-v1.c) sets
 *     memcg->tcpmem_pressure = 1 on a failed charge and clears it on the next charge that succeeds: there is no
 *     low-water mark, the pod leaves pressure as soon as a socket of it charges again below the limit.</li>
 * <li>cgroup v2 (memory.max): the flag is memcg->socket_pressure, raised by reclaim (vmpressure) near memory.max;
 *     modelled like v1's but held while the counter is at the limit.</li>
 * </ul>
 * Sources (v6.18): https://github.com/torvalds/linux/blob/v6.18/net/core/sock.c (__sk_mem_raise_allocated),
 * https://github.com/torvalds/linux/blob/v6.18/mm/memcontrol-v1.c (memcg1_charge_skmem, memcg_update_tcp_max),
 * https://github.com/torvalds/linux/blob/v6.18/net/ipv4/tcp_input.c (tcp_data_queue, tcp_rcvbuf_grow).
 * Allocations forced past any of these limits (sk_forced_mem_schedule(): the first skb of an empty receive queue in
 * tcp_data_queue(), tcp_wmem[0] of send queue in tcp_wmem_schedule(); __GFP_NOFAIL charges) are charged anyway.
 *
 * @param low      leave pressure at or below this (node: tcp_mem[0]); unused for cgroups
 * @param pressure enter pressure above this (node: tcp_mem[1]); the limit for cgroups
 * @param high     refuse (unforced) allocations above this: tcp_mem[2], or the cgroup's limit
 */
public record PressureRules(Kind kind, long low, long pressure, long high) {

    /** Which counter: decides which of the kernel's checks apply. */
    public enum Kind {
        GLOBAL,
        MEMCG_V1,
        MEMCG_V2
    }

    /** The node's rules: net.ipv4.tcp_mem in pages. */
    public static PressureRules node(NodeTcpMemory tcpMem) {
        return new PressureRules(Kind.GLOBAL, tcpMem.low(), tcpMem.pressure(), tcpMem.high());
    }

    /** A pod's memory cgroup with a limit of limitPages (Long.MAX_VALUE: unlimited, never under pressure). */
    public static PressureRules memcg(boolean v2, long limitPages) {
        return new PressureRules(v2 ? Kind.MEMCG_V2 : Kind.MEMCG_V1, limitPages, limitPages, limitPages);
    }

    /**
     * The flag after a step in which the counter came to usagePages.
     *
     * @param refused some allocation was refused at the hard limit in the step
     * @param charged some allocation was charged (succeeded) in the step
     */
    public boolean nextPressureFlag(boolean was, long usagePages, boolean refused, boolean charged) {
        return switch (kind) {
            case GLOBAL -> usagePages <= low ? false : usagePages > pressure || was;
            case MEMCG_V1 -> refused || (!charged && was);
            case MEMCG_V2 -> high < Long.MAX_VALUE && (refused || usagePages >= high);
        };
    }

    /** Whether tcp_rmem[0] / tcp_wmem[0] per socket are granted under this counter's pressure (below its limit). */
    public boolean guaranteesMinimumUnderPressure() {
        return kind == Kind.GLOBAL;
    }

    /** Whether a socket below tcp_mem[2] / sockets may still grow under this counter's pressure. */
    public boolean fairShareUnderPressure() {
        return kind == Kind.GLOBAL;
    }

    /** Whether the counter has a limit at all. */
    public boolean limited() {
        return high < Long.MAX_VALUE;
    }
}
