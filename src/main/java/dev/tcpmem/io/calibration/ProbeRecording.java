package dev.tcpmem.io.calibration;

import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.PodResult;
import dev.tcpmem.model.result.WorkloadResult;
import dev.tcpmem.model.scenario.Scenario;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One recording of tools/calibrate/probe.py turned into a model {@link Scenario}, with what the kernel measured beside
 * it. {@link ProbeRecordingReader} builds it (the mapping is documented there and in FIDELITY.md "How a recording
 * becomes a scenario"); {@link FidelityComparison} holds the model to it.
 *
 * @param source             the file it was read from, as the user named it
 * @param name               the case's name
 * @param description        the case's description
 * @param kernelRelease      the recording host's {@code uname -r}
 * @param profile            the kernel profile the model ran with: the release's major.minor when the tool knows it,
 *                           else the nearest known one at or below it
 * @param loopback           loopback topology (MTU 65536) rather than a veth pair between namespaces
 * @param draining           a draining case: measured values are means over the second half of the run
 * @param scenario           the case as the model's input
 * @param groups             the case's connection groups, in the recording's order
 * @param measuredNodePages  sockstat TCP mem steady − baseline (draining: mean over the second half)
 * @param measuredSkmemPages Σ (r + w + f) over both ends, in pages (what the sockets charged; NaN if not recorded)
 * @param nodeSlackPages     how far the node counter may lag the sockets' charge: ncpus × mem_pcpu_rsv from 6.0
 * @param memcg              the probe's cgroup-v1 memory cgroup, when the case ran in one (a pressure case)
 * @param memcgPod           the pod whose processes ran in that cgroup (empty when none or no memcg)
 * @param measuredMemcgPages memory.kmem.tcp.usage_in_bytes at steady state in pages (draining: mean over the second
 *                           half); NaN without a memcg
 * @param notes              what a reader of the comparison should know about how the recording was mapped
 */
public record ProbeRecording(String source, String name, String description, String kernelRelease,
                             KernelVersion profile, boolean loopback, boolean draining, Scenario scenario,
                             List<Group> groups, double measuredNodePages, double measuredSkmemPages,
                             long nodeSlackPages, Optional<Memcg> memcg, Optional<String> memcgPod,
                             double measuredMemcgPages, List<String> notes) implements CalibrationRecording {

    public ProbeRecording {
        groups = List.copyOf(groups);
        notes = List.copyOf(notes);
    }

    /** The probe's patterns: who writes and who reads (see ProbeRecordingReader for the workloads each becomes). */
    public static final List<String> PATTERNS = List.of("stalled-reader", "bulk-to-stalled-peer", "draining-reader",
            "idle");

    public boolean underMemcg() {
        return memcg.isPresent();
    }

    /**
     * One group of the case: its two ends and what was measured.
     *
     * @param writersDone writers that stopped at the probe's max_bytes_per_conn (the model's bulk writer never stops)
     */
    public record Group(String name, String pattern, long count, End server, End client, long writersDone) {

        public List<End> ends() {
            return List.of(server, client);
        }
    }

    /**
     * One end of a group's connections: the pod/workload that models it, the ss -tmi fields of its sockets
     * (aggregated by the probe as min/median/max/mean) and getsockopt() right after connect/accept.
     *
     * @param role "server" or "client"
     */
    public record End(String role, String pod, String workload, Map<String, Stat> sockets, List<Getsockopt> getsockopt) {

        public End {
            sockets = Map.copyOf(sockets);
            getsockopt = List.copyOf(getsockopt);
        }

        public Stat stat(String field) {
            Stat s = sockets.get(field);
            if (s == null) {
                throw new IllegalArgumentException("no ss field " + field + " recorded for " + pod + "/" + workload);
            }
            return s;
        }

        public double mean(String field) {
            return stat(field).mean();
        }

        public long min(String field) {
            return (long) stat(field).min();
        }

        public long max(String field) {
            return (long) stat(field).max();
        }

        /** The model's result for this end. */
        public WorkloadResult in(EvaluationResult r) {
            for (PodResult p : r.pods()) {
                if (p.name().equals(pod)) {
                    for (WorkloadResult w : p.workloads()) {
                        if (w.name().equals(workload)) {
                            return w;
                        }
                    }
                }
            }
            throw new IllegalArgumentException("no workload " + pod + "/" + workload + " in the result");
        }
    }

    /** One ss field over a group's sockets. */
    public record Stat(double min, double median, double max, double mean) {
    }

    /** getsockopt(SO_RCVBUF / SO_SNDBUF) of one socket. */
    public record Getsockopt(long soRcvbuf, long soSndbuf) {
    }

    /**
     * The probe's cgroup-v1 memory cgroup: which roles' processes ran in it, its memory.kmem.tcp.limit_in_bytes
     * (empty: no limit, and then the kernel accounts nothing to it) and its counters at steady state.
     */
    public record Memcg(List<String> roles, Optional<Long> tcpLimitBytes, long steadyUsageBytes,
                        long steadyMaxUsageBytes, long steadyFailcnt, long steadyLimitBytes) {

        public Memcg {
            roles = List.copyOf(roles);
        }
    }

    /** The model's result for the memcg pod; empty without one. */
    public Optional<PodResult> memcgPodIn(EvaluationResult r) {
        return memcgPod.flatMap(name -> r.pods().stream().filter(p -> p.name().equals(name)).findFirst());
    }
}
