package dev.tcpmem.model.socket;

import dev.tcpmem.kernel.KernelProfile;
import dev.tcpmem.kernel.SkbTruesize;

/** Send-side buffer rules of one socket. Pure functions. */
public final class SendBuffer {

    private SendBuffer() {
    }

    /** setsockopt(SO_SNDBUF): net/core/sock.c sock_set_sndbuf: max(2 * min(val, wmem_max), SOCK_MIN_SNDBUF); locks. */
    public static long fromSoSndbuf(long requested, long wmemMax) {
        long val = Math.min(Math.min(requested, wmemMax), Integer.MAX_VALUE / 2);
        return Math.max(val * 2, SkbTruesize.SOCK_MIN_SNDBUF);
    }

    /**
     * net/ipv4/tcp_input.c tcp_sndbuf_expand(): sndmem = factor * max(TCP_INIT_CWND, cwnd) * per_mss, capped by
     * tcp_wmem[2]; the buffer only grows.
     */
    public static long expandTarget(long cwnd, int factor, long perMss, long wmem2) {
        long segs = Math.max(KernelProfile.TCP_INIT_CWND, cwnd);
        double sndmem = (double) factor * segs * perMss;
        return sndmem >= wmem2 ? wmem2 : (long) sndmem;
    }

    /**
     * Send buffer after the handshake: tcp_init_sock() sets tcp_wmem[1], tcp_init_buffer_space() then calls
     * tcp_sndbuf_expand() with cwnd 10 (net/ipv4/tcp_input.c).
     */
    public static long initial(long wmem1, long wmem2, int factor, long perMss) {
        return Math.max(wmem1, expandTarget(KernelProfile.TCP_INIT_CWND, factor, perMss, wmem2));
    }

    /**
     * net.ipv4.tcp_notsent_lowat's default, UINT_MAX (net/ipv4/tcp_ipv4.c tcp_sk_init()): no limit on unsent bytes,
     * the send queue fills to sk_sndbuf.
     */
    public static final long NOTSENT_LOWAT_UNLIMITED = 4294967295L;

    /**
     * truesize of a send skb before data: tcp_stream_alloc_skb() (net/ipv4/tcp.c) allocates the head for
     * MAX_TCP_HEADER (256) from skb_small_head_cache (576 bytes with skb_shared_info), truesize =
     * SKB_TRUESIZE(256) = 256 + 256 + 320 = 832; the payload is then added byte for byte (skb_copy_to_page_nocache()).
     * Measured on 6.18: every recording's w - notsent is a multiple of 832.
     */
    public static final long SEND_SKB_HEAD_TRUESIZE = SkbTruesize.truesize(SkbTruesize.MAX_TCP_HEADER);

    /**
     * The payload tcp_sendmsg_locked() puts in one skb: tcp_xmit_size_goal() (net/ipv4/tcp.c) bounds the GSO size
     * (GSO_LEGACY_MAX_SIZE 65536) by half the largest window the peer advertised (tcp_bound_to_half_wnd(),
     * include/net/tcp.h: max_window / 2 when max_window > 536) and rounds down to whole MSS, at least one MSS.
     */
    public static long sizeGoal(int mss, long peerMaxWindow) {
        long bound = SkbTruesize.GSO_MAX_SIZE;
        long cutoff = peerMaxWindow > 536 ? peerMaxWindow >> 1 : peerMaxWindow;
        if (cutoff > 0 && bound > cutoff) {
            bound = cutoff;
        }
        return Math.max(mss, bound / mss * mss);
    }

    /**
     * Unsent bytes a writer leaves queued under tcp_notsent_lowat. tcp_sendmsg_locked() (net/ipv4/tcp.c) asks
     * sk_stream_memory_free() -> tcp_stream_memory_free() (net/ipv4/tcp_ipv4.c: write_seq - snd_nxt < lowat) only
     * when it needs a new skb, and fills the skb it has to size_goal, so the unsent bytes stop somewhere in
     * [lowat, lowat + size_goal) depending on where the skb boundaries fall; the model takes the middle,
     * lowat + size_goal / 2. Unlimited (UINT_MAX): no cap.
     */
    public static double notsentAtRest(long lowat, long sizeGoal) {
        return lowat >= NOTSENT_LOWAT_UNLIMITED ? Double.POSITIVE_INFINITY : lowat + sizeGoal / 2.0;
    }

    /** Send-queue charge (sk_wmem_queued) of that many payload bytes in skbs of size_goal: payload + 832 per skb. */
    public static double queuedTruesize(double payload, long sizeGoal) {
        if (payload <= 0) {
            return 0;
        }
        return payload + Math.ceil(payload / sizeGoal) * SEND_SKB_HEAD_TRUESIZE;
    }

    /** net/core/stream.c / include/net/sock.h sk_stream_moderate_sndbuf(): max(min(sndbuf, wmem_queued / 2), SOCK_MIN_SNDBUF). */
    public static double moderate(double sndbuf, double queued) {
        return Math.max(Math.min(sndbuf, queued / 2), SkbTruesize.SOCK_MIN_SNDBUF);
    }
}
