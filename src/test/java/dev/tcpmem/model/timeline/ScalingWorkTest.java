package dev.tcpmem.model.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.bench.LargeScenarios;
import dev.tcpmem.model.Fixtures;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.Scenario;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Issue 8's scaling rules as counts of the work the simulation does, not as timings: the work does not depend on the
 * connection count, and grows linearly with workloads and with steps. (JMH measures the times: BENCHMARKS.md.)
 */
class ScalingWorkTest {

    private static Map<String, String> defaults() {
        Map<String, String> d = Fixtures.defaults515("0 0 0");
        d.remove("net.ipv4.tcp_mem");
        return d;
    }

    private static TimelineSimulation.Work work(Scenario s) {
        return TimelineSimulation.countWork(ScenarioEvaluator.simulationSetup(s, defaults()));
    }

    private static Scenario unlimited(long connections, double seconds) {
        return LargeScenarios.roomy(LargeScenarios.node(50, 5, connections, seconds));
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
        TimelineSimulation.Work ten = work(LargeScenarios.replicas(10, 4000, 120));
        TimelineSimulation.Work twoHundred = work(LargeScenarios.replicas(200, 4000, 120));
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
