package dev.tcpmem.model.scenario;

import dev.tcpmem.kernel.Bytes;
import java.util.Optional;

/**
 * A group of identical connections, one end of each inside the pod. Evaluated once per group, never per socket.
 *
 * @param rttMs      round-trip time in milliseconds
 * @param inRate     what the peer sends to this end
 * @param outRate    what this end writes when its writer is {@link WriterBehaviour#RATE}
 * @param peerReader how the far end reads (when it is off the node)
 * @param soRcvbuf   value passed to setsockopt(SO_RCVBUF), if the application sets one
 * @param mtu        path MTU of the connections
 * @param peer       the workload at the other end when it is on this node
 * @param listener   this end accepted the connections from a listener, some still waiting for accept()
 * @param tcpNotsentLowat value passed to setsockopt(TCP_NOTSENT_LOWAT), if the application sets one (0: the
 *                   namespace's net.ipv4.tcp_notsent_lowat, as in the kernel)
 */
public record Workload(String name, long connections, double rttMs, Rate inRate, Rate outRate,
                       ReaderBehaviour reader, WriterBehaviour writer, ReaderBehaviour peerReader,
                       Optional<Bytes> soRcvbuf, Optional<Bytes> soSndbuf, int mtu, Optional<PeerRef> peer,
                       Optional<Listener> listener, Optional<Bytes> tcpNotsentLowat) {

    public static final int DEFAULT_MTU = 1500;

    /** A workload without TCP_NOTSENT_LOWAT (the format before it was added). */
    public Workload(String name, long connections, double rttMs, Rate inRate, Rate outRate,
                    ReaderBehaviour reader, WriterBehaviour writer, ReaderBehaviour peerReader,
                    Optional<Bytes> soRcvbuf, Optional<Bytes> soSndbuf, int mtu, Optional<PeerRef> peer,
                    Optional<Listener> listener) {
        this(name, connections, rttMs, inRate, outRate, reader, writer, peerReader, soRcvbuf, soSndbuf, mtu, peer,
                listener, Optional.empty());
    }

    /** A workload without a listener (the common case, and the format before listeners were added). */
    public Workload(String name, long connections, double rttMs, Rate inRate, Rate outRate,
                    ReaderBehaviour reader, WriterBehaviour writer, ReaderBehaviour peerReader,
                    Optional<Bytes> soRcvbuf, Optional<Bytes> soSndbuf, int mtu, Optional<PeerRef> peer) {
        this(name, connections, rttMs, inRate, outRate, reader, writer, peerReader, soRcvbuf, soSndbuf, mtu, peer,
                Optional.empty(), Optional.empty());
    }

    /** Connections already accepted: all of them but those waiting in the accept queue. */
    public long unaccepted() {
        return listener.map(l -> Math.min(connections, l.unaccepted())).orElse(0L);
    }

    // One copy-with per edit, so callers never spell out every field again. //

    public Workload withConnections(long n) {
        return new Workload(name, n, rttMs, inRate, outRate, reader, writer, peerReader, soRcvbuf, soSndbuf, mtu, peer, listener, tcpNotsentLowat);
    }

    public Workload withName(String n) {
        return new Workload(n, connections, rttMs, inRate, outRate, reader, writer, peerReader, soRcvbuf, soSndbuf, mtu, peer, listener, tcpNotsentLowat);
    }

    public Workload withRtt(double ms) {
        return new Workload(name, connections, ms, inRate, outRate, reader, writer, peerReader, soRcvbuf, soSndbuf, mtu, peer, listener, tcpNotsentLowat);
    }

    public Workload withRates(Rate in, Rate out) {
        return new Workload(name, connections, rttMs, in, out, reader, writer, peerReader, soRcvbuf, soSndbuf, mtu, peer, listener, tcpNotsentLowat);
    }

    public Workload withBehaviour(ReaderBehaviour r, WriterBehaviour wr, ReaderBehaviour peerR) {
        return new Workload(name, connections, rttMs, inRate, outRate, r, wr, peerR, soRcvbuf, soSndbuf, mtu, peer, listener, tcpNotsentLowat);
    }

    public Workload withSocketOptions(Optional<Bytes> rcv, Optional<Bytes> snd) {
        return new Workload(name, connections, rttMs, inRate, outRate, reader, writer, peerReader, rcv, snd, mtu, peer, listener, tcpNotsentLowat);
    }

    public Workload withPeer(Optional<PeerRef> p) {
        return new Workload(name, connections, rttMs, inRate, outRate, reader, writer, peerReader, soRcvbuf, soSndbuf, mtu, p, listener, tcpNotsentLowat);
    }

    public Workload withListener(Optional<Listener> l) {
        return new Workload(name, connections, rttMs, inRate, outRate, reader, writer, peerReader, soRcvbuf, soSndbuf, mtu, peer, l, tcpNotsentLowat);
    }

    public Workload withNotsentLowat(Optional<Bytes> lowat) {
        return new Workload(name, connections, rttMs, inRate, outRate, reader, writer, peerReader, soRcvbuf, soSndbuf, mtu, peer, listener, lowat);
    }
}
