package dev.tcpmem.model.socket;

import dev.tcpmem.kernel.WindowRule;
import dev.tcpmem.model.derivation.Derivation;

import java.util.Map;

/**
 * The buffer and window rules of one socket of a workload (all its connections are identical).
 *
 * @param mss                     payload bytes per segment (tp->advmss with timestamps)
 * @param skbPayload              payload bytes per queued skb (GSO/GRO aggregate)
 * @param skbTruesize             bytes charged for such an skb (skb->truesize)
 * @param rcvbufInitial           sk_rcvbuf at connect (tcp_rmem[1], or the SO_RCVBUF value)
 * @param rcvbufMax               what autotuning may reach (tcp_rmem[2]), or the locked value
 * @param receiveAutotuning       DRS active (tcp_moderate_rcvbuf = 1 and no SO_RCVBUF)
 * @param sndbufInitial           sk_sndbuf after the handshake
 * @param sndbufMax               tcp_wmem[2], or the locked value
 * @param sendAutotuning          tcp_sndbuf_expand active (no SO_SNDBUF)
 * @param windowScale             rcv_wscale
 * @param windowMax               largest advertised window, bytes of payload
 * @param windowRule              space-to-window rule for this traffic
 * @param sndbufExpandFactor      congestion control's sndbuf_expand factor
 * @param bbr                     the congestion control is BBR (its cwnd grows by what is acknowledged, not while
 *                                cwnd-limited)
 * @param sndbufPerMss            tcp_sndbuf_expand() per_mss
 * @param notsentLowat            tcp_notsent_lowat: unsent bytes above which a writer is not given a new skb
 *                                ({@link SendBuffer#NOTSENT_LOWAT_UNLIMITED}: no limit)
 * @param rttSeconds              round trip
 * @param bdpBytes                max(inRate, outRate) x RTT
 * @param throughputCeiling       windowMax / RTT, bytes per second
 * @param derivations             by quantity name
 */
public record SocketParameters(int mss, long skbPayload, long skbTruesize, long rmem0, long wmem0,
                               long rcvbufInitial, long rcvbufMax, boolean receiveAutotuning,
                               long sndbufInitial, long sndbufMax, boolean sendAutotuning,
                               int windowScale, long windowMax, WindowRule windowRule,
                               int sndbufExpandFactor, boolean bbr, long sndbufPerMss, long notsentLowat,
                               double rttSeconds, long bdpBytes, double throughputCeiling,
                               Map<String, Derivation> derivations) {

    public SocketParameters {
        derivations = Map.copyOf(derivations);
    }

    /** Truesize bytes charged per payload byte queued. */
    public double truesizePerByte() {
        return (double) skbTruesize / skbPayload;
    }

    /** Autotuning as the contract reports it: both directions free to grow. */
    public boolean autotuning() {
        return receiveAutotuning && sendAutotuning;
    }
}
