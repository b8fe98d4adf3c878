package dev.tcpmem.model.scenario;

import java.util.Optional;

/** The fields a timeline event may set on a workload; empty ones stay as they are. */
public record WorkloadChange(Optional<Long> connections, Optional<Rate> inRate, Optional<Rate> outRate,
                             Optional<ReaderBehaviour> reader, Optional<WriterBehaviour> writer,
                             Optional<ReaderBehaviour> peerReader) {

    public static WorkloadChange none() {
        return new WorkloadChange(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
