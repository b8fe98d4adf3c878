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
     * only sk_sndbuf bounds the send queue.
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
     * when it needs a new skb, and fills the skb it has to size_goal, so a fill stops somewhere in
     * [lowat, lowat + size_goal) depending on where the skb boundaries fall; the model takes the middle,
     * lowat + size_goal / 2. Where the unsent bytes come to rest is wider ({@link #notsentBand}). Unlimited
     * (UINT_MAX): no cap.
     */
    public static double notsentAtRest(long lowat, long sizeGoal) {
        return lowat >= NOTSENT_LOWAT_UNLIMITED ? Double.POSITIVE_INFINITY : lowat + sizeGoal / 2.0;
    }

    /**
     * The band the unsent bytes of a writer under tcp_notsent_lowat rest in: {lowat / 2, lowat + size_goal}. A fill
     * stops at the first skb boundary at or past lowat (below lowat + size_goal: {@link #notsentAtRest}); a blocked
     * writer is woken only once sending has brought the unsent bytes below half of lowat: sk_stream_write_space()
     * (net/core/stream.c) asks __sk_stream_is_writeable(sk, 1) -> tcp_stream_memory_free(sk, wake = 1), which is
     * (notsent_bytes << wake) < tcp_notsent_lowat (net/ipv4/tcp_ipv4.c), and it then fills to the next boundary
     * past lowat. So when the window closes the unsent bytes are anywhere from lowat / 2 (not woken yet) to just
     * below lowat + size_goal (a fill just made).
     * Read at https://github.com/torvalds/linux/blob/fe0f59c41255d339f4f059be62c350c3c48a3f95/net/ipv4/tcp_ipv4.c
     *
     * @return {low, high} unsent payload bytes; {+inf, +inf} when unlimited
     */
    public static double[] notsentBand(long lowat, long sizeGoal) {
        if (lowat >= NOTSENT_LOWAT_UNLIMITED) {
            return new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        }
        return new double[] {lowat / 2.0, lowat + (double) sizeGoal};
    }

    /**
     * Send-queue truesize of unsent payload at the top of its band: its skbs of size_goal plus one more head, since
     * the skb the closing window cut is split there (tcp_write_xmit() -> tso_fragment(), net/ipv4/tcp_output.c) and
     * its unsent rest is an skb of its own.
     */
    public static double queuedTruesizeAtMost(double payload, long sizeGoal) {
        return payload <= 0 ? 0 : queuedTruesize(payload, sizeGoal) + SEND_SKB_HEAD_TRUESIZE;
    }

    /**
     * Payload a stalled receiver takes before its window closes: it holds its whole sk_rcvbuf (the model's stalled
     * receive queue), received over veth as GSO skbs of up to GSO_MAX_SIZE payload with one 832-byte head each
     * (SkbTruesize.receivedSkbTruesize()), so the payload is sk_rcvbuf less those heads.
     */
    public static long stalledPeerPayload(long peerRcvbuf) {
        long perSkb = SkbTruesize.GSO_MAX_SIZE + SEND_SKB_HEAD_TRUESIZE;
        long skbs = (peerRcvbuf + perSkb - 1) / perSkb;
        return Math.max(0, peerRcvbuf - skbs * SEND_SKB_HEAD_TRUESIZE);
    }

    /**
     * Packets the sender gets acknowledged before a stalled peer's window closes. Without window scaling
     * __tcp_select_window() (net/ipv4/tcp_output.c) offers whole multiples of the MSS, so only whole segments go
     * out; with scaling the window is offered in 2^wscale units and tcp_mss_split_point() sends the last, partial
     * segment that fits (measured: 127480 = 88 x 1448 + 56 bytes in 90 packets against a 128 KiB buffer).
     * Read at https://github.com/torvalds/linux/blob/dca0aaf8472f15836a68bbed8a0ef9ea39e783aa/net/ipv4/tcp_output.c
     */
    public static long stalledPeerPackets(long payload, int peerWscale, int mss) {
        return peerWscale == 0 ? payload / mss : (payload + mss - 1) / mss;
    }

    /**
     * The congestion window a bulk sender is left with once its stalled peer's window has closed (no more ACKs, so
     * it no longer changes). BBR (net/ipv4/tcp_bbr.c bbr_set_cwnd()) adds every acknowledged packet to cwnd in
     * STARTUP while cwnd is below its target, whether or not the connection is cwnd-limited, so it ends at
     * TCP_INIT_CWND + the packets the peer took (measured: 100 against 90 packets, 70 against 60, 20 against 10).
     * The target (bbr_inflight(): gain x bw x min_rtt + 3 x bbr_tso_segs_goal()) needs BBR's delivery-rate
     * estimate, which the model does not have, so no target cap is applied: against large windows the kernel
     * stopped earlier (193-240 packets against a 2 MiB window). Reno/CUBIC grow cwnd only while
     * tcp_is_cwnd_limited() (net/ipv4/tcp_cong.c, tcp_cubic.c cubictcp_cong_avoid()), and the peer's window caps
     * the packets in flight, so their cwnd stays near the packets the window holds (measured 75-85 against 90).
     * Read at https://github.com/torvalds/linux/blob/88c2cfa3f78120bc755e538ffa8b456fc2ecf874/net/ipv4/tcp_bbr.c
     */
    public static long stalledPeerCwnd(boolean bbr, long peerPackets) {
        return bbr ? KernelProfile.TCP_INIT_CWND + peerPackets : Math.max(KernelProfile.TCP_INIT_CWND, peerPackets);
    }

    /**
     * Where a bulk writer's send queue (sk_wmem_queued) comes to rest against a stalled peer, as an expected value.
     * tcp_sendmsg_locked() (net/ipv4/tcp.c) checks sk_stream_memory_free() (sk_wmem_queued < sk_sndbuf) only before it
     * allocates a new skb and then fills that skb to size_goal, so a fill overshoots sk_sndbuf by less than one skb
     * (size_goal + its 832-byte head; the model takes half of that). A writer blocked there is woken only once ACKs
     * have brought the queue to 2/3 of sk_sndbuf (sk_stream_write_space() -> __sk_stream_is_writeable(),
     * include/net/sock.h: sk_sndbuf - wmem_queued >= wmem_queued / 2). Two cases:
     * <ul>
     * <li>The whole window the peer takes cannot bring the first fill (made against the sk_sndbuf at connect time)
     * down to 2/3 of the final sk_sndbuf: the writer is never woken again; the fill overlaps the peer's intake, so
     * part of the window was acknowledged before it ended; the model takes half: first fill - peerPayload / 2.</li>
     * <li>Otherwise the queue saw-tooths between 2/3 of sk_sndbuf and a fill above it until the window closes at
     * some point of a tooth; the model takes the mean, (2/3 sk_sndbuf + sk_sndbuf + overshoot) / 2.</li>
     * </ul>
     * Where a given socket stops depends on how the closing window cut the last skb, which the model does not follow.
     * Read at https://github.com/torvalds/linux/blob/b2e118419db38dcbb9bf51e7e4367bbaaae63545/include/net/sock.h
     *
     * @param sndbuf          the final sk_sndbuf
     * @param firstSndbuf     sk_sndbuf when the writer first filled the queue (after the handshake)
     * @param peerPayload     bytes the stalled peer took
     * @param sizeGoal        payload of one skb (tcp_xmit_size_goal())
     */
    public static double stalledWriterQueue(double sndbuf, double firstSndbuf, double peerPayload, long sizeGoal) {
        double overshoot = (sizeGoal + SEND_SKB_HEAD_TRUESIZE) / 2.0;
        double wakeAt = 2.0 * sndbuf / 3.0;
        double firstFill = firstSndbuf + overshoot;
        if (firstFill - peerPayload > wakeAt) {
            return firstFill - peerPayload / 2.0;
        }
        return (wakeAt + sndbuf + overshoot) / 2.0;
    }

    /**
     * The band {@link #stalledWriterQueue} is the expected value of: where a bulk writer's send queue
     * (sk_wmem_queued) may rest against a stalled peer, {low, high} truesize bytes.
     * <ul>
     * <li>high: sk_sndbuf + one skb (size_goal + its 832-byte head), exclusive: tcp_sendmsg_locked() checks
     * sk_wmem_queued &lt; sk_sndbuf only before a new skb and fills that skb to size_goal; sk_sndbuf only grows, so the
     * final one bounds every fill.</li>
     * <li>low: 2/3 of sk_sndbuf: below it an ACK wakes the writer (tcp_check_space() -> sk_stream_write_space() ->
     * __sk_stream_is_writeable(): sk_sndbuf - queued &gt;= queued / 2, include/net/sock.h), which refills past
     * sk_sndbuf. In the never-woken case (a first fill larger than the final sk_sndbuf, a large SO_SNDBUF against a
     * small window) the same two bounds hold, and the queue is also no lower than the first fill (at least the
     * sk_sndbuf after the handshake) less everything the peer took (its payload and skb heads): the larger of the
     * two lower bounds.</li>
     * </ul>
     * Read at https://github.com/torvalds/linux/blob/b2e118419db38dcbb9bf51e7e4367bbaaae63545/include/net/sock.h
     */
    public static double[] stalledWriterQueueBand(double sndbuf, double firstSndbuf, double peerPayload,
                                                  long sizeGoal) {
        double low = Math.max(2.0 * sndbuf / 3.0, firstSndbuf - queuedTruesize(peerPayload, sizeGoal));
        return new double[] {low, oneSkbPast(sndbuf, sizeGoal)};
    }

    /**
     * The most a queue reaches whose limit is checked only before a new skb is started (tcp_sendmsg_locked(),
     * net/ipv4/tcp.c): the limit plus one skb of size_goal payload and its 832-byte head.
     */
    public static double oneSkbPast(double limit, long sizeGoal) {
        return limit + sizeGoal + SEND_SKB_HEAD_TRUESIZE;
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
