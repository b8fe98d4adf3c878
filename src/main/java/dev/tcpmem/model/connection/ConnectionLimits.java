package dev.tcpmem.model.connection;

import dev.tcpmem.kernel.KernelProfile;
import dev.tcpmem.kernel.RamDerivedDefaults;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.derivation.Derivation;
import dev.tcpmem.model.derivation.Origin;
import dev.tcpmem.model.sysctl.EffectiveSysctls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a pod's sysctls say about connections beyond buffer memory: how many connections a listener can hold
 * waiting for accept(), how many half-open ones, how long a dead peer goes unnoticed, and the orphan limit.
 * Shown for completeness beside the memory model, each number with its derivation.
 *
 * @param acceptQueueCap     the most a listen() backlog can be: net.core.somaxconn
 * @param synBacklogCap      half-open (SYN_RECV) request sockets per listener: tcp_max_syn_backlog
 * @param synBacklogBytes    their memory at the cap; request sockets are slab objects outside tcp_mem
 * @param keepaliveDetectionSeconds idle connection, peer gone: keepalive_time + probes × intvl
 * @param retransmitGiveUpSeconds   data outstanding, peer gone: tcp_retries2 back-off (tcp_model_timeout)
 * @param maxOrphans         node-wide orphaned sockets before they are reset ("too many orphaned sockets")
 * @param orphanGiveUpSeconds an orphan whose peer is up but takes no data: how long the kernel keeps probing its
 *                           zero window before it gives up (back-off from 200 ms to TCP_RTO_MAX, tcp_orphan_retries)
 */
