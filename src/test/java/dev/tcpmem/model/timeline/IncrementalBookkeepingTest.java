package dev.tcpmem.model.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.model.Fixtures;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.PeerRef;
import dev.tcpmem.model.scenario.Rate;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Timeline;
import dev.tcpmem.model.scenario.TimelineEvent;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WorkloadChange;
import dev.tcpmem.model.scenario.WriterBehaviour;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulation recomputes only workloads whose inputs changed and keeps page totals incrementally; recomputing
 * everything at every step must give exactly the same series.
 */
class IncrementalBookkeepingTest {

    record W(long conns, double in, double out, ReaderBehaviour reader, WriterBehaviour writer, ReaderBehaviour peerReader,
             double rtt, boolean peered, Double stallAt, Long rampTo) {
    }

    @Provide
    Arbitrary<W> workloads() {
        Arbitrary<ReaderBehaviour> readers = Arbitraries.oneOf(Arbitraries.just(ReaderBehaviour.DRAINS),
                Arbitraries.just(ReaderBehaviour.STALLED),
                Arbitraries.doubles().between(1, 2_000_000).map(r -> new ReaderBehaviour.ReadsAt(new Rate(r))));
        return Combinators.combine(Arbitraries.longs().between(0, 5000), Arbitraries.doubles().between(0, 5_000_000),
                Arbitraries.doubles().between(0, 5_000_000), readers, Arbitraries.of(WriterBehaviour.class), readers,
                Arbitraries.doubles().between(0.1, 50), Arbitraries.of(true, false)).flatAs((c, in, out, r, w, pr, rtt, peered) ->
                Combinators.combine(Arbitraries.of(-1.0, 0.0, 1.5, 4.0), Arbitraries.longs().between(-1, 8000))
                        .as((stall, ramp) -> new W(c, in, out, r, w, pr, rtt, peered, stall < 0 ? null : stall,
                                ramp < 0 ? null : ramp)));
    }

    @Provide
    Arbitrary<List<W>> workloadLists() {
        return workloads().list().ofMinSize(1).ofMaxSize(9);
    }

    @Property(tries = 300)
    void incrementalEqualsFullRecompute(@ForAll("workloadLists") List<W> ws, @ForAll @LongRange(min = 50, max = 200_000) long pressure,
                                        @ForAll @IntRange(min = 0, max = 2) int cgroupCase,
                                        @ForAll @LongRange(min = 1, max = 100_000) long limitPages) {
        List<Pod> pods = new ArrayList<>();
        List<TimelineEvent> events = new ArrayList<>();
        int perPod = 3;
        for (int p = 0; p * perPod < ws.size(); p++) {
            List<Workload> list = new ArrayList<>();
            for (int i = p * perPod; i < Math.min(ws.size(), (p + 1) * perPod); i++) {
                W w = ws.get(i);
                Optional<PeerRef> peer = w.peered() && i > 0 ? Optional.of(new PeerRef("pod" + ((i - 1) / perPod), "w" + (i - 1)))
                        : Optional.empty();
                list.add(new Workload("w" + i, w.conns(), w.rtt(), new Rate(w.in()), new Rate(w.out()), w.reader(), w.writer(),
                        w.peerReader(), Optional.empty(), Optional.empty(), 1500, peer));
                if (w.stallAt() != null) {
                    events.add(new TimelineEvent(w.stallAt(), "pod" + p, "w" + i, new WorkloadChange(Optional.empty(),
                            Optional.empty(), Optional.empty(), Optional.of(ReaderBehaviour.STALLED), Optional.empty(),
                            Optional.of(ReaderBehaviour.STALLED)), Optional.of(2.0)));
                }
                if (w.rampTo() != null) {
                    events.add(new TimelineEvent(3, "pod" + p, "w" + i, new WorkloadChange(Optional.of(w.rampTo()),
                            Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(WriterBehaviour.BULK),
                            Optional.empty()), Optional.empty()));
                }
            }
            Optional<Bytes> mem = cgroupCase == 1 ? Optional.of(Bytes.of(limitPages * 4096)) : Optional.empty();
            Optional<Bytes> tcp = cgroupCase == 2 ? Optional.of(Bytes.of(limitPages * 4096)) : Optional.empty();
            pods.add(new Pod("pod" + p, mem, tcp, p % 2 == 0 ? Map.of("net.ipv4.tcp_rmem", "4096 87380 16777216") : Map.of(), list));
        }
        Scenario s = new Scenario("t", "", new dev.tcpmem.model.scenario.Node(Bytes.gib(64), 8,
                dev.tcpmem.kernel.KernelVersion.of(cgroupCase == 0 ? 6 : 5, cgroupCase == 0 ? 12 : 10),
                cgroupCase == 2 ? dev.tcpmem.model.scenario.CgroupVersion.V1 : dev.tcpmem.model.scenario.CgroupVersion.V2,
                Map.of()), pods, new Timeline(8, 100, events));
        TimelineSimulation.Setup setup = ScenarioEvaluator.simulationSetup(s,
                Fixtures.defaults515((pressure * 3 / 4) + " " + pressure + " " + (pressure * 3 / 2)));
        TimelineSimulation.Output fast = TimelineSimulation.run(setup);
        TimelineSimulation.Output full = TimelineSimulation.runRecomputingEverything(setup);
        assertThat(fast.nodePages()).containsExactly(full.nodePages());
        for (int p = 0; p < fast.podPages().length; p++) {
            assertThat(fast.podPages()[p]).containsExactly(full.podPages()[p]);
        }
        assertThat(fast.worst()).isEqualTo(full.worst());
        // Page series and states agree exactly, so the crossing is found in the same step. Inside that step the
        // time comes from bisection, and the incremental path takes unchanged workloads at their settled pages
        // while the full path interpolates them: seeds found the two up to 0.038 s apart (known issue, noted on
        // issue 3). So the times must agree to within one step (100 ms here), not to the bit.
        assertSameTime(fast.firstPressureSeconds(), full.firstPressureSeconds());
        assertSameTime(fast.firstHighSeconds(), full.firstHighSeconds());
        assertThat(fast.workloadPeakPagesPerConn()).containsExactly(full.workloadPeakPagesPerConn());
        assertThat(fast.workloadFinalPages()).containsExactly(full.workloadFinalPages());
    }

