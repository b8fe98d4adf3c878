package dev.tcpmem.kernel;

import java.util.Locale;

/**
 * The socket-memory behaviour rules of one kernel release; {@link KernelVersion#SUPPORTED} are the releases the
 * rules were checked for, other releases take the rule of the newest change at or below them.
 * Sysctl defaults live in the catalog; this holds the rules that are code, not sysctls.
 *
 * @param version              the release these rules describe
 * @param defaultScalingRatio  TCP_DEFAULT_SCALING_RATIO (1/256) before any data was measured; 0 before 6.6
 */
public record KernelProfile(KernelVersion version, int defaultScalingRatio) {

    /** include/net/tcp.h TCP_INIT_CWND. */
    public static final int TCP_INIT_CWND = 10;
    /** include/net/tcp.h TCP_MAX_WSCALE. */
    public static final int TCP_MAX_WSCALE = 14;
    /** include/net/sock.h SK_MEMORY_PCPU_RESERVE = 1 << (20 - PAGE_SHIFT): 1 MiB per CPU (>= 6.0). */
    public static final long SK_MEMORY_PCPU_RESERVE_PAGES = 1L << (20 - 12);

    public KernelProfile {
        if (defaultScalingRatio < 0 || defaultScalingRatio > 255) {
            throw new IllegalArgumentException("scaling ratio out of range: " + defaultScalingRatio);
        }
    }

    /** Rules for this release (version tests use the release itself, so 6.0 gets the per-CPU reserve). */
    public static KernelProfile of(KernelVersion kernel) {
        KernelVersion v = kernel;
        int ratio;
        if (!v.atLeast(6, 6)) {
            ratio = 0;
        } else if (!v.atLeast(6, 12)) {
            // net/ipv4/tcp_input.c (dfa2f0483360, 6.6): TCP_DEFAULT_SCALING_RATIO = (1200 << 8) / SKB_TRUESIZE(4096) = 65
            ratio = (int) ((1200L << SkbTruesize.TCP_RMEM_TO_WIN_SCALE) / SkbTruesize.truesize(4096));
        } else {
            // include/net/tcp.h (697a6c8cec03 "tcp: increase the default TCP scaling ratio"): 1 << (8 - 1) = 128
            // Assumed present in 6.12 and 6.18 (release not verified).
            ratio = 1 << (SkbTruesize.TCP_RMEM_TO_WIN_SCALE - 1);
        }
        return new KernelProfile(v, ratio);
    }

    /** The window rule up to 6.5 reads net.ipv4.tcp_adv_win_scale; from 6.6 the per-socket measured ratio. */
    public boolean usesScalingRatio() {
        return version.atLeast(6, 6);
    }

    /**
     * The window rule for traffic of this MTU: {@link WindowRule.AdvWinScale} with the sysctl up to 6.5, else the
     * ratio the receiver measures on such segments (net/ipv4/tcp_input.c tcp_measure_rcv_mss()).
     */
    public WindowRule windowRule(long tcpAdvWinScale, int mtu) {
        if (usesScalingRatio()) {
            return new WindowRule.ScalingRatio(SkbTruesize.measuredScalingRatio(mtu));
        }
        return new WindowRule.AdvWinScale((int) Math.max(-31, Math.min(31, tcpAdvWinScale)));
    }

    /** The window rule before the first data segment is measured (used for the SYN window). */
    public WindowRule initialWindowRule(long tcpAdvWinScale) {
        if (usesScalingRatio()) {
            return new WindowRule.ScalingRatio(defaultScalingRatio);
        }
        return new WindowRule.AdvWinScale((int) Math.max(-31, Math.min(31, tcpAdvWinScale)));
    }

    /**
     * Per-CPU forward-alloc reserve (net/core/sock.c sk_memory_allocated_add(), 3cd3399dd7a8, 6.0): the global
     * counter lags the true sum by up to cpus x reserve pages.
     */
    public boolean hasPerCpuReserve() {
        return version.atLeast(6, 0);
    }

    /** Accounting slack in pages: cpus x net.core.mem_pcpu_rsv (>= 6.0), else 0. */
    public long accountingSlackPages(int cpus, long memPcpuRsv) {
        return hasPerCpuReserve() ? Math.multiplyExact((long) Math.max(0, cpus), Math.max(0, memPcpuRsv)) : 0;
    }

