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

    /** net/core/stream.c / include/net/sock.h sk_stream_moderate_sndbuf(): max(min(sndbuf, wmem_queued / 2), SOCK_MIN_SNDBUF). */
    public static double moderate(double sndbuf, double queued) {
        return Math.max(Math.min(sndbuf, queued / 2), SkbTruesize.SOCK_MIN_SNDBUF);
    }
}
