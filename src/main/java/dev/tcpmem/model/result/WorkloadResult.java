package dev.tcpmem.model.result;

import dev.tcpmem.model.derivation.Derivation;
import dev.tcpmem.model.socket.SocketParameters;

/** One workload: its socket rules and what each of its connections held over the timeline. */
public record WorkloadResult(String name, long connections, SocketResult socket, double peakPagesPerConnection,
                             double finalPagesPerConnection, long peakPages, long finalPages,
                             Derivation pagesPerConnection) {

    /** The socket numbers of CONTRACT.md; derivations by the same names. */
    public record SocketResult(long rcvbufInitial, long rcvbufMax, long sndbufInitial, long sndbufMax,
                               boolean autotuning, int windowScale, long windowMax, long bdpBytes,
                               double throughputCeilingBytesPerSecond,
                               java.util.Map<String, Derivation> derivations) {

        public SocketResult {
            derivations = java.util.Map.copyOf(derivations);
        }

        public static SocketResult of(SocketParameters p) {
            return new SocketResult(p.rcvbufInitial(), p.rcvbufMax(), p.sndbufInitial(), p.sndbufMax(), p.autotuning(),
                    p.windowScale(), p.windowMax(), p.bdpBytes(), p.throughputCeiling(), p.derivations());
        }
    }
}
