package dev.tcpmem.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Rate;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.TimelineEvent;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WorkloadChange;
import dev.tcpmem.model.scenario.WriterBehaviour;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class ModelPropertiesTest {

    /** A workload's shape without its connection count. Rates stay below 4 x MSS / RTT so the pressure window clamp
     * does not slow arrivals (with it, the fluid model's one-step lag can cost a page either way). */
    record Shape(double in, double out, ReaderBehaviour reader, WriterBehaviour writer, ReaderBehaviour peerReader,
                 double rttMs, Double stallAt) {
        Workload workload(String name, long conns) {
            return new Workload(name, conns, rttMs, new Rate(in), new Rate(out), reader, writer, peerReader,
                    Optional.empty(), Optional.empty(), 1500, Optional.empty());
        }
    }

    @Provide
    Arbitrary<Shape> shapes() {
        Arbitrary<ReaderBehaviour> readers = Arbitraries.oneOf(Arbitraries.just(ReaderBehaviour.DRAINS),
                Arbitraries.just(ReaderBehaviour.STALLED),
                Arbitraries.doubles().between(1, 200_000).map(r -> new ReaderBehaviour.ReadsAt(new Rate(r))));
        return Combinators.combine(Arbitraries.doubles().between(0, 500_000), Arbitraries.doubles().between(0, 500_000),
                readers, Arbitraries.of(WriterBehaviour.class), readers, Arbitraries.doubles().between(0.5, 5),
                Arbitraries.of(-1.0, 0.0, 2.0, 5.5)).as((in, out, r, w, pr, rtt, stall) ->
                new Shape(in, out, r, w, pr, rtt, stall < 0 ? null : stall));
    }

    /**
     * tcp_mem out of reach of any demand here (25,000 sockets x (6 MiB + 4 MiB) / 4096 = 64 M pages). Monotonicity
     * holds for the buffer and queue rules, not across pressure feedback: the kernel's fair-share rule and the
     * freeze of autotuning under pressure can make more connections or bigger buffers end lower (worked examples
     * in {@link TimelineTest#fairShareCanLowerTheTotalWhenSocketsAreAdded} and
     * {@link TimelineTest#pressureFreezesAutotuningSoABiggerInitialBufferCanEndLower}).
     */
    @Provide
    Arbitrary<String> tcpMemsOutOfReach() {
        return Arbitraries.longs().between(100_000_000L, 400_000_000L).map(p -> (p * 3 / 4) + " " + p + " " + (p * 3 / 2));
    }

    @Provide
    Arbitrary<String> tcpMems() {
        return Arbitraries.longs().between(200, 400_000).map(p -> (p * 3 / 4) + " " + p + " " + (p * 3 / 2));
    }

    private static Scenario scenario(List<Workload> ws, List<Shape> shapes, String rmem, String wmem) {
        List<TimelineEvent> events = new ArrayList<>();
        for (int i = 0; i < ws.size(); i++) {
            if (shapes.get(i).stallAt() != null) {
                events.add(new TimelineEvent(shapes.get(i).stallAt(), "p", ws.get(i).name(),
                        new WorkloadChange(Optional.empty(), Optional.empty(), Optional.empty(),
                                Optional.of(ReaderBehaviour.STALLED), Optional.empty(), Optional.empty()),
                        Optional.of(3.0)));
            }
        }
        Map<String, String> podSys = new HashMap<>();
        podSys.put("net.ipv4.tcp_rmem", rmem);
        podSys.put("net.ipv4.tcp_wmem", wmem);
        return Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), new dev.tcpmem.model.scenario.Timeline(10, 100, events),
                new Pod("p", Optional.empty(), Optional.empty(), podSys, ws));
    }

    private static long peak(Scenario s, String tcpMem) {
        EvaluationResult r = ScenarioEvaluator.evaluate(s, Fixtures.defaults515(tcpMem));
        return r.node().peakPages();
    }

    @Property(tries = 150)
    void moreConnectionsNeverLowerNodePages(@ForAll("shapes") Shape a, @ForAll("shapes") Shape b,
                                            @ForAll @LongRange(min = 0, max = 20_000) long na,
                                            @ForAll @LongRange(min = 0, max = 20_000) long nb,
                                            @ForAll @LongRange(min = 0, max = 5_000) long extra,
                                            @ForAll("tcpMemsOutOfReach") String tcpMem) {
        List<Shape> shapes = List.of(a, b);
        Scenario fewer = scenario(List.of(a.workload("a", na), b.workload("b", nb)), shapes, "4096 87380 6291456",
                "4096 16384 4194304");
        Scenario more = scenario(List.of(a.workload("a", na + extra), b.workload("b", nb)), shapes, "4096 87380 6291456",
                "4096 16384 4194304");
        assertThat(peak(more, tcpMem)).isGreaterThanOrEqualTo(peak(fewer, tcpMem));
    }

    @Property(tries = 150)
    void largerBuffersNeverLowerNodePages(@ForAll("shapes") Shape a, @ForAll @LongRange(min = 1, max = 20_000) long n,
                                          @ForAll @IntRange(min = 4096, max = 1 << 20) int rmem1,
                                          @ForAll @IntRange(min = 0, max = 1 << 20) int more,
                                          @ForAll @IntRange(min = 4096, max = 1 << 20) int wmem1,
                                          @ForAll("tcpMemsOutOfReach") String tcpMem) {
        List<Shape> shapes = List.of(a);
        String rmemMax = " 6291456";
        Scenario small = scenario(List.of(a.workload("a", n)), shapes, "4096 " + rmem1 + rmemMax, "4096 " + wmem1 + " 4194304");
        Scenario large = scenario(List.of(a.workload("a", n)), shapes, "4096 " + (rmem1 + more) + rmemMax,
                "4096 " + (wmem1 + more) + " 4194304");
        assertThat(peak(large, tcpMem)).isGreaterThanOrEqualTo(peak(small, tcpMem));
    }

    @Property(tries = 150)
    void splittingAWorkloadIntoTwoIdenticalHalvesChangesNothing(@ForAll("shapes") Shape a, @ForAll("shapes") Shape b,
                                                                @ForAll @LongRange(min = 0, max = 50_000) long half,
                                                                @ForAll @LongRange(min = 0, max = 20_000) long nb,
                                                                @ForAll("tcpMems") String tcpMem) {
        Scenario whole = scenario(List.of(a.workload("a", 2 * half), b.workload("b", nb)), List.of(a, b),
                "4096 87380 6291456", "4096 16384 4194304");
        Scenario split = scenario(List.of(a.workload("a1", half), a.workload("a2", half), b.workload("b", nb)),
                List.of(a, a, b), "4096 87380 6291456", "4096 16384 4194304");
        EvaluationResult rw = ScenarioEvaluator.evaluate(whole, Fixtures.defaults515(tcpMem));
        EvaluationResult rs = ScenarioEvaluator.evaluate(split, Fixtures.defaults515(tcpMem));
        assertThat(rs.series().nodePages()).containsExactly(rw.series().nodePages());
        assertThat(rs.node().state()).isEqualTo(rw.node().state());
        assertThat(rs.node().firstPressureSeconds()).isEqualTo(rw.node().firstPressureSeconds());
    }

    @Property(tries = 30)
    void noOverflowOnAHugeNode(@ForAll("shapes") Shape a, @ForAll @LongRange(min = 1, max = 10_000_000) long n) {
        // 4 TiB node, tcp_mem from the kernel formula (no tcp_mem in the defaults), buffers up to 1 GiB
        Map<String, String> d = Fixtures.defaults515("0 0 0");
        d.remove("net.ipv4.tcp_mem");
        Scenario s = Fixtures.scenario("6.18", Bytes.gib(4096), Map.of(), new dev.tcpmem.model.scenario.Timeline(10, 100, List.of()),
                new Pod("p", Optional.empty(), Optional.empty(), Map.of("net.ipv4.tcp_rmem", "4096 1073741824 1073741824",
                        "net.ipv4.tcp_wmem", "4096 1073741824 1073741824"),
                        List.of(a.workload("a", n), a.workload("b", 10_000_000))));
        EvaluationResult r = ScenarioEvaluator.evaluate(s, d);
        assertThat(r.node().tcpMem().high()).isPositive();
        assertThat(r.node().peakPages()).isNotNegative();
        assertThat(r.node().finalPages()).isNotNegative().isLessThanOrEqualTo(r.node().peakPages());
        for (long v : r.series().nodePages()) {
            assertThat(v).isNotNegative();
        }
        assertThat(r.pods().get(0).memcg().chargedBytesPeak()).isNotNegative();
        assertThat(r.pods().get(0).workloads().get(0).peakPagesPerConnection()).isNotNegative();
    }
}
