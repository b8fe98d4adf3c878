package dev.tcpmem.io.importers;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.RamDerivedDefaults;
import dev.tcpmem.model.scenario.CgroupVersion;
import dev.tcpmem.model.scenario.Node;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Timeline;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What an import assumes when its input does not say: documented in the notes it returns. */
final class ImportDefaults {

    static final Bytes MEMORY = Bytes.gib(64);
    static final KernelVersion KERNEL = KernelVersion.of(6, 18);
    static final int CPUS = 16;

    private ImportDefaults() {
    }

    static Scenario emptyScenario(String name, String description) {
        return new Scenario(name, description, new Node(MEMORY, CPUS, KERNEL, CgroupVersion.V2, Map.of()), List.of(),
                Timeline.steadyState());
    }

    /**
     * The node memory whose boot-time tcp_mem would be this pressure value: the inverse of tcp_init_mem(), found by
     * bisection on MemTotal (the formula is monotone). Rounded to whole MiB.
     */
    static Optional<Bytes> memoryFromTcpMem(long pressurePages) {
        if (pressurePages <= 128) {
            return Optional.empty();
        }
        long lo = 1L << 27; // 128 MiB
        long hi = 1L << 46; // 64 TiB
        if (RamDerivedDefaults.of(Bytes.of(hi)).tcpMem()[1] < pressurePages) {
            return Optional.empty();
        }
        while (hi - lo > (1L << 20)) {
            long mid = lo + (hi - lo) / 2;
            if (RamDerivedDefaults.of(Bytes.of(mid)).tcpMem()[1] < pressurePages) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Optional.of(Bytes.of(hi / (1L << 20) * (1L << 20)));
    }
}
