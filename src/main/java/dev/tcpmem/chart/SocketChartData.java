package dev.tcpmem.chart;

/**
 * What the socket chart draws for one workload (one connection of the group): its buffers and window against
 * the bandwidth-delay product, with the throughput ceiling the window allows.
 */
public record SocketChartData(String title, long rcvbufInitial, long rcvbufMax, long sndbufInitial, long sndbufMax,
                              long windowMax, long memoryPeakPerConnection, long bdpBytes,
                              double throughputCeilingBytesPerSecond, double offeredBytesPerSecond,
                              boolean autotuning) {
}
