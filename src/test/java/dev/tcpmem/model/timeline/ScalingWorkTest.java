package dev.tcpmem.model.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.bench.LargeScenarios;
import dev.tcpmem.model.Fixtures;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.ScenarioEdits;
import dev.tcpmem.model.scenario.Timeline;
import dev.tcpmem.model.scenario.TimelineEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Issue 8's scaling rules as counts of the work the simulation does, not as timings: the work does not depend on the
 * connection count, and grows linearly with workloads and with steps. (JMH measures the times: BENCHMARKS.md.)
 */
class ScalingWorkTest {

    /** tcp_mem far above anything these nodes reach, so limits never change the dynamics between sizes. */
    private static final String ROOMY_TCP_MEM = "1000000000000 2000000000000 3000000000000";

    private static Map<String, String> defaults() {
        Map<String, String> d = Fixtures.defaults515("0 0 0");
        d.remove("net.ipv4.tcp_mem");
        return d;
    }

    private static TimelineSimulation.Work work(Scenario s) {
        return TimelineSimulation.countWork(ScenarioEvaluator.simulationSetup(s, defaults()));
    }

    /** The big node without memory limits and with room in tcp_mem: every connection behaves the same at any size. */
    private static Scenario unlimited(long connections, double seconds) {
        Scenario s = LargeScenarios.node(50, 5, connections, seconds);
        List<Pod> pods = new ArrayList<>();
        for (Pod p : s.pods()) {
            pods.add(new Pod(p.name(), Optional.empty(), Optional.empty(), p.sysctls(), p.workloads()));
        }
        return ScenarioEdits.withNodeSysctl(new Scenario(s.name(), s.description(), s.node(), pods, s.timeline()),
                "net.ipv4.tcp_mem", ROOMY_TCP_MEM);
    }

    /** n copies of one pod, all stalling at the same moment: n times the workloads, nothing else different. */
    private static Scenario replicas(int n, double seconds) {
        Scenario one = unlimited(5 * 4000, seconds);
        Pod template = one.pods().get(1);
        TimelineEvent stall = one.timeline().events().get(1);
        List<Pod> pods = new ArrayList<>();
        List<TimelineEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pods.add(new Pod("replica-" + i, Optional.empty(), Optional.empty(), template.sysctls(), template.workloads()));
            events.add(new TimelineEvent(stall.atSeconds(), "replica-" + i, stall.workload(), stall.set(),
                    stall.forSeconds()));
        }
        return new Scenario("replicas", "", one.node(), pods, new Timeline(seconds, 100, events));
    }

    @Test
    void tenMillionConnectionsTakeExactlyTheWorkOfAThousand() {
        Scenario small = unlimited(1_000, LargeScenarios.TEN_MINUTES);
        Scenario big = unlimited(10_000_000, LargeScenarios.TEN_MINUTES);
        // 250 workloads: 4 and 40,000 connections each
        assertThat(small.pods().get(0).workloads().get(0).connections()).isEqualTo(4);
        assertThat(big.pods().get(0).workloads().get(0).connections()).isEqualTo(40_000);

        TimelineSimulation.Work a = work(small);
        TimelineSimulation.Work b = work(big);
        assertThat(b).isEqualTo(a);
        assertThat(a.steps()).isEqualTo(6_001);
        // something happened: the stalls were simulated, by workload group, not by connection
        assertThat(a.computedSteps()).isGreaterThan(50);
        assertThat(a.workloadUpdates()).isLessThan(a.computedSteps() * 250);

        // the same per-connection story: 10,000 times the connections, 10,000 times the pages at every step
        EvaluationResult rs = ScenarioEvaluator.evaluate(small, defaults());
        EvaluationResult rb = ScenarioEvaluator.evaluate(big, defaults());
        assertThat(rs.node().peakPages()).isPositive();
        assertThat(rb.node().peakPages()).isEqualTo(10_000 * rs.node().peakPages());
        long[] ns = rs.series().nodePages();
        long[] nb = rb.series().nodePages();
        for (int i = 0; i < ns.length; i += 97) {
            assertThat(nb[i]).as("step %d", i).isEqualTo(10_000 * ns[i]);
        }
    }

    @Test
    void workGrowsLinearlyWithWorkloads() {
        TimelineSimulation.Work ten = work(replicas(10, 120));
        TimelineSimulation.Work twoHundred = work(replicas(200, 120));
        // same steps computed; 20 times the workloads recomputed and the pods visited
        assertThat(twoHundred.computedSteps()).isEqualTo(ten.computedSteps());
        assertThat(twoHundred.workloadUpdates()).isEqualTo(20 * ten.workloadUpdates());
        assertThat(twoHundred.podPasses()).isEqualTo(20 * ten.podPasses());
    }

    @Test
    void workGrowsLinearlyWithStepsAndNotAtAllOnceTheNodeSettles() {
        // one queue per pod changes at every step: every step is computed, each with the same bounded work
        TimelineSimulation.Work minute = work(LargeScenarios.node(50, 5, 1_000_000, 60, true));
        TimelineSimulation.Work tenMinutes = work(LargeScenarios.node(50, 5, 1_000_000, 600, true));
        assertThat(minute.steps()).isEqualTo(601);
        assertThat(tenMinutes.steps()).isEqualTo(6_001);
        assertThat(tenMinutes.computedSteps()).isLessThanOrEqualTo(tenMinutes.steps());
        double perStepMinute = (double) minute.workloadUpdates() / minute.steps();
        double perStepTen = (double) tenMinutes.workloadUpdates() / tenMinutes.steps();
        assertThat(perStepTen).isBetween(perStepMinute / 1.5, perStepMinute * 1.5);
        assertThat(perStepTen).isLessThanOrEqualTo(250 + 250);

        // typical: after the last stall ends (about 140 s) nothing changes, so a day costs the steps of ten minutes
        TimelineSimulation.Work typicalTen = work(LargeScenarios.node(50, 5, 1_000_000, LargeScenarios.TEN_MINUTES));
        TimelineSimulation.Work typicalDay = work(LargeScenarios.node(50, 5, 1_000_000, LargeScenarios.ONE_DAY));
        assertThat(typicalDay.steps()).isEqualTo(864_001);
        assertThat(typicalDay.computedSteps()).isEqualTo(typicalTen.computedSteps());
        assertThat(typicalDay.workloadUpdates()).isEqualTo(typicalTen.workloadUpdates());
    }
}
