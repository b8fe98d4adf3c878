package dev.tcpmem.cli;

import dev.tcpmem.io.ResultJson;
import dev.tcpmem.kernel.Pages;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.kernel.SysctlDefaults;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.connection.ConnectionLimits;
import java.util.Map;
import dev.tcpmem.model.node.MemoryState;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.NodeResult;
import dev.tcpmem.model.result.PodResult;
import dev.tcpmem.model.result.WorkloadResult;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.verdict.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evaluate FILE [--json] [--fail-on pressure|high]}: runs the model (CONTRACT.md). */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Run the model on a scenario: node TCP memory against tcp_mem, per pod and per workload.")
public final class EvaluateCommand implements Callable<Integer> {

    enum FailOn { pressure, high }

    @Parameters(index = "0", paramLabel = "FILE", description = "a *.tcpmem.json scenario")
    Path file;

    @Option(names = "--json", description = "one tcpmem-result/1 JSON object on stdout")
    boolean json;

    @Option(names = "--fail-on", paramLabel = "STATE", description = "exit 1 when the node reaches this state: pressure or high")
    FailOn failOn;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SysctlCatalog catalog = SysctlCatalog.bundled();
        Scenario s = ScenarioFiles.read(file, catalog);
        EvaluationResult r = ScenarioEvaluator.evaluate(s, catalog);
        Map<String, ConnectionLimits> limits = ConnectionLimits.forPods(s,
                SysctlDefaults.forNode(catalog, s.node().kernel(), s.node().memory()));
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? ResultJson.toJson(r, limits) : summary(s, r, limits));
        out.flush();
        if (failOn != null) {
            MemoryState threshold = failOn == FailOn.pressure ? MemoryState.PRESSURE : MemoryState.HIGH;
            if (r.node().state().compareTo(threshold) >= 0) {
                return TcpmemCommand.STATE_REACHED;
            }
        }
        return TcpmemCommand.OK;
    }

    /** A readable summary a reviewer can paste into a design document. */
    static String summary(Scenario s, EvaluationResult r, Map<String, ConnectionLimits> limits) {
        StringBuilder b = new StringBuilder();
        NodeResult n = r.node();
        Verdict v = Verdict.of(s, r);
        b.append(s.name()).append('\n');
        b.append(String.format(Locale.ROOT, "Node: %s, %d CPUs, kernel %s, cgroup %s%n",
                dev.tcpmem.io.Quantities.formatBytes(s.node().memory()), s.node().cpus(), r.kernel(),
                s.node().cgroup().name().toLowerCase(Locale.ROOT)));
        b.append(String.format(Locale.ROOT, "tcp_mem: low %,d / pressure %,d / high %,d pages (%s / %s / %s)%n",
                n.tcpMem().low(), n.tcpMem().pressure(), n.tcpMem().high(), mib(n.tcpMem().low()), mib(n.tcpMem().pressure()),
                mib(n.tcpMem().high())));
        b.append(String.format(Locale.ROOT, "Peak %,d pages (%s), final %,d pages; worst state: %s%n", n.peakPages(),
                mib(n.peakPages()), n.finalPages(), n.state().key()));
        b.append("Verdict: ").append(v.headline()).append('\n');
        for (String d : v.details()) {
            b.append("  - ").append(d).append('\n');
        }
        b.append('\n').append(String.format(Locale.ROOT, "%-28s %12s %12s %8s%n", "pod / workload", "peak pages", "final pages", "share"));
        for (PodResult p : r.pods()) {
            b.append(String.format(Locale.ROOT, "%-28s %,12d %,12d %7.1f%%%n", p.name(), p.peakPages(), p.finalPages(),
                    n.peakPages() == 0 ? 0 : 100.0 * p.peakPages() / n.peakPages()));
            ConnectionLimits l = limits.get(p.name());
            if (l != null) {
                b.append(String.format(Locale.ROOT, "  limits: accept queue ≤ %,d, SYN backlog ≤ %,d (%s outside tcp_mem), "
                                + "dead peer found after %,d s idle (keepalive) or %.1f s with data outstanding%n",
                        l.acceptQueueCap(), l.synBacklogCap(), bytes(l.synBacklogBytes()), l.keepaliveDetectionSeconds(),
                        l.retransmitGiveUpSeconds()));
            }
            for (WorkloadResult w : p.workloads()) {
                WorkloadResult.SocketResult so = w.socket();
                b.append(String.format(Locale.ROOT, "  %-26s %,d conns × %.1f pages peak; rcvbuf %s→%s%s, sndbuf %s→%s%s, wscale %d, window %s, BDP %s%n",
                        w.name(), w.connections(), w.peakPagesPerConnection(), bytes(so.rcvbufInitial()), bytes(so.rcvbufMax()),
                        so.receiveAutotuning() ? "" : " (locked)", bytes(so.sndbufInitial()), bytes(so.sndbufMax()),
                        so.sendAutotuning() ? "" : " (locked)", so.windowScale(),
                        bytes(so.windowMax()), bytes(so.bdpBytes())));
                w.acceptQueue().ifPresent(q -> b.append(String.format(Locale.ROOT,
                        "  %-26s %,d waiting for accept() (queue holds %,d%s) × %.1f pages peak, %s%n", "", q.queued(),
                        q.capacity(), q.dropped() > 0 ? String.format(Locale.ROOT, ", %,d dropped", q.dropped()) : "",
                        q.peakPagesPerConnection(), q.chargedToPod() ? "charged to the pod"
                                : "on the node's tcp_mem, not yet on the pod's memory cgroup")));
                w.orphans().ifPresent(o -> b.append(String.format(Locale.ROOT,
                        "  %-26s %,d closed with unsent data: up to %,d orphans × %.1f pages, each kept up to %.1f s%s%n",
                        "", o.closed(), o.peakOrphans(), o.peakPagesPerOrphan(), o.lifetimeSeconds(),
                        (o.resetForMemory() > 0 ? String.format(Locale.ROOT, "; %,d reset over tcp_mem[2]",
                                o.resetForMemory()) : "")
                                + (o.resetOverLimit() > 0 ? String.format(Locale.ROOT, "; %,d reset over "
                                + "tcp_max_orphans", o.resetOverLimit()) : ""))));
            }
        }
        return b.toString();
    }

    private static String mib(long pages) {
        return String.format(Locale.ROOT, "%.1f MiB", pages * (double) Pages.PAGE_SIZE / (1 << 20));
    }

    private static String bytes(long b) {
        return dev.tcpmem.chart.IecFormat.bytes(b);
    }
}
