package dev.tcpmem.io.calibration;

import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import java.util.List;

/**
 * What the model says against what the kernel did for one recording of any of the probes: the quantities held to a
 * tolerance ({@link Tolerances}) and the rules that must match exactly.
 */
public sealed interface RecordingComparison permits FidelityComparison, AcceptQueueComparison, OrphanComparison {

    CalibrationRecording recording();

    /** Every quantity held to a tolerance, in a stable order. */
    List<FidelityComparison.Quantity> quantities();

    /** Every rule that must hold exactly, in a stable order. */
    List<FidelityComparison.ExactCheck> exact();

    /** The model run on the recording's scenario(s), compared with it. */
    static RecordingComparison of(CalibrationRecording rec, SysctlCatalog catalog) {
        if (rec instanceof ProbeRecording p) {
            return FidelityComparison.of(p, ScenarioEvaluator.evaluate(p.scenario(), catalog));
        }
        if (rec instanceof AcceptQueueRecording a) {
            return AcceptQueueComparison.of(a, ScenarioEvaluator.evaluate(a.waiting(), catalog),
                    ScenarioEvaluator.evaluate(a.accepted(), catalog));
        }
        OrphanRecording o = (OrphanRecording) rec;
        return OrphanComparison.of(o, ScenarioEvaluator.evaluate(o.scenario(), catalog));
    }

    /** The quantities outside their tolerance. */
    default List<FidelityComparison.Quantity> outOfTolerance() {
        return quantities().stream().filter(q -> !q.within()).toList();
    }

    /** The quantities the model gives a band for (its value there is an expected value). */
    default List<FidelityComparison.Quantity> withBand() {
        return quantities().stream().filter(q -> q.band().isPresent()).toList();
    }

    /** The quantities whose measured value lies in the model's band. */
    default List<FidelityComparison.Quantity> inBand() {
        return quantities().stream().filter(q -> q.inBand().orElse(false)).toList();
    }

    default List<FidelityComparison.ExactCheck> mismatches() {
        return exact().stream().filter(c -> !c.match()).toList();
    }

    /** Every quantity within tolerance and every exact rule matching. */
    default boolean within() {
        return outOfTolerance().isEmpty() && mismatches().isEmpty();
    }
}
