package dev.tcpmem.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * ChartDrawBenchmark's two axis sets compared by the drawing thread's CPU time, interleaved in one JVM (12 rounds of
 * 150 draws each, the order swapped every round): JMH's wall-clock runs of it swung 2-3x either way while other builds
 * shared the two cores. Run: java -cp (jmh class path) dev.tcpmem.bench.ChartDrawCpuTime
 */
public final class ChartDrawCpuTime {

    private ChartDrawCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ChartDrawBenchmark b = new ChartDrawBenchmark();
        String[] axes = {"readable", "jfreechart"};
        for (String a : axes) {
            b.axes = a;
            b.build();
            for (int i = 0; i < 1500; i++) {
                b.nodeChartDrawn();
                b.socketChartDrawn();
            }
        }
        Map<String, List<Double>> ms = new TreeMap<>();
        int n = 150;
        for (int round = 0; round < 12; round++) {
            for (int k = 0; k < 2; k++) {
                b.axes = axes[(round + k) % 2];
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    b.nodeChartDrawn();
                }
                long t1 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    b.socketChartDrawn();
                }
                long t2 = mx.getCurrentThreadCpuTime();
                ms.computeIfAbsent("node chart, " + b.axes + " axes", x -> new ArrayList<>()).add((t1 - t0) / 1e6 / n);
                ms.computeIfAbsent("socket chart, " + b.axes + " axes", x -> new ArrayList<>()).add((t2 - t1) / 1e6 / n);
            }
        }
        b.dispose();
        ms.forEach((k, v) -> {
            Collections.sort(v);
            System.out.printf(Locale.ROOT, "%-30s CPU ms per build and draw: min %.3f, median %.3f, max %.3f%n", k, v.get(0),
                    v.get(v.size() / 2), v.get(v.size() - 1));
        });
    }
}
