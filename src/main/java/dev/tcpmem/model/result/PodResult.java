package dev.tcpmem.model.result;

import java.util.List;

/**
 * One pod's share of the node's TCP memory.
 *
 * @param pagesAtNodePeak the pod's pages when the node's counter peaked (its share of the peak)
 */
public record PodResult(String name, long peakPages, long finalPages, long pagesAtNodePeak, Memcg memcg,
                        List<WorkloadResult> workloads) {

    public PodResult {
        workloads = List.copyOf(workloads);
    }

    /** Share of the node's peak, 0..1 (0 when the node never held any page). */
    public double shareOfNodePeak(long nodePeakPages) {
        return nodePeakPages <= 0 ? 0 : (double) pagesAtNodePeak / nodePeakPages;
    }

    /**
     * Socket memory charged to the pod's memory cgroup.
     *
     * @param chargedBytesPeak peak socket bytes charged (0 on cgroup v1 without tcpMemoryLimit: not accounted)
     * @param limitBytes       memoryLimit (v2) or tcpMemoryLimit (v1); null when unlimited
     * @param pressureReached  the pod hit its own limit (memcg socket pressure)
     * @param pressureSpans    when the pod's own pressure flag was set, apart from the node's
     */
    public record Memcg(long chargedBytesPeak, Long limitBytes, boolean pressureReached,
                        List<PressureSpan> pressureSpans) {

        public Memcg {
            pressureSpans = List.copyOf(pressureSpans);
        }

        public Memcg(long chargedBytesPeak, Long limitBytes, boolean pressureReached) {
            this(chargedBytesPeak, limitBytes, pressureReached, List.of());
        }
    }

    /** The pod entered its cgroup's socket pressure at startSeconds and left it at endSeconds (null: still in). */
    public record PressureSpan(double startSeconds, Double endSeconds) {
    }
}
