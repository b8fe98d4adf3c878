package dev.tcpmem.model.result;

import dev.tcpmem.model.derivation.Derivation;
import dev.tcpmem.model.socket.SocketParameters;

/**
 * One workload: its socket rules and what each of its connections held over the timeline. With a listener whose
 * accept queue holds some of the connections, the per-connection and page figures are those of the accepted
 * connections and {@code acceptQueue} tells the rest ({@code connections} stays the workload's total).
 *
 * @param finalReceiveQueueBytes per connection at the end: truesize bytes queued for the reader (ss skmem r)
 * @param finalSendQueueBytes    per connection at the end: truesize bytes in the send queue (ss skmem w)
 * @param orphans                connections the timeline closed with unsent data, held by the kernel as orphans
 * @param finalBand              where the kernel may leave the final queues and pages when one of the model's rules
 *                               for them is an expected value inside a band (empty where every rule is exact)
 */
public record WorkloadResult(String name, long connections, SocketResult socket, double peakPagesPerConnection,
                             double finalPagesPerConnection, long peakPages, long finalPages,
                             Derivation pagesPerConnection, java.util.Optional<AcceptQueueResult> acceptQueue,
                             double finalReceiveQueueBytes, double finalSendQueueBytes,
                             java.util.Optional<OrphanResult> orphans, java.util.Optional<QueueBand> finalBand) {

    /** A workload whose final queues come from exact rules only. */
    public WorkloadResult(String name, long connections, SocketResult socket, double peakPagesPerConnection,
                          double finalPagesPerConnection, long peakPages, long finalPages,
                          Derivation pagesPerConnection, java.util.Optional<AcceptQueueResult> acceptQueue,
                          double finalReceiveQueueBytes, double finalSendQueueBytes,
                          java.util.Optional<OrphanResult> orphans) {
        this(name, connections, socket, peakPagesPerConnection, finalPagesPerConnection, peakPages, finalPages,
                pagesPerConnection, acceptQueue, finalReceiveQueueBytes, finalSendQueueBytes, orphans,
                java.util.Optional.empty());
    }

    /** A workload none of whose connections were closed with unsent data. */
    public WorkloadResult(String name, long connections, SocketResult socket, double peakPagesPerConnection,
                          double finalPagesPerConnection, long peakPages, long finalPages,
                          Derivation pagesPerConnection, java.util.Optional<AcceptQueueResult> acceptQueue,
                          double finalReceiveQueueBytes, double finalSendQueueBytes) {
        this(name, connections, socket, peakPagesPerConnection, finalPagesPerConnection, peakPages, finalPages,
                pagesPerConnection, acceptQueue, finalReceiveQueueBytes, finalSendQueueBytes, java.util.Optional.empty());
    }

    /**
     * The socket numbers of CONTRACT.md ({@code autotuning}: both directions grow); derivations by the same names;
     * which direction a SO_RCVBUF / SO_SNDBUF lock stopped.
     */
    public record SocketResult(long rcvbufInitial, long rcvbufMax, long sndbufInitial, long sndbufMax,
                               boolean autotuning, int windowScale, long windowMax, long bdpBytes,
                               double throughputCeilingBytesPerSecond,
                               java.util.Map<String, Derivation> derivations, boolean receiveAutotuning,
                               boolean sendAutotuning) {

        public SocketResult {
            derivations = java.util.Map.copyOf(derivations);
        }

        public static SocketResult of(SocketParameters p) {
            return new SocketResult(p.rcvbufInitial(), p.rcvbufMax(), p.sndbufInitial(), p.sndbufMax(), p.autotuning(),
                    p.windowScale(), p.windowMax(), p.bdpBytes(), p.throughputCeiling(), p.derivations(),
                    p.receiveAutotuning(), p.sendAutotuning());
        }
    }
}
