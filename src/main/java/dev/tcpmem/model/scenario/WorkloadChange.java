package dev.tcpmem.model.scenario;

import java.util.Optional;

/**
 * The fields a timeline event may set on a workload; empty ones stay as they are. {@code unaccepted} sets how many
 * of the workload's connections wait for accept() (an accept loop that stalls, then catches up); {@code closed}
 * closes that many of its connections with their unsent data still queued: they stay on the node as orphans until
 * the peer takes the data or the kernel gives up on them (for good: a revert does not reopen them).
 */
public record WorkloadChange(Optional<Long> connections, Optional<Rate> inRate, Optional<Rate> outRate,
                             Optional<ReaderBehaviour> reader, Optional<WriterBehaviour> writer,
                             Optional<ReaderBehaviour> peerReader, Optional<Long> unaccepted, Optional<Long> closed) {

    /** A change that closes nothing. */
    public WorkloadChange(Optional<Long> connections, Optional<Rate> inRate, Optional<Rate> outRate,
                          Optional<ReaderBehaviour> reader, Optional<WriterBehaviour> writer,
                          Optional<ReaderBehaviour> peerReader, Optional<Long> unaccepted) {
        this(connections, inRate, outRate, reader, writer, peerReader, unaccepted, Optional.empty());
    }

    /** A change that leaves the accept queue as it is and closes nothing (the format before either). */
    public WorkloadChange(Optional<Long> connections, Optional<Rate> inRate, Optional<Rate> outRate,
                          Optional<ReaderBehaviour> reader, Optional<WriterBehaviour> writer,
                          Optional<ReaderBehaviour> peerReader) {
        this(connections, inRate, outRate, reader, writer, peerReader, Optional.empty(), Optional.empty());
    }

    public static WorkloadChange none() {
        return new WorkloadChange(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether the change sets nothing at all. */
    public boolean isEmpty() {
        return connections.isEmpty() && inRate.isEmpty() && outRate.isEmpty() && reader.isEmpty() && writer.isEmpty()
                && peerReader.isEmpty() && unaccepted.isEmpty() && closed.isEmpty();
    }
}
