package dev.tcpmem.model.socket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DrainingReaderTest {

    @Test
    void betweenTwoReadsTheQueueHoldsOneSkbOfSizeGoalNotAWindow() {
        // MSS 1448 against a 30 MB window: size_goal = GSO max 65536 in whole MSS = 45 x 1448 = 65160 bytes,
        // far below the 30 MB window a fluid "one RTT of arrivals" would queue
        assertThat(DrainingReader.queuedPayload(1448, 30_000_000, 30_000_000)).isEqualTo(65160);
        // a small window bounds the skb: half of 15000 = 7500 -> 5 x 1448 = 7240
        assertThat(DrainingReader.queuedPayload(1448, 15000, 15000)).isEqualTo(7240);
        // under memory pressure the window is clamped to 4 x advmss = 5792 while the sender's size_goal still
        // follows the largest window it saw: the open window is what arrives
        assertThat(DrainingReader.queuedPayload(1448, 30_000_000, 5792)).isEqualTo(5792);
        assertThat(DrainingReader.queuedPayload(1448, 30_000_000, 0)).isEqualTo(0);
    }

    @Test
    void aBurstIsWhatTheSenderHasUnacknowledgedBoundedByTheWindowAndOneBacklogPoll() {
        // sender at tcp_wmem[2] = 4 MiB, window 30 MB: one poll of 64 skbs x 65160 = 4170240 < 4194304
        assertThat(DrainingReader.burstPayload(1448, 30_000_000, 30_000_000, 4_194_304)).isEqualTo(4_170_240);
        // a sender still at its initial bbr sk_sndbuf of 3 x 10 x 2304 = 69120 bytes cannot have more unacknowledged
        assertThat(DrainingReader.burstPayload(1448, 30_000_000, 30_000_000, 69_120)).isEqualTo(69_120);
        // a 128 KiB window (131072 truesize -> ~64 KiB window at adv_win_scale 1) bounds it: 65536
        assertThat(DrainingReader.burstPayload(1448, 65536, 65536, 4_194_304)).isEqualTo(65536);
    }
}
