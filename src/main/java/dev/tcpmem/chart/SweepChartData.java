package dev.tcpmem.chart;

import java.util.OptionalDouble;

/**
 * A sweep of one input: the node's peak TCP memory at each value, with tcp_mem's lines and the values at which
 * pressure and high are first crossed.
 *
 * @param parameterInBytes the input is a byte count (tcp_rmem, node memory): its axis ticks at powers of two
 */
public record SweepChartData(String title, String parameterLabel, boolean logScale, double[] parameterValues,
                             double[] peak, String unit, double low, double pressure, double high,
                             OptionalDouble pressureCrossing, OptionalDouble highCrossing, OptionalDouble current,
                             boolean parameterInBytes) {

    /** An input counted in anything but bytes (connections, pages). */
    public SweepChartData(String title, String parameterLabel, boolean logScale, double[] parameterValues,
                          double[] peak, String unit, double low, double pressure, double high,
                          OptionalDouble pressureCrossing, OptionalDouble highCrossing, OptionalDouble current) {
        this(title, parameterLabel, logScale, parameterValues, peak, unit, low, pressure, high, pressureCrossing,
                highCrossing, current, false);
    }
}
