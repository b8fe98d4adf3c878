package dev.tcpmem.model.socket;

/**
 * The receive queue of a reader that keeps up, when its sender is bounded by nothing but the window (a bulk writer
 * on the same node: no link, no path bottleneck). Pure function.
 *
 * <p>A fluid model would say "one RTT of arrivals", and with an unbounded sender that is one whole window (8167 pages
 * for an autotuned 32 MiB rcvbuf). The kernel does not queue a window in front of a reader that keeps up:
 * <ul>
 * <li>the sender builds skbs of size_goal ({@link SendBuffer#sizeGoal}: GSO max 64 KiB bounded by half the peer's
 *     largest window, whole MSS; net/ipv4/tcp.c tcp_xmit_size_goal()) and sends at most the open window
 *     (net/ipv4/tcp_output.c tcp_write_xmit());</li>
 * <li>veth hands each skb whole to the peer (drivers/net/veth.c veth_xmit() -> veth_forward_skb() -> __netif_rx():
 *     without XDP or GRO enabled on the device there is no NAPI, nothing is aggregated or split; gso_max_size
 *     65536 measured on the recording host's veth pairs);</li>
 * <li>every skb that reaches the receive queue wakes the reader (net/ipv4/tcp_input.c tcp_data_queue() ->
 *     tcp_data_ready(): tcp_epollin_ready() with sk_rcvlowat 1, include/net/tcp.h), and it is acknowledged at once
 *     (more than one full-sized segment since the last ACK, __tcp_ack_snd_check()), so the sender is not held back
 *     and the window never closes on a reader that reads.</li>
 * </ul>
 * So between two reads the queue holds the skb that woke the reader: one size_goal of payload, or the open window
 * if that is smaller (a window clamped to 4 x advmss under memory pressure). How often the reader falls behind
 * (is not scheduled, shares a CPU with the writer) depends on CPU speed and load, which the model does not know;
 * it assumes a reader that keeps up, the smallest queue the kernel can hold for it.
 */
public final class DrainingReader {

    private DrainingReader() {
    }

    /**
     * Payload bytes queued between two reads.
     *
     * @param mss           the connection's MSS
     * @param maxWindow     the largest window the reader advertises (what the sender's size_goal is bounded by)
     * @param openWindow    the window open now (smaller under memory pressure)
     */
    public static double queuedPayload(int mss, long maxWindow, double openWindow) {
        return Math.max(0, Math.min(openWindow, SendBuffer.sizeGoal(mss, maxWindow)));
    }

    /**
     * net.core.dev_weight's default (weight_p): the per-CPU backlog that veth's __netif_rx() feeds is a NAPI instance
     * with this weight (net/core/dev.c net_dev_init(): sd->backlog.weight = weight_p), so process_backlog() takes at
     * most this many skbs from it per poll.
     */
    public static final int DEV_WEIGHT = 64;

    /**
     * Payload bytes that can land in the receive queue at once although the reader keeps up on average: what the
     * sender has unacknowledged. veth queues each skb on the sending CPU's backlog (enqueue_to_backlog()); data there
     * is not yet acknowledged, so it is bounded by the sender's send buffer (sk_wmem_queued below sk_sndbuf,
     * tcp_sendmsg_locked()) and by the window the reader advertises when not under pressure; when the receive
     * softirq runs late (deferred to ksoftirqd, or the CPU busy), one poll of up to {@link #DEV_WEIGHT} skbs delivers
     * it together. Measured (Linux 6.18, 4 bulk connections over veth, 2 CPUs): a receive queue that is empty at
     * most samples peaks at 3.2-5.0 MB against the senders' 4 MiB sk_sndbuf. A memory limit below it is reached, and
     * the kernel then refuses the data (tcp_try_rmem_schedule() -> drop, TCPRcvQDrop) and enters pressure.
     *
     * @param senderSndbuf the sender's sk_sndbuf (truesize bytes: an upper bound on its unacknowledged payload)
     */
    public static double burstPayload(int mss, long maxWindow, double unclampedWindow, double senderSndbuf) {
        double batch = (double) DEV_WEIGHT * SendBuffer.sizeGoal(mss, maxWindow);
        return Math.max(0, Math.min(Math.min(unclampedWindow, senderSndbuf), batch));
    }

    /**
     * Where a reader sharing the node with a bulk writer may hold its receive queue, {low, high} truesize bytes: the
     * exchange is CPU-bound, and whether the reader keeps up is a matter of scheduling, which the model does not know.
     * Empty when it has read everything; at most what the sender has unacknowledged, which is in its send queue
     * (data in the per-CPU backlog is not yet acknowledged, so it is below sk_sndbuf + one skb,
     * {@link SendBuffer#stalledWriterQueueBand}), and not more than one skb past the reader's own sk_rcvbuf
     * (tcp_try_rmem_schedule(), net/ipv4/tcp_input.c, prunes or drops once sk_rmem_alloc is past it).
     *
     * @param senderSndbuf the sender's final sk_sndbuf
     * @param sizeGoal     the sender's skb payload (tcp_xmit_size_goal())
     * @param rcvbuf       the reader's final sk_rcvbuf
     */
    public static double[] receiveQueueBand(double senderSndbuf, long sizeGoal, double rcvbuf) {
        return new double[] {0, SendBuffer.oneSkbPast(Math.min(rcvbuf, senderSndbuf), sizeGoal)};
    }

    /**
     * Where a bulk writer facing such a reader may hold its send queue, {low, high} truesize bytes: empty when the
     * reader took and acknowledged everything, at most sk_sndbuf + one skb (tcp_sendmsg_locked() checks sk_sndbuf only
     * before a new skb); the model takes a full sk_sndbuf, the top.
     */
    public static double[] sendQueueBand(double sndbuf, long sizeGoal) {
        return new double[] {0, SendBuffer.oneSkbPast(sndbuf, sizeGoal)};
    }
}
