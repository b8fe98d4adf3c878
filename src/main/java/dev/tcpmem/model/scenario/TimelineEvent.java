package dev.tcpmem.model.scenario;

import java.util.Optional;

/**
 * At atSeconds, change a workload (for forSeconds, then back; or for good when forSeconds is empty).
 */
public record TimelineEvent(double atSeconds, String pod, String workload, WorkloadChange set,
                            Optional<Double> forSeconds) {
}
