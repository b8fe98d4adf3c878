package dev.tcpmem.model.socket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The send-queue rules tcp_notsent_lowat needs, with numbers worked by hand from the kernel rules. */
class SendBufferTest {

    private static final int MSS = 1448; // MTU 1500 - 40 - 12 (timestamps)

    @Test
    void sizeGoalIsHalfThePeersLargestWindowInWholeSegments() {
        // a stalled 128 KiB receiver took 127480 bytes (6.18 recording): 127480 / 2 = 63740 -> 44 x 1448 = 63712
        assertThat(SendBuffer.sizeGoal(MSS, 127480)).isEqualTo(63712);
        // the 64088-byte initial window: 32044 -> 22 x 1448 = 31856
        assertThat(SendBuffer.sizeGoal(MSS, 64088)).isEqualTo(31856);
        // a huge window: GSO's 65536 bounds it, 45 x 1448 = 65160
        assertThat(SendBuffer.sizeGoal(MSS, 8L << 20)).isEqualTo(65160);
        // a window of at most 536 bytes is not halved (tcp_bound_to_half_wnd()); never below one MSS
        assertThat(SendBuffer.sizeGoal(MSS, 500)).isEqualTo(MSS);
    }

    @Test
    void unsentBytesRestInTheMiddleOfTheLastSkb() {
        // lowat 131072, size_goal 63712: the kernel stops in [131072, 194784); the model takes 131072 + 31856
        assertThat(SendBuffer.notsentAtRest(131072, 63712)).isEqualTo(162928.0);
        assertThat(SendBuffer.notsentAtRest(SendBuffer.NOTSENT_LOWAT_UNLIMITED, 63712)).isInfinite();
    }

    @Test
    void queuedBytesAreChargedWithOneSkbHeadPerSizeGoal() {
        // SKB_TRUESIZE(MAX_TCP_HEADER 256) = 256 + 256 + 320 = 832 per skb
        assertThat(SendBuffer.SEND_SKB_HEAD_TRUESIZE).isEqualTo(832);
        // 162928 unsent bytes in skbs of 63712: ceil(2.56) = 3 skbs -> 162928 + 3 x 832 = 165424 (ceil(40.4) = 41 pages;
        // the kernel held 157832 in 3 skbs = 160328 bytes, 40 pages with forward alloc)
        assertThat(SendBuffer.queuedTruesize(162928, 63712)).isEqualTo(165424.0);
        // exactly one full skb, and nothing
        assertThat(SendBuffer.queuedTruesize(63712, 63712)).isEqualTo(64544.0);
        assertThat(SendBuffer.queuedTruesize(0, 63712)).isZero();
    }
}
