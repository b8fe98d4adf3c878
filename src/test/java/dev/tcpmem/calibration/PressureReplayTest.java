package dev.tcpmem.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tcpmem.io.calibration.FidelityComparison;
import dev.tcpmem.io.calibration.ProbeRecording;
import dev.tcpmem.io.calibration.Tolerances;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.PodResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Replays the recordings the probe made inside its own cgroup-v1 memory cgroup (memory.kmem.tcp.limit_in_bytes set on
 * the receiving or sending pod; Linux 6.18.44) and holds the model's pressure behaviour to them: per-socket receive
 * queue (ss skmem r, mean over the group's sockets), send queue (skmem w) and the cgroup's TCP usage
 * (memory.kmem.tcp.usage_in_bytes) against the model's per-connection queues and the pod's pages, within
 * {@link Tolerances#queueBytes} / {@link Tolerances#usagePages} (±15 %; the reasons are written there), the same
 * comparison the {@code fidelity} command makes ({@link FidelityComparison}).
 *
 * <p>The same checks run on the control cases of the same probe without a limit (the kernel then does not account
 * the sockets to the cgroup at all: usage 0) and with a limit far above what they hold.
 */
class PressureReplayTest {

    /** Cases the model does not match yet, with measured vs modelled numbers and why (asserted still out). */
    static final Map<String, CalibrationReplayTest.KnownOut> KNOWN_OUT = Map.of(
            "veth-memcg-draining-bulk-4-limit-1m", new CalibrationReplayTest.KnownOut("the pod's 1 MiB limit is"
                    + " below what the senders can have unacknowledged (a burst of up to their sk_sndbuf lands at once"
                    + " when the receive softirq runs late, DrainingReader.burstPayload), so the kernel refused receives"
                    + " (TCPRcvQDrop 465, PruneCalled 599), set the pod's pressure and clamped every window to 4 x advmss"
                    + " (rcv_ssthresh 5792); the model does the same (pressure yes / yes; receive queue one clamped skb,"
                    + " within one skb of the measured 0). Out: (1) the cgroup's usage, 18.8 pages on average = 0 at every"
                    + " sample but one (245), against the model's 8 (one 5792-byte skb per socket, 2 pages): whether a"
                    + " sample catches an skb in flight is chance (a re-recording averaged 0); (2) the senders, outside"
                    + " the cgroup, grew sk_sndbuf to 2.4-4.2 MB because BBR's cwnd kept growing past the clamped 6 KiB"
                    + " window and sit full behind blocked writers (w 2.94 MB; re-recording 2.56 MB); the model's sender"
                    + " grows its buffer from cwnd = peer window / MSS only while the window is open, to 1347840 bytes"
                    + " (3 x 195 x 2304) before the pod's pressure clamps it (issue 4: a cwnd is not the peer's window).",
                    dev("draining/client w", 2939634.462, 1347840), dev("memcg", 18.846, 8)),
            "veth-memcg-draining-bulk-4-nolimit", new CalibrationReplayTest.KnownOut("the control of the case above:"
                    + " no limit, so nothing is accounted to the cgroup (0 = 0). Its queues are CPU-bound like"
                    + " veth-defaults-draining-bulk-4's: here the receive queue's median is 4.9 KB and its mean 1.58 MB"
                    + " (the reader fell behind by up to 11.3 MB), the send queue's median 0 and mean 1.55 MB; the model"
                    + " assumes a reader that keeps up (one 65160-byte skb, 65987 truesize bytes) and a writer that keeps"
                    + " its 4 MiB sk_sndbuf full.",
                    dev("draining/server r", 1579734.6, 65987.2), dev("draining/client w", 1547126.8, 4194304)));

    private static CalibrationReplayTest.Deviation dev(String what, double measured, double modelled) {
        return new CalibrationReplayTest.Deviation(what, measured, modelled);
    }

    static Stream<Path> recordings() {
        return Recordings.memcgFiles();
    }

    static boolean queueWithin(double measured, double model) {
        return Tolerances.within(measured, model, Tolerances.queueBytes(measured));
    }

    /** The pod the probe's cgroup held, in the model's result. */
    static PodResult memcgPod(ProbeRecording rec, EvaluationResult r) {
        return rec.memcgPodIn(r).orElseThrow();
    }

    static double modelledUsagePages(ProbeRecording rec, EvaluationResult r) {
        return FidelityComparison.modelledUsagePages(memcgPod(rec, r));
    }

    /** Receive and send queues of every end and the cgroup's usage outside tolerance, as the fidelity command finds them. */
    static List<CalibrationReplayTest.Deviation> outOfTolerance(ProbeRecording rec, EvaluationResult r) {
        return FidelityComparison.of(rec, r).outOfTolerance().stream().filter(q -> !q.kind().steady())
                .map(q -> dev(q.what(), q.measured(), q.modelled())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void queuesAndCgroupUsageWithinToleranceOrListedAsKnownOut(Path file) {
        ProbeRecording rec = Recordings.load(file);
        List<CalibrationReplayTest.Deviation> out = outOfTolerance(rec, Recordings.evaluate(rec));
        CalibrationReplayTest.KnownOut known = KNOWN_OUT.get(rec.name());
        if (known == null) {
            assertThat(out).as(rec.name() + " out of tolerance").isEmpty();
            return;
        }
        assertThat(out.stream().map(CalibrationReplayTest.Deviation::what).toList())
                .as(rec.name() + " is in KNOWN_OUT (" + known.reason() + "); if the model now matches, remove it")
                .containsExactlyElementsOf(known.deviations().stream().map(CalibrationReplayTest.Deviation::what).toList());
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i).measured()).as(rec.name() + " " + out.get(i).what() + " measured")
                    .isCloseTo(known.deviations().get(i).measured(), within(0.05));
            assertThat(out.get(i).modelled()).as(rec.name() + " " + out.get(i).what() + " modelled")
                    .isCloseTo(known.deviations().get(i).modelled(), within(0.05));
        }
    }

    /**
     * The kernel accounts sockets to a v1 cgroup only once its kmem.tcp limit is set (memcg_update_tcp_max() sets
     * tcpmem_active, mm/memcontrol-v1.c): the no-limit controls show usage 0, and the model does not account them.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void accountedExactlyWhenALimitIsSet(Path file) {
        ProbeRecording rec = Recordings.load(file);
        PodResult p = memcgPod(rec, Recordings.evaluate(rec));
        ProbeRecording.Memcg m = rec.memcg().orElseThrow();
        boolean limitSet = m.tcpLimitBytes().isPresent();
        assertThat(m.steadyMaxUsageBytes() > 0).as(rec.name() + " kernel accounted")
                .isEqualTo(limitSet);
        assertThat(p.memcg().chargedBytesPeak() > 0).as(rec.name() + " model accounted").isEqualTo(limitSet);
    }

    /**
     * The pod's own pressure: the model says it reached pressure exactly when the kernel's peak usage reached the
     * limit, and then every stalled receiver of the pod has its window clamped: rcv_ssthresh <= 4 x advmss
     * (tcp_adjust_rcv_ssthresh() under tcp_under_memory_pressure(), which is true for the socket's memcg's
     * tcpmem_pressure), while without pressure the kernel's rcv_ssthresh is above it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void pressureWhenTheKernelReachedTheLimitAndThenWindowsAreClamped(Path file) {
        ProbeRecording rec = Recordings.load(file);
        PodResult p = memcgPod(rec, Recordings.evaluate(rec));
        ProbeRecording.Memcg m = rec.memcg().orElseThrow();
        boolean reached = m.steadyMaxUsageBytes() >= m.steadyLimitBytes();
        assertThat(p.memcg().pressureReached()).as(rec.name() + " pod pressure").isEqualTo(reached);
        assertThat(p.memcg().pressureSpans().isEmpty()).as(rec.name() + " pressure spans").isEqualTo(!reached);
        for (ProbeRecording.Group g : rec.groups()) {
            for (ProbeRecording.End e : g.ends()) {
                if (!e.pod().equals(p.name()) || !"stalled-reader".equals(g.pattern()) || e != g.server()) {
                    continue;
                }
                long clamp = 4 * e.max("advmss");
                if (reached) {
                    assertThat(e.max("rcv_ssthresh")).as(rec.name() + " rcv_ssthresh under the pod's pressure")
                            .isLessThanOrEqualTo(clamp);
                } else {
                    assertThat(e.min("rcv_ssthresh")).as(rec.name() + " rcv_ssthresh without pressure").isGreaterThan(clamp);
                }
            }
        }
    }

    /**
     * Forced charges: the cgroup's usage may exceed its limit. A receiver refused with an empty queue still takes
     * its first skb (tcp_data_queue() -> sk_forced_mem_schedule(), page_counter_charge() past the limit); where the
     * stalled receivers' cgroup went over, the model goes over too. (A refused sender's one forced skb,
     * __sk_mem_raise_allocated() with __GFP_NOFAIL after sk_stream_moderate_sndbuf(), is not modelled: 95 pages over
     * 4096 in veth-memcg-bulk-stalled-peer-100-limit-16m, -2.3 % on the usage.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void usageAboveTheLimitOnlyByForcedCharges(Path file) {
        ProbeRecording rec = Recordings.load(file);
        ProbeRecording.Memcg m = rec.memcg().orElseThrow();
        if (m.tcpLimitBytes().isEmpty() || rec.draining()
                || rec.groups().stream().noneMatch(g -> "stalled-reader".equals(g.pattern()))) {
            return;
        }
        EvaluationResult r = Recordings.evaluate(rec);
        double limitPages = m.tcpLimitBytes().get() / 4096.0;
        double over = rec.measuredMemcgPages() - limitPages;
        double modelOver = modelledUsagePages(rec, r) - limitPages;
        if (over > 0) {
            assertThat(modelOver).as(rec.name() + " pages over the limit (kernel " + over + ")").isPositive();
        }
    }

    /**
     * Issue 4's rules hold for these recorded cases too (the fidelity command holds every case to them): the exact
     * rules (getsockopt, buffer locks, window scale) match in all, and pages per socket and node pages are within
     * ±10 % in every case not listed in KNOWN_OUT.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void exactRulesAndPagesHoldAsInEveryRecordedCase(Path file) {
        ProbeRecording rec = Recordings.load(file);
        FidelityComparison c = FidelityComparison.of(rec, Recordings.evaluate(rec));
        assertThat(c.mismatches()).as(rec.name() + " exact rules").isEmpty();
        if (!KNOWN_OUT.containsKey(rec.name())) {
            assertThat(c.outOfTolerance()).as(rec.name() + " out of tolerance").isEmpty();
        }
    }

    @Test
    void everyKnownOutEntryIsAPressureRecording() {
        List<String> names = Recordings.memcgFiles().map(p -> p.getFileName().toString().replace(".json", "")).toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(8);
        assertThat(names).containsAll(KNOWN_OUT.keySet());
    }
}
