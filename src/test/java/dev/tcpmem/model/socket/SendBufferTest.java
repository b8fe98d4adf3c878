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

    @Test
    void aStalledPeerTakesItsReceiveBufferLessOneSkbHeadPerGsoSkb() {
        // veth hands over GSO skbs of up to 65536 payload + an 832-byte head (65536 + 832 = 66368 truesize)
        // 16384: one skb, 16384 - 832 = 15552 (the kernel held 14480 payload in r 15528)
        assertThat(SendBuffer.stalledPeerPayload(16384)).isEqualTo(15552);
        // 131072: ceil(131072 / 66368) = 2 skbs, 131072 - 1664 = 129408 (the kernel: 127480 payload in r 129144)
        assertThat(SendBuffer.stalledPeerPayload(131072)).isEqualTo(129408);
        // 87380: 2 skbs, 87380 - 1664 = 85716
        assertThat(SendBuffer.stalledPeerPayload(87380)).isEqualTo(85716);
        assertThat(SendBuffer.stalledPeerPayload(0)).isZero();
    }

    @Test
    void withoutWindowScalingOnlyWholeSegmentsFitTheWindow() {
        // wscale 0 (16 KiB SO_RCVBUF): 15552 / 1448 = 10.7 -> 10 packets (the kernel: 10 segments, 14480 bytes)
        assertThat(SendBuffer.stalledPeerPackets(15552, 0, MSS)).isEqualTo(10);
        // wscale 10: the last, partial segment goes out too: 129024 / 1448 = 89.1 -> 90 (the kernel: 90 packets,
        // 127480 bytes = 88 x 1448 + 56 plus a probe)
        assertThat(SendBuffer.stalledPeerPackets(129024, 10, MSS)).isEqualTo(90);
        // wscale 9, 85716 / 1448 = 59.2 -> 60 (the kernel's BBR cwnd 70 = 10 + 60)
        assertThat(SendBuffer.stalledPeerPackets(85716, 9, MSS)).isEqualTo(60);
    }

    @Test
    void bbrKeepsEveryAcknowledgedPacketInItsCwndCubicStaysAtTheWindow() {
        // bbr_set_cwnd(): cwnd += acked in STARTUP: 10 + 10 = 20, 10 + 90 = 100 (measured 20 and 100)
        assertThat(SendBuffer.stalledPeerCwnd(true, 10)).isEqualTo(20);
        assertThat(SendBuffer.stalledPeerCwnd(true, 90)).isEqualTo(100);
        // cubic grows only while cwnd-limited: the 90 packets the window holds (measured 75-85), never below 10
        assertThat(SendBuffer.stalledPeerCwnd(false, 90)).isEqualTo(90);
        assertThat(SendBuffer.stalledPeerCwnd(false, 4)).isEqualTo(10);
    }

    @Test
    void aWriterWokenAtTwoThirdsOfSndbufRestsInTheMiddleOfItsSawTooth() {
        // bbr, cwnd 100: sk_sndbuf 3 x 100 x 2304 = 691200, first filled at 69120, size_goal 63712, peer took 129024.
        // overshoot (63712 + 832) / 2 = 32272; first fill 69120 + 32272 - 129024 < 2/3 x 691200 = 460800: woken again,
        // so the tooth runs from 460800 to 691200 + 32272: mean (460800 + 723472) / 2 = 592136 (145 pages; measured
        // 632008 = 155 pages, with probe.py's and orphans.py's POLLOUT-driven writers alike)
        assertThat(SendBuffer.stalledWriterQueue(691200, 69120, 129024, 63712)).isEqualTo(592136.0);
        // bbr, cwnd 20 against a 16 KiB peer: 138240, size_goal 7240 (half of 16128 in whole MSS), overshoot 4036:
        // (92160 + 142276) / 2 = 117218 (29 pages; measured 130880 = 32 pages)
        assertThat(SendBuffer.stalledWriterQueue(138240, 69120, 15552, 7240)).isEqualTo(117218.0);
        // a 2 MiB tcp_wmem[2] against an 8 MiB window (peer took ~8.3 MB): (1398101.33 + 2097152 + 32996) / 2, overshoot (65160 + 832) / 2
        assertThat(SendBuffer.stalledWriterQueue(2097152, 69120, 8300000, 65160))
                .isCloseTo(1764124.67, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void aWriterTheWholeWindowCannotBringToTwoThirdsIsNeverWokenAgain() {
        // SO_SNDBUF 1 MiB -> locked 2097152, peer took 129024: 2097152 + 32272 - 129024 = 2000400 > 1398101, so the
        // first fill is the last; half the window was acknowledged after it: 2129424 - 64512 = 2064912 (505 pages;
        // measured 2062680 = 504)
        assertThat(SendBuffer.stalledWriterQueue(2097152, 2097152, 129024, 63712)).isEqualTo(2064912.0);
        // locked 16384 is far below the 129024 the peer takes: woken many times, (10922.67 + 16384 + 32272) / 2
        assertThat(SendBuffer.stalledWriterQueue(16384, 16384, 129024, 63712))
                .isCloseTo(29789.33, org.assertj.core.api.Assertions.within(0.01));
    }
}
