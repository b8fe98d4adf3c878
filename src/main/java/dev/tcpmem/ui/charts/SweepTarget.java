package dev.tcpmem.ui.charts;

import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.kernel.SysctlUnit;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.sweep.SweepParameter;
import java.util.Optional;

/**
 * The input the sweep chart varies: the one the user touched last, with the range to sweep and whether to draw
 * it on a log scale.
 */
public record SweepTarget(SweepParameter parameter, double from, double to, boolean logScale, double current) {

    /** A sweep of a workload's connections from 0 to ten times the current count (at least 1,000). */
    public static SweepTarget connections(String pod, String workload, long current) {
        return new SweepTarget(new SweepParameter.Connections(pod, workload), 0, Math.max(1000, current * 10.0), false, current);
    }

    /** A sweep of how many of a workload's connections wait for accept(): none to all of them. */
    public static SweepTarget unaccepted(String pod, String workload, long current, long connections) {
        return new SweepTarget(new SweepParameter.Unaccepted(pod, workload), 0, Math.max(1, connections), false, current);
    }

    /** One element of a triplet sysctl (bytes or pages): from a 16th to 16 times the current value. */
    public static SweepTarget sysctlElement(SweepParameter parameter, long current) {
        long c = Math.max(1, current);
        return new SweepTarget(parameter, Math.max(1, c / 16.0), c * 16.0, true, c);
    }

    /** Node memory from 1 GiB to 4 times the current size. */
    public static SweepTarget nodeMemory(long currentBytes) {
        return new SweepTarget(new SweepParameter.NodeMemory(), 1L << 30, Math.max(2L << 30, currentBytes * 4.0), true, currentBytes);
    }

    /** Whether the input is a byte count (node memory, tcp_rmem, tcp_wmem; tcp_mem is in pages), as the catalog says. */
    public boolean inBytes(SysctlCatalog catalog) {
        if (parameter instanceof SweepParameter.NodeMemory) {
            return true;
        }
        String sysctl = parameter instanceof SweepParameter.NodeSysctlElement n ? n.sysctl()
                : parameter instanceof SweepParameter.PodSysctlElement p ? p.sysctl() : null;
        return sysctl != null && catalog.find(sysctl).map(d -> d.unit() == SysctlUnit.BYTES).orElse(false);
    }

    /** Whether the target still names something in the scenario (a pod may have been removed). */
    public boolean validFor(Scenario s) {
        if (parameter instanceof SweepParameter.Connections c) {
            return s.pod(c.pod()).flatMap(p -> p.workload(c.workload())).isPresent();
        }
        if (parameter instanceof SweepParameter.PodSysctlElement p) {
            return s.pod(p.pod()).isPresent();
        }
        if (parameter instanceof SweepParameter.Unaccepted u) {
            return s.pod(u.pod()).flatMap(p -> p.workload(u.workload())).isPresent();
        }
        if (parameter instanceof SweepParameter.InRate r) {
            return s.pod(r.pod()).flatMap(p -> p.workload(r.workload())).isPresent();
        }
        if (parameter instanceof SweepParameter.OutRate r) {
            return s.pod(r.pod()).flatMap(p -> p.workload(r.workload())).isPresent();
        }
        return true;
    }

    static Optional<SweepTarget> defaultFor(Scenario s) {
        return s.pods().stream().flatMap(p -> p.workloads().stream().map(w -> connections(p.name(), w.name(), w.connections())))
                .findFirst();
    }
}
