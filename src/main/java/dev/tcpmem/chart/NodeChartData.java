package dev.tcpmem.chart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What the node chart draws: each pod's TCP memory over time (stacked), the three tcp_mem lines, the periods
 * under pressure and over high, and the first crossings. Values are in the chart's unit (pages or bytes).
 *
 * @param podValues  pod name to one value per time point, in stacking order
 * @param pressure   [start, end) intervals in seconds where the node is under pressure
 * @param overHigh   intervals where it is above tcp_mem[2]
 * @param reference  an observed level to draw for comparison (e.g. /proc/net/sockstat of a real node)
 * @param podPressure when a pod was under its own cgroup's pressure, apart from the node's
 * @param othersPods  how many pods the last entry of podValues sums ("32 others"), 0 when every pod has its own
 */
public record NodeChartData(String title, String unit, double[] timeSeconds, Map<String, double[]> podValues,
                            double low, double pressureLine, double high,
                            List<double[]> pressure, List<double[]> overHigh,
                            OptionalDouble firstPressureSeconds, OptionalDouble firstHighSeconds,
                            OptionalDouble reference, List<PodPressure> podPressure, int othersPods) {

    public NodeChartData {
        podValues = new LinkedHashMap<>(podValues);
        pressure = List.copyOf(pressure);
        overHigh = List.copyOf(overHigh);
        podPressure = List.copyOf(podPressure);
    }

    public NodeChartData(String title, String unit, double[] timeSeconds, Map<String, double[]> podValues,
                         double low, double pressureLine, double high, List<double[]> pressure, List<double[]> overHigh,
                         OptionalDouble firstPressureSeconds, OptionalDouble firstHighSeconds, OptionalDouble reference) {
        this(title, unit, timeSeconds, podValues, low, pressureLine, high, pressure, overHigh, firstPressureSeconds,
                firstHighSeconds, reference, List.of(), 0);
    }

    /** A pod under its own memory cgroup's pressure from startSeconds to endSeconds (NaN: to the end). */
    public record PodPressure(String pod, double startSeconds, double endSeconds) {
    }
}
