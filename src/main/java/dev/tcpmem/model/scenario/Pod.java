package dev.tcpmem.model.scenario;

import dev.tcpmem.kernel.Bytes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A pod on the node.
 *
 * @param tcpMemoryLimit cgroup v1 memory.kmem.tcp.limit_in_bytes; empty means unlimited
 * @param sysctls        namespaced sysctls this pod overrides (securityContext.sysctls)
 */
public record Pod(String name, Optional<Bytes> memoryLimit, Optional<Bytes> tcpMemoryLimit,
                  Map<String, String> sysctls, List<Workload> workloads) {

    public Pod {
        sysctls = java.util.Collections.unmodifiableMap(new TreeMap<>(sysctls));
        workloads = List.copyOf(workloads);
    }

    public Optional<Workload> workload(String workloadName) {
        return workloads.stream().filter(w -> w.name().equals(workloadName)).findFirst();
    }

    public long connections() {
        return workloads.stream().mapToLong(Workload::connections).sum();
    }
}
