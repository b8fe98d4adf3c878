package dev.tcpmem.model;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.model.scenario.CgroupVersion;
import dev.tcpmem.model.scenario.Node;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Rate;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Timeline;
import dev.tcpmem.model.scenario.TimelineEvent;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WriterBehaviour;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small scenario builders for the model tests: no catalog needed. */
public final class Fixtures {

    private Fixtures() {
    }

    /** Kernel defaults as a 5.15 node would have them (values from ip-sysctl.rst; tcp_mem given explicitly). */
    public static Map<String, String> defaults515(String tcpMem) {
        Map<String, String> m = new HashMap<>();
        m.put("net.ipv4.tcp_mem", tcpMem);
        m.put("net.ipv4.tcp_rmem", "4096 131072 6291456");
        m.put("net.ipv4.tcp_wmem", "4096 16384 4194304");
        m.put("net.core.rmem_max", "212992");
        m.put("net.core.wmem_max", "212992");
        m.put("net.ipv4.tcp_adv_win_scale", "1");
        m.put("net.ipv4.tcp_moderate_rcvbuf", "1");
        m.put("net.ipv4.tcp_congestion_control", "cubic");
        return m;
    }

    public static Workload workload(String name, long conns, double rttMs, double in, double out, ReaderBehaviour reader,
                                    WriterBehaviour writer) {
        return new Workload(name, conns, rttMs, new Rate(in), new Rate(out), reader, writer, ReaderBehaviour.DRAINS,
                Optional.empty(), Optional.empty(), 1500, Optional.empty());
    }

    public static Workload withSoRcvbuf(Workload w, long bytes) {
        return new Workload(w.name(), w.connections(), w.rttMs(), w.inRate(), w.outRate(), w.reader(), w.writer(),
                w.peerReader(), Optional.of(Bytes.of(bytes)), w.soSndbuf(), w.mtu(), w.peer());
    }

    public static Pod pod(String name, Map<String, String> sysctls, Workload... ws) {
        return new Pod(name, Optional.empty(), Optional.empty(), sysctls, List.of(ws));
    }

    public static Scenario scenario(String kernel, Bytes memory, Map<String, String> nodeSysctls, Timeline timeline,
                                    Pod... pods) {
        return new Scenario("test", "", new Node(memory, 8, KernelVersion.parse(kernel), CgroupVersion.V2, nodeSysctls),
                List.of(pods), timeline);
    }

    public static Timeline timeline(double seconds, double stepMs, TimelineEvent... events) {
        return new Timeline(seconds, stepMs, List.of(events));
    }

    /** The node's pages at the step ending at {@code seconds} (a step must end there). */
    public static long nodePagesAt(dev.tcpmem.model.result.EvaluationResult r, double seconds) {
        double[] t = r.series().timeSeconds();
        for (int i = 0; i < t.length; i++) {
            if (Math.abs(t[i] - seconds) < 1e-6) {
                return r.series().nodePages()[i];
            }
        }
        throw new AssertionError("no step at " + seconds + " s");
    }
}
