package dev.tcpmem.kernel;

/**
 * What a socket is charged for the data it holds: skb truesize, not payload (x86_64, 4 KiB pages, 64-byte cache
 * lines, MAX_SKB_FRAGS 17).
 */
public final class SkbTruesize {

    /** include/linux/skbuff.h: SKB_DATA_ALIGN(sizeof(struct sk_buff)) on x86_64. */
    public static final long SK_BUFF_ALIGNED = 256;
    /** include/linux/skbuff.h: SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) on x86_64. */
    public static final long SHARED_INFO_ALIGNED = 320;
    /**
     * include/net/tcp.h MAX_TCP_HEADER = L1_CACHE_ALIGN(128 + MAX_HEADER). Config-dependent: 256 on the calibrated
     * 6.18 build (tools/calibrate: per_mss 2304 for MSS 1448 needs it); kernels with LL_MAX_HEADER 128 (Hyper-V,
     * WLAN) have 320, which makes per_mss 4352.
     */
    public static final long MAX_TCP_HEADER = 256;
    /** Largest GSO/GRO aggregate a TCP skb carries (include/linux/netdevice.h GSO_LEGACY_MAX_SIZE). */
    public static final long GSO_MAX_SIZE = 65536;
    /** include/net/sock.h SOCK_MIN_RCVBUF = TCP_SKB_MIN_TRUESIZE = 2048 + SKB_DATA_ALIGN(sizeof(struct sk_buff)). */
    public static final long SOCK_MIN_RCVBUF = 2048 + SK_BUFF_ALIGNED;
    /** include/net/sock.h SOCK_MIN_SNDBUF = 2 * TCP_SKB_MIN_TRUESIZE. */
    public static final long SOCK_MIN_SNDBUF = 2 * SOCK_MIN_RCVBUF;
    /** include/net/tcp.h TCP_RMEM_TO_WIN_SCALE: scaling_ratio is in 1/256. */
    public static final int TCP_RMEM_TO_WIN_SCALE = 8;
    /** IPv4 (20) + TCP (20) header bytes. */
    public static final int TCP_IP_HEADERS = 40;
    /** TCP timestamp option, aligned (include/net/tcp.h TCPOLEN_TSTAMP_ALIGNED), on by default. */
    public static final int TIMESTAMP_OPTION = 12;

    private SkbTruesize() {
    }

    /** include/linux/skbuff.h SKB_TRUESIZE(X) = X + SKB_DATA_ALIGN(sizeof(sk_buff)) + SKB_DATA_ALIGN(sizeof(skb_shared_info)). */
    public static long truesize(long x) {
        return Math.addExact(x, SK_BUFF_ALIGNED + SHARED_INFO_ALIGNED);
    }

    /** Payload per segment: MTU minus IP/TCP headers and the timestamp option (tp->advmss after the handshake). */
    public static int mss(int mtu) {
        return Math.max(64, mtu - TCP_IP_HEADERS - TIMESTAMP_OPTION);
    }

    /** The MSS the peer announces in its SYN (no options): tp->rx_opt.mss_clamp. */
    public static int mssClamp(int mtu) {
        return Math.max(64, mtu - TCP_IP_HEADERS);
    }

    /**
     * Model rule: data arrives and queues as GSO/GRO aggregates of up to 64 KiB of payload, each skb charged its
     * payload (page frags) plus SKB_TRUESIZE(MAX_TCP_HEADER) for the head: 65536 + 256 + 576 = 66368 bytes, 1.3 %
     * overhead. Calibrated on 6.18 veth: 127480 payload bytes held as 129144 truesize (1.013).
     */
    public static long receivedSkbPayload(int mtu) {
        return Math.max(GSO_MAX_SIZE, mss(mtu));
    }

    public static long receivedSkbTruesize(int mtu) {
        return receivedSkbPayload(mtu) + truesize(MAX_TCP_HEADER);
    }

    /** The scaling_ratio a receiver measures for such skbs: (len << 8) / truesize, at least 1 (252 for 64 KiB). */
    public static int measuredScalingRatio(int mtu) {
        long r = (receivedSkbPayload(mtu) << TCP_RMEM_TO_WIN_SCALE) / receivedSkbTruesize(mtu);
        return (int) Math.max(1, Math.min(255, r));
    }

    /**
     * net/ipv4/tcp_input.c tcp_sndbuf_expand(): per_mss = roundup_pow_of_two(max(mss_clamp, mss_cache)
     * + MAX_TCP_HEADER + SKB_DATA_ALIGN(sizeof(skb_shared_info))) + SKB_DATA_ALIGN(sizeof(sk_buff)).
     * MTU 1500: roundup_pow_of_two(1460 + 256 + 320 = 2036) + 256 = 2304 (measured on 6.18).
     */
    public static long sndbufPerMss(int mtu) {
        long raw = Math.max(mssClamp(mtu), mss(mtu)) + MAX_TCP_HEADER + SHARED_INFO_ALIGNED;
        long pow2 = Long.highestOneBit(raw);
        if (pow2 < raw) {
            pow2 <<= 1;
        }
        return pow2 + SK_BUFF_ALIGNED;
    }
}
