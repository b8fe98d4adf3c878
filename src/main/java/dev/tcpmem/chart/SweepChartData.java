package dev.tcpmem.chart;

import java.util.OptionalDouble;

/**
 * A sweep of one input: the node's peak TCP memory at each value, with tcp_mem's lines and the values at which
 * pressure and high are first crossed.
 */
public record SweepChartData(String title, String parameterLabel, boolean logScale, double[] parameterValues,
                             double[] peak, String unit, double low, double pressure, double high,
                             OptionalDouble pressureCrossing, OptionalDouble highCrossing, OptionalDouble current) {
}