    /**
     * mm/memcontrol.c mem_cgroup_charge_skmem() (4b1327be9fe5, 5.15): a cgroup v2 charge over memory.max fails;
     * before 5.15 it was forced (__GFP_NOFAIL) and only reported as over the limit.
     */
    public boolean memcgV2HardFailure() {
        return version.atLeast(5, 15);
    }

    /**
     * Whether a connection waiting in a listener's accept queue is charged to a memory cgroup only when accept()
     * takes it. "net: memcg: late association of sock to memcg" (d752a4986532, 5.6, in stable 4.19.109 and 5.4.25)
     * moved the child socket's memcg association from sk_clone_lock() to inet_csk_accept(), which charges its
     * receive memory then with __GFP_NOFAIL (net/ipv4/inet_connection_sock.c; in recent kernels __inet_accept() in
     * net/ipv4/af_inet.c). Until then the child inherited the listener's memcg at clone time: the same
     * pod. The 4.19 and 5.4 lines are taken at their maintained (patched) releases.
     */
    public boolean memcgChargesOnAccept() {
        return version.atLeast(5, 6) || version.equals(KernelVersion.of(4, 19)) || version.equals(KernelVersion.of(5, 4));
    }

    /**
     * Congestion control's sndbuf_expand factor (net/ipv4/tcp_input.c tcp_sndbuf_expand(): ca_ops->sndbuf_expand
     * or 2; net/ipv4/tcp_bbr.c bbr_sndbuf_expand() returns 3).
     */
    public static int sndbufExpandFactor(String congestionControl) {
        return isBbr(congestionControl) ? 3 : 2;
    }

    /** BBR (any version): its cwnd rules (net/ipv4/tcp_bbr.c bbr_set_cwnd()) differ from Reno/CUBIC's. */
    public static boolean isBbr(String congestionControl) {
        String cc = congestionControl == null ? "" : congestionControl.strip().toLowerCase(Locale.ROOT);
        return cc.equals("bbr") || cc.equals("bbr2") || cc.equals("bbr3");
    }

    /**
     * net/ipv4/tcp_output.c tcp_select_initial_window(): space = max(space, tcp_rmem[2], rmem_max), limited by
     * window_clamp; wscale = clamp(ilog2(space) - 15, 0, TCP_MAX_WSCALE).
     */
    public static int windowScale(long space) {
        if (space <= 0) {
            return 0;
        }
        int ilog2 = 63 - Long.numberOfLeadingZeros(space);
        return Math.max(0, Math.min(TCP_MAX_WSCALE, ilog2 - 15));
    }

    /** Fallback compiled-in defaults when no catalog value is given (the catalog is the authority). */
    public String fallbackDefault(String sysctl, RamDerivedDefaults ram) {
        boolean newRmem = version.atLeast(4, 20); // a337531b942b: tcp_rmem[1] 87380 -> 131072 (version not verified)
        long rmemCap = version.atLeast(6, 18) ? 32L << 20 : 6L << 20; // "tcp: increase tcp_rmem[2] to 32 MB" (6.16?)
        long coreMax = version.atLeast(6, 18) ? 4L << 20 : 212992;   // a6d4f25888b8 (6.18?) else SK_RMEM_MAX
        return switch (sysctl) {
            case "net.ipv4.tcp_mem" -> {
                long[] m = ram.tcpMem();
                yield m[0] + " " + m[1] + " " + m[2];
            }
            case "net.ipv4.tcp_rmem" -> {
                long def = newRmem ? 131072 : 87380;
                yield "4096 " + def + " " + ram.tcpRmemMax(def, rmemCap);
            }
            case "net.ipv4.tcp_wmem" -> "4096 16384 " + ram.tcpWmemMax(4L << 20);
            case "net.core.rmem_max", "net.core.wmem_max" -> Long.toString(coreMax);
            case "net.core.rmem_default", "net.core.wmem_default" -> "212992";
            case "net.ipv4.tcp_adv_win_scale" -> "1";
            case "net.ipv4.tcp_moderate_rcvbuf" -> "1";
            case "net.ipv4.tcp_congestion_control" -> "cubic";
            case "net.ipv4.tcp_notsent_lowat" -> "4294967295"; // UINT_MAX, net/ipv4/tcp_ipv4.c tcp_sk_init()
            case "net.core.mem_pcpu_rsv" -> Long.toString(SK_MEMORY_PCPU_RESERVE_PAGES);
            default -> null;
        };
    }
}
