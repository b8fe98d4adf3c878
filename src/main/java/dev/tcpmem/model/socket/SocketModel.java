package dev.tcpmem.model.socket;

import static dev.tcpmem.model.derivation.Derivation.input;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelProfile;
import dev.tcpmem.kernel.SkbTruesize;
import dev.tcpmem.kernel.SysctlValue;
import dev.tcpmem.kernel.WindowRule;
import dev.tcpmem.model.derivation.Derivation;
import dev.tcpmem.model.derivation.Origin;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.sysctl.EffectiveSysctls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes a workload's {@link SocketParameters} once, whatever its connection count. */
public final class SocketModel {

    static final String RMEM = "net.ipv4.tcp_rmem";
    static final String WMEM = "net.ipv4.tcp_wmem";
    static final String RMEM_MAX = "net.core.rmem_max";
    static final String WMEM_MAX = "net.core.wmem_max";
    static final String ADV_WIN_SCALE = "net.ipv4.tcp_adv_win_scale";
    static final String MODERATE = "net.ipv4.tcp_moderate_rcvbuf";
    static final String CC = "net.ipv4.tcp_congestion_control";
    static final String NOTSENT_LOWAT = "net.ipv4.tcp_notsent_lowat";

    private SocketModel() {
    }

    public static SocketParameters of(Workload w, EffectiveSysctls sys, KernelProfile profile) {
        Map<String, Derivation> d = new LinkedHashMap<>();
        SysctlValue.Triplet rmem = sys.triplet(RMEM);
        SysctlValue.Triplet wmem = sys.triplet(WMEM);
        long rmemMax = sys.scalar(RMEM_MAX);
        long wmemMax = sys.scalar(WMEM_MAX);
        long advWinScale = sys.scalar(ADV_WIN_SCALE);
        boolean moderate = sys.scalar(MODERATE) != 0;
        String cc = sys.text(CC);
        int mtu = w.mtu() > 0 ? w.mtu() : Workload.DEFAULT_MTU;
        int mss = SkbTruesize.mss(mtu);
        long skbPayload = SkbTruesize.receivedSkbPayload(mtu);
        long segTruesize = SkbTruesize.receivedSkbTruesize(mtu);
        WindowRule rule = profile.windowRule(advWinScale, mtu);
        WindowRule initialRule = profile.initialWindowRule(advWinScale);

        Derivation.Input rmemIn = input(RMEM, rmem.text(), sys.origin(RMEM));
        Derivation.Input wmemIn = input(WMEM, wmem.text(), sys.origin(WMEM));
        Derivation.Input rmemMaxIn = input(RMEM_MAX, rmemMax, sys.origin(RMEM_MAX));
        Derivation.Input wmemMaxIn = input(WMEM_MAX, wmemMax, sys.origin(WMEM_MAX));

        // Receive buffer
        boolean rcvLocked = w.soRcvbuf().isPresent();
        long rcvInit;
        long rcvMax;
        if (rcvLocked) {
            long req = w.soRcvbuf().get().value();
            rcvInit = ReceiveBuffer.fromSoRcvbuf(req, rmemMax);
            rcvMax = rcvInit;
            d.put("rcvbufInitial", new Derivation("rcvbufInitial", rcvInit, "bytes",
                    "max(2 x min(SO_RCVBUF, rmem_max), SOCK_MIN_RCVBUF) = max(2 x min(" + req + ", " + rmemMax + "), "
                            + SkbTruesize.SOCK_MIN_RCVBUF + ")",
                    List.of(input("SO_RCVBUF", req, Origin.SCENARIO), rmemMaxIn,
                            input("SOCK_MIN_RCVBUF", SkbTruesize.SOCK_MIN_RCVBUF, Origin.KERNEL_CONSTANT)),
                    "__sock_set_rcvbuf(): doubled, locks the buffer (no autotuning)", "net/core/sock.c"));
            d.put("rcvbufMax", new Derivation("rcvbufMax", rcvMax, "bytes", "SO_RCVBUF locks sk_rcvbuf = " + rcvInit,
                    List.of(input("SO_RCVBUF", req, Origin.SCENARIO)), "SOCK_RCVBUF_LOCK disables tcp_rcv_space_adjust()",
                    "net/ipv4/tcp_input.c"));
        } else {
            rcvInit = rmem.def();
            rcvMax = moderate ? Math.max(rmem.def(), rmem.max()) : rmem.def();
            d.put("rcvbufInitial", new Derivation("rcvbufInitial", rcvInit, "bytes", "tcp_rmem[1]", List.of(rmemIn),
                    "tcp_init_sock(): sk_rcvbuf = tcp_rmem[1]", "net/ipv4/tcp.c"));
            d.put("rcvbufMax", new Derivation("rcvbufMax", rcvMax, "bytes",
                    moderate ? "tcp_rmem[2] (autotuning cap)" : "tcp_rmem[1] (tcp_moderate_rcvbuf = 0)",
                    List.of(rmemIn, input(MODERATE, moderate ? 1 : 0, sys.origin(MODERATE))),
                    "tcp_rcv_space_adjust(): rcvbuf grows up to tcp_rmem[2]", "net/ipv4/tcp_input.c"));
        }
        boolean rcvAuto = !rcvLocked && moderate;

        // Window
        int wscale = ReceiveBuffer.windowScale(rmem.def(), rmem.max(), rmemMax, rcvLocked, rcvInit, initialRule);
        d.put("windowScale", new Derivation("windowScale", wscale, "",
                rcvLocked ? "clamp(ilog2(win_from_space(locked rcvbuf " + rcvInit + ")) - 15, 0, 14)"
                        : "clamp(ilog2(max(tcp_rmem[2], rmem_max)) - 15, 0, 14)",
                List.of(rmemIn, rmemMaxIn), "tcp_select_initial_window()", "net/ipv4/tcp_output.c"));
        long winMax = ReceiveBuffer.maxWindow(rcvMax, wscale, rule);
        List<Derivation.Input> winInputs = new java.util.ArrayList<>(List.of(input("rcvbufMax", rcvMax, Origin.DERIVED),
                input("windowScale", wscale, Origin.DERIVED)));
        if (rule instanceof WindowRule.AdvWinScale) {
            winInputs.add(input(ADV_WIN_SCALE, advWinScale, sys.origin(ADV_WIN_SCALE)));
        } else {
            winInputs.add(input("scaling_ratio = (skb len << 8) / truesize = (" + skbPayload + " << 8) / " + segTruesize,
                    ((WindowRule.ScalingRatio) rule).ratio(), Origin.DERIVED));
        }
        d.put("windowMax", new Derivation("windowMax", winMax, "bytes",
                "min(" + rule.formula() + " with space = rcvbufMax, 65535 << windowScale)", winInputs,
                "tcp_win_from_space()", rule.source()));

        // Send buffer
        boolean sndLocked = w.soSndbuf().isPresent();
        int factor = KernelProfile.sndbufExpandFactor(cc);
        long perMss = SkbTruesize.sndbufPerMss(mtu);
        long sndInit;
        long sndMax;
        if (sndLocked) {
            long req = w.soSndbuf().get().value();
            sndInit = SendBuffer.fromSoSndbuf(req, wmemMax);
            sndMax = sndInit;
            d.put("sndbufInitial", new Derivation("sndbufInitial", sndInit, "bytes",
                    "max(2 x min(SO_SNDBUF, wmem_max), SOCK_MIN_SNDBUF) = max(2 x min(" + req + ", " + wmemMax + "), "
                            + SkbTruesize.SOCK_MIN_SNDBUF + ")",
                    List.of(input("SO_SNDBUF", req, Origin.SCENARIO), wmemMaxIn,
                            input("SOCK_MIN_SNDBUF", SkbTruesize.SOCK_MIN_SNDBUF, Origin.KERNEL_CONSTANT)),
                    "sock_setsockopt(SO_SNDBUF): doubled, locks the buffer", "net/core/sock.c"));
            d.put("sndbufMax", new Derivation("sndbufMax", sndMax, "bytes", "SO_SNDBUF locks sk_sndbuf = " + sndInit,
                    List.of(input("SO_SNDBUF", req, Origin.SCENARIO)),
                    "SOCK_SNDBUF_LOCK disables tcp_sndbuf_expand()", "net/ipv4/tcp_input.c"));
        } else {
            sndInit = SendBuffer.initial(wmem.def(), wmem.max(), factor, perMss);
            sndMax = wmem.max();
            d.put("sndbufInitial", new Derivation("sndbufInitial", sndInit, "bytes",
                    "max(tcp_wmem[1], min(factor x TCP_INIT_CWND x per_mss, tcp_wmem[2])) = max(" + wmem.def() + ", min("
                            + factor + " x 10 x " + perMss + ", " + wmem.max() + "))",
                    List.of(wmemIn, input(CC + " sndbuf_expand factor", factor, sys.origin(CC)),
                            input("per_mss", perMss, Origin.KERNEL_CONSTANT),
                            input("TCP_INIT_CWND", KernelProfile.TCP_INIT_CWND, Origin.KERNEL_CONSTANT)),
                    "tcp_init_buffer_space() -> tcp_sndbuf_expand()", "net/ipv4/tcp_input.c"));
            d.put("sndbufMax", new Derivation("sndbufMax", sndMax, "bytes", "tcp_wmem[2] (autotuning cap)",
                    List.of(wmemIn), "tcp_sndbuf_expand(): min(sndmem, tcp_wmem[2])", "net/ipv4/tcp_input.c"));
        }

        // tcp_notsent_lowat() (include/net/tcp.h): tp->notsent_lowat (setsockopt TCP_NOTSENT_LOWAT) ?: the netns
        // sysctl (namespaced since 4.6); 0 in the socket option means "use the sysctl"
        long sockLowat = w.tcpNotsentLowat().map(Bytes::value).orElse(0L);
        long lowat = Math.min(sockLowat > 0 ? sockLowat : sys.scalar(NOTSENT_LOWAT), SendBuffer.NOTSENT_LOWAT_UNLIMITED);
        d.put("notsentLowat", new Derivation("notsentLowat", lowat, "bytes",
                (lowat >= SendBuffer.NOTSENT_LOWAT_UNLIMITED
                        ? "no limit (UINT_MAX): only sk_sndbuf bounds the send queue"
                        : "a writer gets no new skb once write_seq - snd_nxt >= " + lowat
                                + "; its queue holds in-flight data + about lowat + size_goal / 2 unsent bytes")
                        + (sockLowat > 0 ? " (TCP_NOTSENT_LOWAT)" : " (tcp_notsent_lowat)"),
                sockLowat > 0 ? List.of(input("TCP_NOTSENT_LOWAT", sockLowat, Origin.SCENARIO))
                        : List.of(input(NOTSENT_LOWAT, lowat, sys.origin(NOTSENT_LOWAT))),
                "tcp_notsent_lowat() / tcp_stream_memory_free(), checked in tcp_sendmsg_locked()",
                "include/net/tcp.h, net/ipv4/tcp_ipv4.c, net/ipv4/tcp.c"));

        double rtt = Math.max(1e-6, w.rttMs() / 1000.0);
        double rate = Math.max(w.inRate().bytesPerSecond(), w.outRate().bytesPerSecond());
        long bdp = (long) Math.min(Long.MAX_VALUE / 2.0, rate * rtt);
        d.put("bdpBytes", new Derivation("bdpBytes", bdp, "bytes", "max(inRate, outRate) x RTT",
                List.of(input("inRate", w.inRate().bytesPerSecond(), Origin.SCENARIO),
                        input("outRate", w.outRate().bytesPerSecond(), Origin.SCENARIO),
                        input("rttMs", w.rttMs(), Origin.SCENARIO)),
                "bandwidth-delay product", "-"));
        double ceiling = winMax / rtt;
        d.put("throughputCeilingBytesPerSecond", new Derivation("throughputCeilingBytesPerSecond", ceiling, "bytes/s",
                "windowMax / RTT", List.of(input("windowMax", winMax, Origin.DERIVED), input("rttMs", w.rttMs(), Origin.SCENARIO)),
                "a sender cannot have more than one window unacknowledged", "net/ipv4/tcp_output.c"));

        return new SocketParameters(mss, skbPayload, segTruesize, rmem.min(), wmem.min(), rcvInit, rcvMax, rcvAuto, sndInit, sndMax,
                !sndLocked, wscale, winMax, rule, factor, KernelProfile.isBbr(cc), perMss, lowat, rtt, bdp, ceiling, d);
    }
}
