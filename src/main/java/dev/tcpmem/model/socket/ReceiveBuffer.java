package dev.tcpmem.model.socket;

import dev.tcpmem.kernel.KernelProfile;
import dev.tcpmem.kernel.SkbTruesize;
import dev.tcpmem.kernel.WindowRule;

/** Receive-side buffer rules of one socket. Pure functions. */
public final class ReceiveBuffer {

    private ReceiveBuffer() {
    }

    /**
     * setsockopt(SO_RCVBUF): net/core/sock.c __sock_set_rcvbuf(): val = min(val, rmem_max), capped at INT_MAX / 2;
     * sk_rcvbuf = max(val * 2, SOCK_MIN_RCVBUF); sets SOCK_RCVBUF_LOCK.
     */
    public static long fromSoRcvbuf(long requested, long rmemMax) {
        long val = Math.min(Math.min(requested, rmemMax), Integer.MAX_VALUE / 2);
        return Math.max(val * 2, SkbTruesize.SOCK_MIN_RCVBUF);
    }

    /**
     * Window scale, net/ipv4/tcp_output.c tcp_select_initial_window(): space = max(tcp_full_space, tcp_rmem[2],
     * rmem_max), limited by window_clamp (set to tcp_full_space(sk_rcvbuf) when SOCK_RCVBUF_LOCK, net/ipv4/tcp_output.c
     * tcp_connect_init()); wscale = clamp(ilog2(space) - 15, 0, 14).
     */
    public static int windowScale(long rmem1, long rmem2, long rmemMax, boolean locked, long lockedRcvbuf,
                                  WindowRule initialRule) {
        if (locked) {
            return KernelProfile.windowScale(initialRule.winFromSpace(lockedRcvbuf));
        }
        long space = Math.max(Math.max(initialRule.winFromSpace(rmem1), rmem2), rmemMax);
        return KernelProfile.windowScale(Math.min(space, 65535L << KernelProfile.TCP_MAX_WSCALE));
    }

    /** The largest window the header can carry with this scale: 65535 << wscale. */
    public static long windowLimit(int wscale) {
        return 65535L << wscale;
    }

    /** Largest advertised window: tcp_win_from_space(rcvbuf), at most 65535 << wscale. */
    public static long maxWindow(long rcvbuf, int wscale, WindowRule rule) {
        return Math.min(rule.winFromSpace(rcvbuf), windowLimit(wscale));
    }

    /**
     * DRS steady state, net/ipv4/tcp_input.c tcp_rcv_space_adjust(): rcvwin = 2 * copied_per_rtt + 16 * advmss,
     * rcvbuf = min(space for rcvwin, tcp_rmem[2]); the sender-growth term is left out (steady state).
     */
    public static long drsTarget(double copiedPerRtt, int advmss, long rmem2, WindowRule rule) {
        double win = 2 * Math.max(0, copiedPerRtt) + 16.0 * advmss;
        long rcvwin = win >= 1e15 ? (long) 1e15 : (long) win;
        return Math.min(rule.drsRcvbuf(rcvwin, advmss), rmem2);
    }
}
