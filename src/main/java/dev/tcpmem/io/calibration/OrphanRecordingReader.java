package dev.tcpmem.io.calibration;

import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps a recording of tools/calibrate/orphans.py to a scenario; every field it uses is checked.
 *
 * <p>Mapping: two pods on one node of the recording host's size (24 GiB, 2 CPUs: orphans.py records neither; nothing
 * compared depends on them), the recorded congestion control (it sizes the send buffers; recordings made before
 * orphans.py wrote it are the recording host's, bbr): "client" with the recorded
 * net.ipv4.tcp_orphan_retries, a bulk writer whose peer reads nothing, and "server" with the same connections,
 * reading nothing; RTT the mean ss rtt before close(), the recorded MTU. At 5 s the timeline closes every client
 * connection; it runs 400 s (past the recorded lifetimes, 343 s) or longer for a longer recorded lifetime.
 */
final class OrphanRecordingReader {

    static final String PROBE = "orphans.py";
    /** tools/calibrate/orphans.py PROBE_VERSION; recordings made before it wrote one are this format too. */
    static final int PROBE_VERSION = 1;

    private final SysctlCatalog catalog;

    OrphanRecordingReader(SysctlCatalog catalog) {
        this.catalog = catalog;
    }

    OrphanRecording read(RecordingField root, String source) throws RecordingProblem {
        root.get("probeVersion").format(PROBE_VERSION);
        List<String> notes = new ArrayList<>();
        RecordingField kernel = root.get("kernel");
        KernelVersion profile = RecordedKernel.profile(kernel, notes);
        long mtu = root.get("mtu").whole(576, 65536);
        long n = root.get("connections").whole(1, ScenarioReader.MAX_CONNECTIONS);
        long retries = root.get("tcpOrphanRetries").whole(0, 255);
        RecordingField ccField = root.get("congestionControl");
        String cc = ccField.present() ? ccField.string() : "bbr";
        if (!cc.matches("[a-z][a-z0-9_]{0,15}")) {
            throw ccField.bad("\"" + cc + "\" is not a congestion control name: expected what sysctl "
                    + "net.ipv4.tcp_congestion_control prints, such as cubic or bbr");
        }
        RecordingField before = root.get("sendQueueBeforeClose").object();
        double rtt = before.get("rttMsMean").number(0.001, 60_000);
        RecordingField first = root.get("firstSample").object();
        long orphans = first.get("orphans").whole(0, n);
        double w = first.get("wMean").number(0, 1e15);
        RecordingField goneField = root.get("allGoneSeconds");
        if (goneField.node() != null && goneField.node().isNull()) {
            throw goneField.bad("null: the orphans outlived the probe's --limit-seconds, so their lifetime was not "
                    + "measured; record again with a larger --limit-seconds (tools/calibrate/orphans.py)");
        }
        // tcp_orphan_retries 15 at the 120 s RTO ceiling is half an hour; an hour bounds the timeline's steps
        double gone = goneField.number(0, 3600);
        // past the recorded lifetime, so the timeline sees the orphans go (400 s: the recordings' 343 s and more)
        long duration = Math.max(400, (long) Math.ceil(gone * 1.1) + 5);
        String json = String.format(Locale.ROOT, """
                { "format": "tcpmem-scenario/1", "name": "orphans replay",
                  "node": { "memory": "24GiB", "cpus": 2, "kernel": "%s", "cgroup": "v1",
                            "sysctls": { "net.ipv4.tcp_congestion_control": "%s" } },
                  "pods": [ { "name": "client",
                              "sysctls": { "net.ipv4.tcp_orphan_retries": "%d" },
                              "workloads": [
                     { "name": "bulk", "connections": %d, "rttMs": %.4f, "inRate": "0B/s", "outRate": "0B/s",
                       "reader": "drains", "writer": "bulk", "peerReader": "stalled", "peer": "server/conns",
                       "mtu": %d } ] },
                            { "name": "server", "workloads": [
                     { "name": "conns", "connections": %d, "rttMs": %.4f, "inRate": "0B/s", "outRate": "0B/s",
                       "reader": "stalled", "writer": "idle", "peer": "client/bulk", "mtu": %d } ] } ],
                  "timeline": { "durationSeconds": %d, "stepMillis": 100, "events": [
                     { "atSeconds": 5, "pod": "client", "workload": "bulk", "set": { "closed": %d } } ] } }
                """, profile, cc, retries, n, rtt, mtu, n, rtt, mtu, duration, n);
        Scenario scenario = RecordingField.scenario(new ScenarioReader(catalog), json, source, root);
        return new OrphanRecording(source, RecordingField.baseName(source), kernel.string(), profile, notes, n, retries,
                rtt, orphans, w, gone, scenario);
    }
}
