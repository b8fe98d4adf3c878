package dev.tcpmem.kernel;

/**
 * The sizes the kernel computes once at boot from the node's memory: tcp_mem, the tcp_rmem/tcp_wmem maxima and
 * the established-hash size behind tcp_max_orphans, tcp_max_tw_buckets and tcp_max_syn_backlog.
 *
 * <p>Input is MemTotal (what /proc/meminfo shows, i.e. managed pages). The kernel works from
 * {@code nr_free_buffer_pages()} = managed pages minus each zone's high watermark
 * (mm/page_alloc.c {@code nr_free_zone_pages}); the watermark follows {@code min_free_kbytes}
 * ({@code init_per_zone_wmark_min}: sqrt(16 × lowmem KiB), clamped to [128, 262144] KiB), raised by transparent
 * huge pages to {@code set_recommended_min_free_kbytes()} (mm/khugepaged.c: 11 pageblocks per populated zone,
 * capped at 5 % of memory), and {@code __setup_per_zone_wmarks()}: high = min + 2 × max(min/4, managed × 10/10000).
 * On a 6.18 node with MemTotal 24,684,096 kB this gives tcp_mem[1] 383,861 against the kernel's 383,869.
 */
public record RamDerivedDefaults(long totalPages) {

    private static final long PAGEBLOCK_PAGES = 512; // 2 MiB pageblocks with 4 KiB pages (x86_64)
    private static final long DMA32_LIMIT_PAGES = (4L << 30) / Pages.PAGE_SIZE;
    private static final long DMA_LIMIT_PAGES = (16L << 20) / Pages.PAGE_SIZE;

    public RamDerivedDefaults {
        if (totalPages <= 0) {
            throw new IllegalArgumentException("node memory must be positive");
        }
    }

    public static RamDerivedDefaults of(Bytes memTotal) {
        return new RamDerivedDefaults(memTotal.toPagesRoundedDown().value());
    }

    /** min_free_kbytes in pages, as the kernel sets it at boot with transparent huge pages enabled. */
    public long minFreePages() {
        long kib = totalPages * (Pages.PAGE_SIZE / 1024);
        // mm/page_alloc.c calculate_min_free_kbytes(): int_sqrt(lowmem_kbytes * 16), clamped
        long minFreeKib = Math.max(128, Math.min(262144, isqrt(Math.multiplyExact(kib, 16))));
        long minFree = minFreeKib / 4;
        int zones = totalPages > DMA32_LIMIT_PAGES ? 3 : totalPages > DMA_LIMIT_PAGES ? 2 : 1;
        // mm/khugepaged.c set_recommended_min_free_kbytes(): 2 + MIGRATE_PCPTYPES^2 (=9) pageblocks per zone
        long recommended = PAGEBLOCK_PAGES * zones * 2 + PAGEBLOCK_PAGES * zones * 9;
        recommended = Math.min(recommended, totalPages / 20);
        return Math.max(minFree, recommended);
    }

    /** Sum of the zones' high watermarks in pages (mm/page_alloc.c __setup_per_zone_wmarks, watermark_scale_factor 10). */
    public long highWatermarkPages() {
        long min = minFreePages();
        return min + 2 * Math.max(min / 4, totalPages * 10 / 10000);
    }

    /** nr_free_buffer_pages() at boot. */
    public long bufferPages() {
        return Math.max(0, totalPages - highWatermarkPages());
    }

    /**
     * net/ipv4/tcp.c tcp_init_mem() (since 4.15, b66e91ccbc34 "tcp: halves tcp_mem[] limits"):
     * limit = max(nr_free_buffer_pages / 16, 128); tcp_mem = {limit/4*3, limit, limit/4*3*2}.
     */
    public long[] tcpMem() {
        long limit = Math.max(bufferPages() / 16, 128);
        long low = limit / 4 * 3;
        return new long[] {low, limit, low * 2};
    }

    /** net/ipv4/tcp.c tcp_init(): per-socket cap base = nr_free_buffer_pages << (PAGE_SHIFT - 7), i.e. 1/128 of it in bytes. */
    public long perSocketLimitBytes() {
        return Math.multiplyExact(bufferPages(), Pages.PAGE_SIZE) / 128;
    }

    /** tcp_rmem[2] = max(tcp_rmem[1], min(compiled cap, limit)) (net/ipv4/tcp.c tcp_init()). */
    public long tcpRmemMax(long initial, long cap) {
        return Math.max(initial, Math.min(cap, perSocketLimitBytes()));
    }

    /** tcp_wmem[2] = max(64 KiB, min(compiled cap, limit)) (net/ipv4/tcp.c tcp_init()). */
    public long tcpWmemMax(long cap) {
        return Math.max(64 * 1024, Math.min(cap, perSocketLimitBytes()));
    }

    /**
     * Established hash buckets: alloc_large_system_hash("TCP established", …, scale 17, high limit 512K)
     * (net/ipv4/tcp.c tcp_init): one bucket per 128 KiB of memory, rounded up to a power of two.
     */
    public long ehashEntries() {
        long pages = (totalPages + 255) / 256 * 256; // round_up to 1 MiB worth of pages
        long entries = pages >> (17 - 12);
        long pow2 = Long.highestOneBit(Math.max(1, entries));
        if (pow2 < entries) {
            pow2 <<= 1;
        }
        return Math.min(pow2, 512 * 1024);
    }

    private static long isqrt(long n) {
        long r = (long) Math.sqrt((double) n);
        while (r * r > n) {
            r--;
        }
        while ((r + 1) * (r + 1) <= n) {
            r++;
        }
        return r;
    }
}