public record ConnectionLimits(long acceptQueueCap, long synBacklogCap, long synBacklogBytes,
                               long keepaliveDetectionSeconds, double retransmitGiveUpSeconds, long maxOrphans,
                               long orphanFinTimeoutSeconds, double orphanGiveUpSeconds,
                               Map<String, Derivation> derivations) {

    /** sizeof(struct tcp_request_sock) on x86_64, about 300 bytes (include/linux/tcp.h); per SYN_RECV entry. */
    public static final long REQUEST_SOCK_BYTES = 304;
    /** TCP_RTO_MIN (include/net/tcp.h): the base of tcp_model_timeout's back-off, 200 ms. */
    private static final double RTO_MIN_SECONDS = 0.2;
    /** TCP_RTO_MAX before tcp_rto_max_ms (6.15) made it a sysctl: 120 s. */
    private static final double RTO_MAX_SECONDS = 120;

    public ConnectionLimits {
        derivations = Map.copyOf(derivations);
    }

    /** Each pod's limits: kernel defaults, then the node's values, then the pod's own. */
    public static Map<String, ConnectionLimits> forPods(Scenario s, Map<String, String> kernelDefaults) {
        EffectiveSysctls node = EffectiveSysctls.forNode(kernelDefaults, s.node().sysctls(),
                KernelProfile.of(s.node().kernel()), RamDerivedDefaults.of(s.node().memory()));
        Map<String, ConnectionLimits> out = new LinkedHashMap<>();
        for (Pod p : s.pods()) {
            out.put(p.name(), of(node.withPod(p.sysctls())));
        }
        return out;
    }

    public static ConnectionLimits of(EffectiveSysctls sys) {
        Map<String, Derivation> d = new LinkedHashMap<>();
        long somaxconn = sys.scalar("net.core.somaxconn");
        d.put("acceptQueueCap", new Derivation("acceptQueueCap", somaxconn, "connections",
                "listen(backlog) is capped at net.core.somaxconn; connections beyond it wait in SYN_RECV or are dropped",
                List.of(Derivation.input("net.core.somaxconn", somaxconn, sys.origin("net.core.somaxconn"))),
                "__sys_listen()", "net/socket.c"));
        long syn = sys.scalar("net.ipv4.tcp_max_syn_backlog");
        d.put("synBacklogCap", new Derivation("synBacklogCap", syn, "request sockets",
                "tcp_max_syn_backlog half-open requests per listener, " + REQUEST_SOCK_BYTES
                        + " bytes each, outside tcp_mem (slab request_sock_TCP); syncookies take over beyond it",
                List.of(Derivation.input("net.ipv4.tcp_max_syn_backlog", syn, sys.origin("net.ipv4.tcp_max_syn_backlog"))),
                "tcp_conn_request()", "net/ipv4/tcp_input.c"));
        long time = sys.scalar("net.ipv4.tcp_keepalive_time");
        long probes = sys.scalar("net.ipv4.tcp_keepalive_probes");
        long intvl = sys.scalar("net.ipv4.tcp_keepalive_intvl");
        long keepalive = time + probes * intvl;
        d.put("keepaliveDetectionSeconds", new Derivation("keepaliveDetectionSeconds", keepalive, "s",
                "keepalive_time + keepalive_probes × keepalive_intvl = " + time + " + " + probes + " × " + intvl
                        + " (only for sockets with SO_KEEPALIVE, idle)",
                List.of(Derivation.input("net.ipv4.tcp_keepalive_time", time, sys.origin("net.ipv4.tcp_keepalive_time")),
                        Derivation.input("net.ipv4.tcp_keepalive_probes", probes, sys.origin("net.ipv4.tcp_keepalive_probes")),
                        Derivation.input("net.ipv4.tcp_keepalive_intvl", intvl, sys.origin("net.ipv4.tcp_keepalive_intvl"))),
                "tcp_keepalive_timer()", "net/ipv4/tcp_timer.c"));
        long retries2 = sys.scalar("net.ipv4.tcp_retries2");
        double rtoMax = sys.find("net.ipv4.tcp_rto_max_ms").map(s -> sys.scalar("net.ipv4.tcp_rto_max_ms") / 1000.0)
                .orElse(RTO_MAX_SECONDS);
        double giveUp = modelTimeout(retries2, RTO_MIN_SECONDS, rtoMax);
        d.put("retransmitGiveUpSeconds", new Derivation("retransmitGiveUpSeconds", giveUp, "s",
                "tcp_model_timeout(tcp_retries2 = " + retries2 + ", 200 ms): the RTO doubles from 200 ms up to "
                        + rtoMax + " s, then stays there; the sum of the waits before the connection is dropped",
                List.of(Derivation.input("net.ipv4.tcp_retries2", retries2, sys.origin("net.ipv4.tcp_retries2")),
                        Derivation.input("TCP_RTO_MIN", "200 ms", Origin.KERNEL_CONSTANT),
                        Derivation.input("TCP_RTO_MAX", rtoMax + " s", sys.find("net.ipv4.tcp_rto_max_ms").isPresent()
                                ? sys.origin("net.ipv4.tcp_rto_max_ms") : Origin.KERNEL_CONSTANT)),
                "tcp_write_timeout() / tcp_model_timeout()", "net/ipv4/tcp_timer.c"));
        long orphans = sys.scalar("net.ipv4.tcp_max_orphans");
        long fin = sys.scalar("net.ipv4.tcp_fin_timeout");
        d.put("maxOrphans", new Derivation("maxOrphans", orphans, "sockets",
                "closed sockets still holding data or in FIN_WAIT count against tcp_max_orphans node-wide; past it, "
                        + "or when node TCP memory is above tcp_mem[2], they are reset and the kernel logs "
                        + "\"TCP: out of memory -- consider tuning tcp_mem\" / \"too many orphaned sockets\"",
                List.of(Derivation.input("net.ipv4.tcp_max_orphans", orphans, sys.origin("net.ipv4.tcp_max_orphans")),
                        Derivation.input("net.ipv4.tcp_fin_timeout", fin, sys.origin("net.ipv4.tcp_fin_timeout"))),
                "tcp_check_oom() / tcp_out_of_resources()", "net/ipv4/tcp.c, net/ipv4/tcp_timer.c"));
        double orphanLife = orphanGiveUpSeconds(sys, 0);
        long orphanRetries = sys.scalar(ORPHAN_RETRIES);
        d.put("orphanGiveUpSeconds", new Derivation("orphanGiveUpSeconds", orphanLife, "s",
                "zero-window probes from the RTO (RTT + 200 ms; 200 ms here, for a short RTT), each wait doubled up to "
                        + rtoMax + " s; a peer that answers them "
                        + "(up, reading nothing) keeps the orphan until the wait reaches " + rtoMax + " s and the back-off "
                        + "is at least tcp_orphan_retries = " + orphanRetries + ": its send queue stays charged that long",
                List.of(Derivation.input(ORPHAN_RETRIES, orphanRetries, sys.origin(ORPHAN_RETRIES)),
                        Derivation.input("TCP_RTO_MIN", "200 ms", Origin.KERNEL_CONSTANT)),
                "tcp_orphan_retries() / tcp_probe_timer()", "net/ipv4/tcp_timer.c"));
        return new ConnectionLimits(somaxconn, syn, syn * REQUEST_SOCK_BYTES, keepalive, giveUp, orphans, fin,
                orphanLife, d);
    }

    static final String ORPHAN_RETRIES = "net.ipv4.tcp_orphan_retries";

    /**
     * How long an orphan lives whose peer is up but reads nothing (it answers each zero-window probe with a zero
     * window). net/ipv4/tcp_timer.c tcp_probe_timer(): the answers reset icsk_probes_out, so the probe count never
     * ends it; each probe doubles the back-off, and once inet_csk_rto_backoff() reaches TCP_RTO_MAX the orphan is
     * no longer "alive" and is aborted when icsk_backoff >= tcp_orphan_retries (taken as set: 0 aborts at once).
     * Probes go out min(RTO << backoff, TCP_RTO_MAX) apart (tcp_probe0_when()); the RTO is srtt + rttvar with
     * rttvar at least 200 ms (tcp_set_rto(), tcp_rtt_estimator()), about RTT + 200 ms. With the defaults and a short
     * RTT: 0.2 + 0.4 + ... + 102.4 + 120 = 324.6 s from the first zero window.
     */
    public static double orphanGiveUpSeconds(EffectiveSysctls sys, double rttSeconds) {
        long retries = sys.find(ORPHAN_RETRIES).map(x -> sys.scalar(ORPHAN_RETRIES)).orElse(0L);
        double rtoMax = sys.find("net.ipv4.tcp_rto_max_ms").map(x -> sys.scalar("net.ipv4.tcp_rto_max_ms") / 1000.0)
                .orElse(RTO_MAX_SECONDS);
        return orphanLifetime(retries, Math.min(rtoMax, RTO_MIN_SECONDS + Math.max(0, rttSeconds)), rtoMax);
    }

    static double orphanLifetime(long retries, double rto, double rtoMax) {
        double t = 0;
        for (int backoff = 0; backoff < 64; backoff++) {
            double wait = rto * Math.pow(2, backoff);
            t += Math.min(wait, rtoMax);
            // the timer that fires now sees this back-off
            if (wait >= rtoMax && backoff >= retries) {
                return t;
            }
        }
        return t;
    }

    /**
     * net/ipv4/tcp_timer.c tcp_model_timeout(): linear_backoff_thresh = ilog2(TCP_RTO_MAX / rto_base); below it the
     * waits double from rto_base, above it each retry waits TCP_RTO_MAX.
     */
    static double modelTimeout(long boundary, double rtoBase, double rtoMax) {
        int thresh = 63 - Long.numberOfLeadingZeros((long) Math.floor(rtoMax / rtoBase));
        if (boundary <= thresh) {
            return ((2L << boundary) - 1) * rtoBase;
        }
        return ((2L << thresh) - 1) * rtoBase + (boundary - thresh) * rtoMax;
    }
}
