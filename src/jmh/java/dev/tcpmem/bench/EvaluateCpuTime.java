package dev.tcpmem.bench;

import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.scenario.Scenario;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * CPU time of the evaluating thread per evaluation, beside JMH's wall-clock figures: on a VM whose two cores are
 * shared with other builds, wall-clock time also counts the time spent waiting for a core; thread CPU time does not.
 * Same nodes and call as EvaluateBenchmark; 10 s of warm-up runs per node (C2 keeps recompiling the simulation for
 * 6-7 s on 2 cores; 1,500 runs left it half compiled), then p50 / p95 of 500. Run by tools/bench/jmh.sh.
 */
public final class EvaluateCpuTime {

    private EvaluateCpuTime() {
    }

    public static void main(String[] args) {
        SysctlCatalog catalog = SysctlCatalog.bundled();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int[][] shapes = {{1, 1, 1000}, {50, 5, 1_000_000}, {200, 5, 1_000_000}};
        for (int[] shape : shapes) {
            Scenario s = LargeScenarios.node(shape[0], shape[1], shape[2], LargeScenarios.TEN_MINUTES);
            long warmUntil = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < warmUntil) {
                ScenarioEvaluator.evaluate(s, catalog);
            }
            long[] cpu = new long[500];
            for (int i = 0; i < cpu.length; i++) {
                long t0 = mx.getCurrentThreadCpuTime();
                ScenarioEvaluator.evaluate(s, catalog);
                cpu[i] = mx.getCurrentThreadCpuTime() - t0;
            }
            Arrays.sort(cpu);
            System.out.printf(Locale.ROOT, "evaluate %dx%d/%d: thread CPU per evaluation p50 %.3f ms, p95 %.3f ms%n",
                    shape[0], shape[1], shape[2], cpu[cpu.length / 2] / 1e6, cpu[cpu.length * 95 / 100] / 1e6);
        }
    }
}