    /**
     * A case the property found (seed 49006301531059347): an event lowers the connections so that the node's total
     * falls from just above tcp_mem[2] (86 pages, high 85) to exactly it, and no workload's per-connection state
     * changes in that step. The next step sees the node no longer above tcp_mem[2] and grants what it refused; the
     * incremental run took the step as quiet and skipped the steps up to the next event (85 pages where the full
     * recompute had 170 from 3.1 to 3.4 s).
     */
    @Example
    void aStepThatMovesTheTotalAcrossTcpMemHighIsNotQuiet() {
        Workload w = new Workload("w0", 86, 0.1, new Rate(0.01), new Rate(0.0), ReaderBehaviour.DRAINS,
                WriterBehaviour.BULK, ReaderBehaviour.DRAINS, Optional.empty(), Optional.empty(), 1500, Optional.empty());
        List<TimelineEvent> events = List.of(
                new TimelineEvent(1.5, "pod0", "w0", new WorkloadChange(Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.of(ReaderBehaviour.STALLED), Optional.empty(),
                        Optional.of(ReaderBehaviour.STALLED)), Optional.of(2.0)),
                new TimelineEvent(3, "pod0", "w0", new WorkloadChange(Optional.of(85L), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of(WriterBehaviour.BULK), Optional.empty()),
                        Optional.empty()));
        Scenario s = new Scenario("t", "", new dev.tcpmem.model.scenario.Node(Bytes.gib(64), 8,
                dev.tcpmem.kernel.KernelVersion.of(6, 12), dev.tcpmem.model.scenario.CgroupVersion.V2, Map.of()),
                List.of(new Pod("pod0", Optional.empty(), Optional.empty(),
                        Map.of("net.ipv4.tcp_rmem", "4096 87380 16777216"), List.of(w))),
                new Timeline(8, 100, events));
        TimelineSimulation.Setup setup = ScenarioEvaluator.simulationSetup(s, Fixtures.defaults515("42 57 85"));
        TimelineSimulation.Output fast = TimelineSimulation.run(setup);
        TimelineSimulation.Output full = TimelineSimulation.runRecomputingEverything(setup);
        assertThat(fast.nodePages()[31]).isEqualTo(85); // the step from 3.0 s, the event's: 85 connections
        assertThat(fast.nodePages()).containsExactly(full.nodePages());
        assertThat(fast.workloadFinalPages()).containsExactly(full.workloadFinalPages());
    }

    private static void assertSameTime(Double a, Double b) {
        if (a == null || b == null) {
            assertThat(a).isEqualTo(b);
        } else {
            assertThat(a).isCloseTo(b, org.assertj.core.data.Offset.offset(0.1));
        }
    }
}
