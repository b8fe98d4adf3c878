package dev.tcpmem.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.QueueBand;
import dev.tcpmem.model.result.WorkloadResult;
import dev.tcpmem.model.scenario.PeerRef;
import dev.tcpmem.model.scenario.Rate;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WriterBehaviour;
import dev.tcpmem.model.socket.SendBuffer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

/**
 * The bands the kernel's rules leave around the model's resting queues (a blocked writer, tcp_notsent_lowat, a
 * CPU-bound reader on the writer's node), worked by hand from the rules in the comments; exact rules give no band.
 */
class RestingQueueBandTest {

    private static final Map<String, String> RMEM = Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456");

    private static Workload bulkWriterTo(String peerPod, String peer, Optional<Bytes> soSndbuf) {
        return new Workload("up", 10, 1, Rate.ZERO, Rate.ZERO, ReaderBehaviour.DRAINS, WriterBehaviour.BULK,
                ReaderBehaviour.DRAINS, Optional.empty(), soSndbuf, 1500, Optional.of(new PeerRef(peerPod, peer)));
    }

    private static Workload reader(ReaderBehaviour how, Optional<Bytes> soRcvbuf) {
        return new Workload("down", 10, 1, Rate.ZERO, Rate.ZERO, how, WriterBehaviour.IDLE,
                ReaderBehaviour.DRAINS, soRcvbuf, Optional.empty(), 1500, Optional.empty());
    }

