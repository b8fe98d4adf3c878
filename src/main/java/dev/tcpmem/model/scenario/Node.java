package dev.tcpmem.model.scenario;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The worker node.
 *
 * @param memory   MemTotal of the node (what /proc/meminfo reports), from which tcp_mem defaults are computed
 * @param sysctls  node-level values, and the values every pod inherits for namespaced ones; text as sysctl prints it
 * @param observed what a real node's /proc/net/sockstat showed, if imported (a reference, not a model input)
 */
public record Node(Bytes memory, int cpus, KernelVersion kernel, CgroupVersion cgroup, Map<String, String> sysctls,
                   Optional<ObservedTcpMemory> observed) {

    public Node {
        sysctls = java.util.Collections.unmodifiableMap(new TreeMap<>(sysctls));
        observed = observed == null ? Optional.empty() : observed;
    }

    public Node(Bytes memory, int cpus, KernelVersion kernel, CgroupVersion cgroup, Map<String, String> sysctls) {
        this(memory, cpus, kernel, cgroup, sysctls, Optional.empty());
    }

    public Node withObserved(Optional<ObservedTcpMemory> o) {
        return new Node(memory, cpus, kernel, cgroup, sysctls, o);
    }
}
