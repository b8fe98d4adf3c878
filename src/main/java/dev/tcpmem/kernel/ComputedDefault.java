package dev.tcpmem.kernel;

/** Defaults the kernel computes at boot from the node's memory rather than compiling in. */
public enum ComputedDefault {
    /** net/ipv4/tcp.c tcp_init_mem(). */
    TCP_MEM("tcp_mem"),
    /** net/ipv4/tcp.c tcp_init(): tcp_rmem[2] = max(initial, min(cap, buffer memory / 128)). */
    TCP_RMEM("tcp_rmem"),
    /** net/ipv4/tcp.c tcp_init(): tcp_wmem[2] = max(64 KiB, min(4 MiB, buffer memory / 128)). */
    TCP_WMEM("tcp_wmem"),
    /** net/ipv4/tcp.c tcp_init(): established hash size from alloc_large_system_hash(). */
    EHASH_ENTRIES("ehash_entries"),
    /** net/ipv4/tcp_ipv4.c tcp_sk_init(): ehash buckets / 2. */
    MAX_TW_BUCKETS("max_tw_buckets"),
    /** net/ipv4/tcp.c tcp_init(): ehash buckets / 2. */
    MAX_ORPHANS("max_orphans"),
    /** net/ipv4/tcp_ipv4.c tcp_sk_init(): max(128, ehash buckets / 128). */
    MAX_SYN_BACKLOG("max_syn_backlog");

    private final String key;

    ComputedDefault(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static ComputedDefault fromKey(String key) {
        for (ComputedDefault c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown computed default \"" + key + "\"");
    }
}