    private static EvaluationResult evaluate(Map<String, String> writerPod, Workload a, Workload b) {
        Scenario s = Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), Fixtures.timeline(5, 100),
                Fixtures.pod("a", writerPod, a), Fixtures.pod("b", RMEM, b));
        return ScenarioEvaluator.evaluate(s, Fixtures.defaults515("786432 1048576 1572864"));
    }

    @Test
    void aBlockedWritersQueueRestsBetweenTwoThirdsOfItsSendBufferAndOneSkbPastIt() {
        // The pair of PeerAndDerivationTest (5.15, cubic): sk_sndbuf = 2 x 31 x 2304 = 142848, size_goal 21720.
        // low: woken below 2/3 of sk_sndbuf: 95232 bytes -> ceil(23.25) = 24 pages (the first fill, 46080 after the
        //   handshake, less the 43690 bytes the peer took in 3 skbs, 43690 + 3 x 832 = 46186, is below 0: not binding);
        // high: sk_sndbuf + one skb = 142848 + 21720 + 832 = 165400 -> ceil(40.38) = 41 pages. The model's 31 inside.
        EvaluationResult r = evaluate(RMEM, bulkWriterTo("b", "down", Optional.empty()),
                reader(ReaderBehaviour.STALLED, Optional.empty()));
        WorkloadResult writer = r.pods().get(0).workloads().get(0);
        QueueBand b = writer.finalBand().orElseThrow();
        assertThat(b.sendQueueLow()).isEqualTo(95232.0);
        assertThat(b.sendQueueHigh()).isEqualTo(165400.0);
        assertThat(b.receiveQueueLow()).isEqualTo(b.receiveQueueHigh()).isEqualTo(writer.finalReceiveQueueBytes());
        assertThat(b.pagesLow()).isEqualTo(24);
        assertThat(b.pagesHigh()).isEqualTo(41);
        assertThat(writer.finalPagesPerConnection()).isEqualTo(31);
        assertThat(b.why()).contains("sk_stream_write_space()").contains("tcp_sendmsg_locked()");
        // the stalled reader holds its whole sk_rcvbuf: an exact rule, no band
        assertThat(r.pods().get(1).workloads().get(0).finalBand()).isEmpty();
    }

    @Test
    void aWriterNeverWokenAgainRestsBetweenItsFirstFillLessWhatThePeerTookAndOneSkbPastSkSndbuf() {
        // SO_SNDBUF 2 MiB (sk_sndbuf 4194304, locked, so the first fill was made against the final sk_sndbuf) against
        // a peer that took 2 skbs of 63712: the writer is never woken (4194304 - 127424 is far above 2/3 x 4194304 =
        // 2796203). low = 4194304 - (127424 + 2 x 832) = 4065216; high = 4194304 + 63712 + 832 = 4258848.
        double[] b = SendBuffer.stalledWriterQueueBand(4194304, 4194304, 127424, 63712);
        assertThat(b).containsExactly(4065216.0, 4258848.0);
        // the model's expected value, first fill (4194304 + (63712 + 832) / 2 = 4226576) less half the peer's
        // 127424 = 4162864, lies inside
        assertThat(SendBuffer.stalledWriterQueue(4194304, 4194304, 127424, 63712)).isEqualTo(4162864.0);
    }

    @Test
    void underNotsentLowatTheUnsentBytesRestBetweenHalfOfLowatAndOneSkbPastIt() {
        // As above with the writer's pod at tcp_notsent_lowat 65536 (nothing in flight, the stalled peer acknowledged
        // everything): unsent in [65536 / 2, 65536 + 21720) = [32768, 87256) (tcp_stream_memory_free(sk, 1) wakes the
        // writer only when 2 x notsent < lowat). Truesize: low 32768 in ceil(32768 / 21720) = 2 skbs: 32768 + 1664 =
        // 34432 -> ceil(8.41) = 9 pages; high 87256 in ceil(87256 / 21720) = 5 skbs plus the one the closing window
        // split: 87256 + 6 x 832 = 92248 -> ceil(22.52) = 23 pages. Both below the sk_sndbuf band (95232, 165400).
        Map<String, String> lowat = Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456", "net.ipv4.tcp_notsent_lowat",
                "65536");
        EvaluationResult r = evaluate(lowat, bulkWriterTo("b", "down", Optional.empty()),
                reader(ReaderBehaviour.STALLED, Optional.empty()));
        WorkloadResult writer = r.pods().get(0).workloads().get(0);
        QueueBand b = writer.finalBand().orElseThrow();
        assertThat(b.sendQueueLow()).isEqualTo(34432.0);
        assertThat(b.sendQueueHigh()).isEqualTo(92248.0);
        assertThat(b.pagesLow()).isEqualTo(9);
        assertThat(b.pagesHigh()).isEqualTo(23);
        assertThat(writer.finalPagesPerConnection()).isEqualTo(20);
        assertThat(b.why()).contains("tcp_notsent_lowat");
    }

    @Test
    void aReaderOnTheNodeOfABulkWriterHoldsAnythingFromNothingToWhatTheWriterHasUnacknowledged() {
        // Writer SO_SNDBUF 65536 -> sk_sndbuf 131072 (locked); reader SO_RCVBUF 262144 -> sk_rcvbuf 524288 (locked),
        // window 262144 whose half is above GSO's 65536: size_goal 45 x 1448 = 65160.
        // Reader: receive queue in [0, min(524288, 131072) + 65160 + 832] = [0, 197064] -> pages [0, ceil(48.11) = 49].
        // Writer: send queue in [0, 131072 + 65160 + 832] = [0, 197064] -> pages [0, 49]; the model's full sk_sndbuf,
        // 131072 = 32 pages, is inside.
        EvaluationResult r = evaluate(RMEM, bulkWriterTo("b", "down", Optional.of(Bytes.of(65536))),
                reader(ReaderBehaviour.DRAINS, Optional.of(Bytes.of(262144))));
        WorkloadResult writer = r.pods().get(0).workloads().get(0);
        QueueBand wb = writer.finalBand().orElseThrow();
        assertThat(wb.sendQueueLow()).isZero();
        assertThat(wb.sendQueueHigh()).isEqualTo(197064.0);
        assertThat(wb.pagesLow()).isZero();
        assertThat(wb.pagesHigh()).isEqualTo(49);
        assertThat(writer.finalPagesPerConnection()).isEqualTo(32);
        WorkloadResult reader = r.pods().get(1).workloads().get(0);
        QueueBand rb = reader.finalBand().orElseThrow();
        assertThat(rb.receiveQueueLow()).isZero();
        assertThat(rb.receiveQueueHigh()).isEqualTo(197064.0);
        assertThat(rb.pagesLow()).isZero();
        assertThat(rb.pagesHigh()).isEqualTo(49);
        assertThat(rb.pagesInBand(reader.finalPagesPerConnection())).isTrue();
        assertThat(rb.why()).contains("CPU scheduling");
    }

    @Test
    void aReaderDrainingARateLimitedWriterHasNoBand() {
        // a sender at 10 MB/s: the queues are rate x RTT, an exact rule of the model, not a CPU race
        Workload a = new Workload("up", 10, 1, Rate.ZERO, new Rate(10e6), ReaderBehaviour.DRAINS, WriterBehaviour.RATE,
                ReaderBehaviour.DRAINS, Optional.empty(), Optional.empty(), 1500, Optional.of(new PeerRef("b", "down")));
        EvaluationResult r = evaluate(RMEM, a, reader(ReaderBehaviour.DRAINS, Optional.empty()));
        assertThat(r.pods().get(1).workloads().get(0).finalReceiveQueueBytes()).isPositive();
        assertThat(r.pods().get(1).workloads().get(0).finalBand()).isEmpty();
        assertThat(r.pods().get(0).workloads().get(0).finalBand()).isEmpty();
    }
}
