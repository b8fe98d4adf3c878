package dev.tcpmem.io.calibration;

import dev.tcpmem.io.calibration.FidelityComparison.ExactCheck;
import dev.tcpmem.io.calibration.FidelityComparison.Kind;
import dev.tcpmem.io.calibration.FidelityComparison.Quantity;
import dev.tcpmem.model.result.AcceptQueueResult;
import dev.tcpmem.model.result.EvaluationResult;
import java.util.List;

/**
 * The model against an accept_queue.py recording. Exact: how many connections the accept queue holds
 * (min(backlog, somaxconn) + 1) and that the cgroup pays nothing until accept(). Within ±10 %
 * ({@link Tolerances#ACCEPT_QUEUE_RELATIVE}): pages per waiting socket and the cgroup's TCP usage once accept() has
 * charged them.
 *
 * @param waiting  the model with every connection waiting for accept()
 * @param accepted the model once the server has accepted what the queue held
 */
public record AcceptQueueComparison(AcceptQueueRecording recording, EvaluationResult waiting,
                                    EvaluationResult accepted, Quantity pagesPerWaitingSocket,
                                    Quantity usageAfterAccept, ExactCheck queued, ExactCheck usageWhileWaiting)
        implements RecordingComparison {

    public static AcceptQueueComparison of(AcceptQueueRecording rec, EvaluationResult waiting,
                                           EvaluationResult accepted) {
        AcceptQueueResult q = waiting.pods().get(0).workloads().get(0).acceptQueue().orElseThrow();
        long chargedWaiting = waiting.pods().get(0).memcg().chargedBytesPeak();
        double pages = rec.measuredPagesPerSocket();
        double usage = rec.measuredUsageAccepted();
        return new AcceptQueueComparison(rec, waiting, accepted,
                new Quantity("pages per waiting socket", Kind.WAITING_SOCKET_PAGES, pages, q.peakPagesPerConnection(),
                        Tolerances.waitingSocketPages(pages)),
                new Quantity("cgroup TCP usage after accept() (bytes)", Kind.ACCEPTED_USAGE, usage,
                        accepted.pods().get(0).memcg().chargedBytesPeak(), Tolerances.acceptedUsageBytes(usage)),
                new ExactCheck("queued", "connections established in the accept queue",
                        Long.toString(rec.measuredQueued()), Long.toString(q.queued()),
                        rec.measuredQueued() == q.queued()),
                new ExactCheck("usageWhileWaiting", "cgroup TCP usage while waiting (bytes)",
                        Long.toString(rec.measuredUsageWaiting()), Long.toString(chargedWaiting),
                        rec.measuredUsageWaiting() == chargedWaiting));
    }

    @Override
    public List<Quantity> quantities() {
        return List.of(pagesPerWaitingSocket, usageAfterAccept);
    }

    @Override
    public List<ExactCheck> exact() {
        return List.of(queued, usageWhileWaiting);
    }
}
