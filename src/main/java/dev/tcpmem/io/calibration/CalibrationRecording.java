package dev.tcpmem.io.calibration;

import dev.tcpmem.kernel.KernelVersion;
import java.util.List;

/**
 * A recording of one of the project's probes under tools/calibrate/, read and mapped to model scenarios:
 * {@link ProbeRecording} (probe.py: steady state and memory-cgroup pressure), {@link AcceptQueueRecording}
 * (accept_queue.py: connections waiting for accept()) and {@link OrphanRecording} (orphans.py: connections closed
 * with unsent data).
 */
public sealed interface CalibrationRecording permits ProbeRecording, AcceptQueueRecording, OrphanRecording {

    /** The file it was read from, as the user named it. */
    String source();

    /** The case's name (the file's name without .json where the probe records none). */
    String name();

    /** The recording host's {@code uname -r}. */
    String kernelRelease();

    /** The kernel profile the model ran with: the release's own when the tool knows it, else the nearest known. */
    KernelVersion profile();

    /** What a reader of the comparison should know about how the recording was mapped. */
    List<String> notes();

    /** The major.minor the kernel release names, whether or not the tool has a profile for it. */
    default KernelVersion kernel() {
        return KernelVersion.parse(kernelRelease());
    }

    /** The model's profile is the measured release's own (not the nearest known one). */
    default boolean profileExact() {
        return profile().equals(kernel());
    }
}
