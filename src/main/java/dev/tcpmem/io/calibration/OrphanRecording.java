package dev.tcpmem.io.calibration;

import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.model.scenario.Scenario;
import java.util.List;

/**
 * One recording of tools/calibrate/orphans.py: bulk writers over a veth pair whose peer is up but reads nothing, all
 * closed at once with full send queues, watched until the kernel dropped the orphans. {@link OrphanRecordingReader}
 * maps it to a scenario (documented there); {@link OrphanComparison} holds the model to it.
 *
 * @param connections             the connections the client opened and closed
 * @param orphanRetries           net.ipv4.tcp_orphan_retries in the client's namespace
 * @param rttMs                   the mean ss rtt before close(), in ms
 * @param measuredOrphans         FIN-WAIT-1 sockets at the first sample after close()
 * @param measuredSendQueueBytes  their mean skmem w then
 * @param measuredLifetimeSeconds seconds from close() until the kernel had dropped them all
 * @param scenario                the case as the model's input
 */
public record OrphanRecording(String source, String name, String kernelRelease, KernelVersion profile,
                              List<String> notes, long connections, long orphanRetries, double rttMs,
                              long measuredOrphans, double measuredSendQueueBytes, double measuredLifetimeSeconds,
                              Scenario scenario) implements CalibrationRecording {

    public OrphanRecording {
        notes = List.copyOf(notes);
    }

    /** The send queue an orphan kept at the first sample, in 4 KiB pages (skmem w is bytes charged). */
    public double measuredPagesPerOrphan() {
        return measuredSendQueueBytes / dev.tcpmem.kernel.Pages.PAGE_SIZE;
    }
}
