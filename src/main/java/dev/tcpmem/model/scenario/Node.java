package dev.tcpmem.model.scenario;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import java.util.Map;
import java.util.TreeMap;

/**
 * The worker node.
 *
 * @param memory  MemTotal of the node (what /proc/meminfo reports), from which tcp_mem defaults are computed
 * @param sysctls node-level values, and the values every pod inherits for namespaced ones; text as sysctl prints it
 */
public record Node(Bytes memory, int cpus, KernelVersion kernel, CgroupVersion cgroup, Map<String, String> sysctls) {

    public Node {
        sysctls = java.util.Collections.unmodifiableMap(new TreeMap<>(sysctls));
    }
}
