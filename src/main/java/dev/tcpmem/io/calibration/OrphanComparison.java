package dev.tcpmem.io.calibration;

import dev.tcpmem.io.calibration.FidelityComparison.ExactCheck;
import dev.tcpmem.io.calibration.FidelityComparison.Kind;
import dev.tcpmem.io.calibration.FidelityComparison.Quantity;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.OrphanResult;
import java.util.List;

/**
 * The model against an orphans.py recording. Exact: how many orphans there were at the first sample after close().
 * Within tolerance: the send queue an orphan keeps (±10 %, {@link Tolerances#ORPHAN_PAGES_RELATIVE}) and how long
 * until the kernel dropped them (±3 %, {@link Tolerances#ORPHAN_LIFETIME_RELATIVE}).
 *
 * @param orphans the model's orphans: the client's workload once the timeline closed its connections
 */
public record OrphanComparison(OrphanRecording recording, EvaluationResult result, OrphanResult orphans,
                               Quantity pagesPerOrphan, Quantity lifetimeSeconds, ExactCheck orphansAtClose)
        implements RecordingComparison {

    public static OrphanComparison of(OrphanRecording rec, EvaluationResult r) {
        OrphanResult o = r.pods().get(0).workloads().get(0).orphans().orElseThrow();
        double pages = rec.measuredPagesPerOrphan();
        double gone = rec.measuredLifetimeSeconds();
        return new OrphanComparison(rec, r, o,
                new Quantity("send queue per orphan (pages)", Kind.ORPHAN_PAGES, pages, o.peakPagesPerOrphan(),
                        Tolerances.orphanPages(pages)),
                new Quantity("seconds until dropped", Kind.ORPHAN_LIFETIME, gone, o.lifetimeSeconds(),
                        Tolerances.orphanLifetimeSeconds(gone)),
                new ExactCheck("orphans", "orphans right after close()", Long.toString(rec.measuredOrphans()),
                        Long.toString(o.peakOrphans()), rec.measuredOrphans() == o.peakOrphans()));
    }

    @Override
    public List<Quantity> quantities() {
        return List.of(pagesPerOrphan, lifetimeSeconds);
    }

    @Override
    public List<ExactCheck> exact() {
        return List.of(orphansAtClose);
    }
}
