package dev.tcpmem.ui.charts;

import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.sweep.SweepResult;
import dev.tcpmem.model.verdict.Verdict;
import java.util.Optional;

/**
 * One finished evaluation: the scenario it was run on, the model's result, its verdict, the sweep of the last
 * touched input (if any), and how long the model took.
 *
 * @param requestedAtNanos when the edit that asked for it happened (System.nanoTime), for latency figures
 */
public record Evaluation(long generation, Scenario scenario, EvaluationResult result, Verdict verdict,
                         Optional<SweepResult> sweep, SweepTarget sweepTarget, long modelNanos,
                         long requestedAtNanos) {
}
