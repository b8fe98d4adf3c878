package dev.tcpmem.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.OrphanResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays tools/calibrate/orphans.py recordings: bulk writers over a veth pair at MTU 1500 whose peer is up but reads
 * nothing, all closed at once with full send queues, watched until the kernel drops the orphans.
 *
 * <p>Tolerances: the send queue an orphan keeps within 10 % (the calibration issue's); the lifetime within 3 %,
 * because the kernel's RTO is srtt + rttvar (rttvar floored at 200 ms) from its own smoothed samples (ss showed
 * 212 ms where the recorded mean srtt gives 210 ms), the timer wheel fires long timers late by up to its level's
 * granularity (kernel/time/timer.c: seconds for the 25-120 s probe waits; measured 343.0-343.4 s against the 336.9 s
 * that 212 ms gives), and the probe samples every 0.2 s.
 */
class OrphanReplayTest {

    private static final SysctlCatalog CATALOG = SysctlCatalog.bundled();
    static final List<String> CASES = List.of("veth-50-stalled-peer-retries-0", "veth-50-stalled-peer-retries-2");

    static Stream<String> cases() {
        return CASES.stream();
    }

    static JsonNode recording(String name) throws IOException {
        try (InputStream in = OrphanReplayTest.class.getResourceAsStream("/calibration-orphans/" + name + ".json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    /** The recording as two pods on one node: the client's bulk writers and the server that reads nothing. */
    static OrphanResult model(JsonNode rec) throws Exception {
        String kernel = rec.get("kernel").asText().replaceAll("^(\\d+\\.\\d+).*", "$1");
        long n = rec.get("connections").asLong();
        double rtt = rec.get("sendQueueBeforeClose").get("rttMsMean").asDouble();
        String json = String.format(Locale.ROOT, """
                { "format": "tcpmem-scenario/1", "name": "orphans replay",
                  "node": { "memory": "24GiB", "cpus": 2, "kernel": "%s", "cgroup": "v1",
                            "sysctls": { "net.ipv4.tcp_congestion_control": "bbr" } },
                  "pods": [ { "name": "client",
                              "sysctls": { "net.ipv4.tcp_orphan_retries": "%d" },
                              "workloads": [
                     { "name": "bulk", "connections": %d, "rttMs": %.4f, "inRate": "0B/s", "outRate": "0B/s",
                       "reader": "drains", "writer": "bulk", "peerReader": "stalled", "peer": "server/conns" } ] },
                            { "name": "server", "workloads": [
                     { "name": "conns", "connections": %d, "rttMs": %.4f, "inRate": "0B/s", "outRate": "0B/s",
                       "reader": "stalled", "writer": "idle", "peer": "client/bulk" } ] } ],
                  "timeline": { "durationSeconds": 400, "stepMillis": 100, "events": [
                     { "atSeconds": 5, "pod": "client", "workload": "bulk", "set": { "closed": %d } } ] } }
                """, kernel, rec.get("tcpOrphanRetries").asLong(), n, rtt, n, rtt, n);
        var r = ScenarioEvaluator.evaluate(new ScenarioReader(CATALOG).read(json, "orphans-replay.tcpmem.json"), CATALOG);
        return r.pods().get(0).workloads().get(0).orphans().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void orphansKeepTheirSendQueuesAsLongAsTheKernelKeptThem(String name) throws Exception {
        JsonNode rec = recording(name);
        OrphanResult o = model(rec);
        double measuredPages = rec.get("firstSample").get("wMean").asDouble() / 4096;
        assertThat(o.peakOrphans()).isEqualTo(rec.get("firstSample").get("orphans").asLong());
        assertThat(o.peakPagesPerOrphan()).as("send queue an orphan keeps (pages)")
                .isCloseTo(measuredPages, within(0.10 * measuredPages));
        double gone = rec.get("allGoneSeconds").asDouble();
        assertThat(o.lifetimeSeconds()).as("seconds from close() until the kernel dropped the orphans")
                .isCloseTo(gone, within(0.03 * gone));
    }
}
