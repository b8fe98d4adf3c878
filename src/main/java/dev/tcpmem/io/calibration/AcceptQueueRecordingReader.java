package dev.tcpmem.io.calibration;

import dev.tcpmem.io.InputFormatException;
import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps a recording of tools/calibrate/accept_queue.py to scenarios; every field it uses is checked.
 *
 * <p>Mapping: one pod "server" in a cgroup-v1 memory cgroup with a TCP limit of 1 GiB (the probe's: far above what the
 * case holds; setting a limit is what makes the kernel account TCP memory to the cgroup), on a node of the recording
 * host's size (24 GiB, 2 CPUs: accept_queue.py records neither; nothing compared depends on them), its namespace's
 * net.core.somaxconn and net.ipv4.tcp_rmem as recorded. One workload "clients": the connections at the recorded MTU,
 * RTT 0.1 ms, the clients writing 1 GB/s (until their windows close), the server reading nothing. Waiting: a listener
 * with the recorded backlog and every connection unaccepted. Accepted: no listener and as many connections as the
 * queue held (the others' handshakes were dropped), the server still reading nothing.
 */
final class AcceptQueueRecordingReader {

    static final String PROBE = "accept_queue.py";
    /** tools/calibrate/accept_queue.py PROBE_VERSION; recordings made before it wrote one are this format too. */
    static final int PROBE_VERSION = 1;

    private final SysctlCatalog catalog;

    AcceptQueueRecordingReader(SysctlCatalog catalog) {
        this.catalog = catalog;
    }

    AcceptQueueRecording read(RecordingField root, String source) throws RecordingProblem {
        root.get("probeVersion").format(PROBE_VERSION);
        List<String> notes = new ArrayList<>();
        RecordingField kernel = root.get("kernel");
        KernelVersion profile = RecordedKernel.profile(kernel, notes);
        long mtu = root.get("mtu").whole(576, 65536);
        long n = root.get("connections").whole(1, ScenarioReader.MAX_CONNECTIONS);
        long backlog = root.get("backlog").whole(0, Integer.MAX_VALUE);
        long somaxconn = root.get("somaxconn").whole(0, Integer.MAX_VALUE);
        String tcpRmem = RecordingField.triple(root.get("tcpRmem"));

        RecordingField waiting = root.get("waiting").object();
        RecordingField established = waiting.get("established").object();
        RecordingField count = established.get("count");
        long queued = count.whole(0, n);
        if (queued == 0) {
            throw count.bad("no connection was established while nothing was accepted: nothing to compare; "
                    + root.rerecord());
        }
        double pages = established.get("pagesPerSocketMean").number(0, 1e9);
        long usageWaiting = waiting.get("cgroupTcpUsageBytes").whole(0, Long.MAX_VALUE);
        RecordingField after = root.get("afterAccept").object();
        long usageAccepted = after.get("cgroupTcpUsageBytes").whole(0, Long.MAX_VALUE);

        Scenario waitingScenario = scenario(root, source, profile, somaxconn, tcpRmem, mtu, n,
                "\"listener\": { \"backlog\": " + backlog + ", \"unaccepted\": " + n + " }");
        // once accepted, only the connections the queue held exist; the server still reads nothing
        Scenario acceptedScenario = scenario(root, source, profile, somaxconn, tcpRmem, mtu, queued, "\"listener\": null");
        String name = RecordingField.baseName(source);
        return new AcceptQueueRecording(source, name, kernel.string(), profile, notes, n, backlog, somaxconn, queued,
                pages, usageWaiting, usageAccepted, waitingScenario, acceptedScenario);
    }

    private Scenario scenario(RecordingField root, String source, KernelVersion profile, long somaxconn, String tcpRmem,
                              long mtu, long connections, String listener) throws RecordingProblem {
        String json = String.format(Locale.ROOT, """
                { "format": "tcpmem-scenario/1", "name": "accept queue replay",
                  "node": { "memory": "24GiB", "cpus": 2, "kernel": "%s", "cgroup": "v1",
                            "sysctls": { "net.core.somaxconn": "%d", "net.ipv4.tcp_rmem": "%s" } },
                  "pods": [ { "name": "server", "tcpMemoryLimit": "1GiB", "workloads": [
                     { "name": "clients", "connections": %d, "rttMs": 0.1, "inRate": "1GB/s", "outRate": "0B/s",
                       "reader": "stalled", "writer": "idle", "mtu": %d, %s } ] } ],
                  "timeline": { "durationSeconds": 3, "stepMillis": 100, "events": [] } }
                """, profile, somaxconn, tcpRmem, connections, mtu, listener);
        return RecordingField.scenario(new ScenarioReader(catalog), json, source, root);
    }
}
