package dev.tcpmem.io.calibration;

import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.model.scenario.Scenario;
import java.util.List;

/**
 * One recording of tools/calibrate/accept_queue.py: a listener in a cgroup-v1 memory cgroup (with its own TCP limit)
 * that does not accept, clients over a veth pair writing until full; measured while the connections wait and again
 * once the server has accepted them. {@link AcceptQueueRecordingReader} maps it to two scenarios (the mapping is
 * documented there); {@link AcceptQueueComparison} holds the model to it.
 *
 * @param connections            the connections the client opened
 * @param backlog                the listener's listen() backlog
 * @param somaxconn              net.core.somaxconn in the server's namespace
 * @param measuredQueued         connections established in the accept queue while nothing was accepted
 * @param measuredPagesPerSocket their mean skmem (r + w + f) in pages
 * @param measuredUsageWaiting   the cgroup's memory.kmem.tcp.usage_in_bytes while they waited
 * @param measuredUsageAccepted  the same once the server had accepted them all
 * @param waiting                the case as the model's input: every connection still waiting for accept()
 * @param accepted               the same once accepted: the connections the queue held, the server reading nothing
 */
public record AcceptQueueRecording(String source, String name, String kernelRelease, KernelVersion profile,
                                   List<String> notes, long connections, long backlog, long somaxconn,
                                   long measuredQueued, double measuredPagesPerSocket, long measuredUsageWaiting,
                                   long measuredUsageAccepted, Scenario waiting, Scenario accepted)
        implements CalibrationRecording {

    public AcceptQueueRecording {
        notes = List.copyOf(notes);
    }
}
