package dev.tcpmem.model.scenario;

/** Which memory cgroup hierarchy the node runs: it decides how a pod's socket memory is charged. */
public enum CgroupVersion {
    /** cgroup v1: socket memory is charged only when memory.kmem.tcp.limit_in_bytes is set. */
    V1,
    /** cgroup v2: socket memory always counts against the pod's memory limit (memory.max). */
    V2
}
