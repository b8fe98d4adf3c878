package dev.tcpmem.model.result;

import dev.tcpmem.kernel.KernelVersion;

import java.util.List;

/** What `evaluate` reports (CONTRACT.md, format tcpmem-result/1). */
public record EvaluationResult(KernelVersion kernel, long pageSize, NodeResult node, List<PodResult> pods,
                               Series series) {

    public static final String FORMAT = "tcpmem-result/1";

    public EvaluationResult {
        pods = List.copyOf(pods);
    }
}
