package dev.tcpmem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.OrphanResult;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.verdict.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Connections closed with unsent data: orphans that keep their send queues.
 *
 * <p>Worked by hand: 1,000 bulk writers with SO_SNDBUF 65536 (doubled to a locked sk_sndbuf of 131072) facing
 * peers that read nothing. The peers are not on the node, so the model gives them this end's receive settings:
 * 6.1's tcp_rmem[2] 6291456 offers win = 6291456 / 2 = 3145728 bytes, size_goal = 65536 (GSO) -> 45 x 1448 = 65160.
 * A writer is woken when its queue is down to 2/3 of sk_sndbuf (87381) and then fills past sk_sndbuf by half an skb on
 * average, (65160 + 832) / 2 = 32996; the window takes far more than a third of sk_sndbuf, so the queue saw-tooths
 * and rests at (87381.3 + 131072 + 32996) / 2 = 125725 bytes = ceil(30.7) = 31 pages, nothing received: 31,000
 * pages. Closing 400 at 10 s moves them, queues and all, to orphans: still 31,000 pages. The peers answer each
 * zero-window probe, so the probe count never ends them; with an RTO of RTT + 200 ms = 201 ms the probes go out
 * 0.201, 0.402, ... 102.9 s apart, then TCP_RTO_MAX = 120 s, and at that firing the back-off (10) is at least
 * tcp_orphan_retries (0): they are reset 0.201 x (2^10 - 1) + 120 = 325.623 s after the close. From 335.623 s the
 * node holds 600 x 31 = 18,600 pages.
 */
class OrphanTest {

    private static final SysctlCatalog CATALOG = SysctlCatalog.bundled();

    static String scenario(String nodeSysctls, String closeEvent) {
        return """
                { "format": "tcpmem-scenario/1", "name": "orphans",
                  "node": { "memory": "64GiB", "cpus": 8, "kernel": "6.1", "cgroup": "v2", "sysctls": { %s } },
                  "pods": [ { "name": "web", "memoryLimit": "4GiB", "workloads": [
                     { "name": "downloads", "connections": 1000, "rttMs": 1, "inRate": "0B/s", "outRate": "0B/s",
                       "reader": "drains", "writer": "bulk", "peerReader": "stalled", "soSndbuf": "64KiB" } ] } ],
                  "timeline": { "durationSeconds": 400, "stepMillis": 100, "events": [ %s ] } }
                """.formatted(nodeSysctls, closeEvent);
    }

    static final String CLOSE_400 = "{ \"atSeconds\": 10, \"pod\": \"web\", \"workload\": \"downloads\", "
            + "\"set\": { \"closed\": 400 } }";

    static Scenario read(String json) throws Exception {
        return new ScenarioReader(CATALOG).read(json, "orphans.tcpmem.json");
    }


    @Test
    void closedConnectionsKeepTheirSendQueuesUntilTheKernelGivesUpProbing() throws Exception {
        Scenario s = read(scenario("", CLOSE_400));
        EvaluationResult r = ScenarioEvaluator.evaluate(s, CATALOG);
        assertThat(Fixtures.nodePagesAt(r, 5)).isEqualTo(31_000);
        assertThat(Fixtures.nodePagesAt(r, 20)).isEqualTo(31_000);
        assertThat(Fixtures.nodePagesAt(r, 335.0)).isEqualTo(31_000);
        assertThat(Fixtures.nodePagesAt(r, 336.0)).isEqualTo(18_600);
        assertThat(Fixtures.nodePagesAt(r, 400)).isEqualTo(18_600);
        OrphanResult o = r.pods().get(0).workloads().get(0).orphans().orElseThrow();
        assertThat(o.closed()).isEqualTo(400);
        assertThat(o.peakOrphans()).isEqualTo(400);
        assertThat(o.peakPages()).isEqualTo(400 * 31);
        assertThat(o.lifetimeSeconds()).isCloseTo(325.623, within(1e-9));
        // an orphan keeps its memory cgroup: the pod is charged for them as before the close
        assertThat(r.pods().get(0).memcg().chargedBytesPeak()).isEqualTo(31_000L * 4096);
        assertThat(Verdict.of(s, r).details()).anySatisfy(d -> assertThat(d)
                .contains("400 connections closed with unsent data stay as orphans holding up to 12,400 pages"));
    }

    @Test
    void closedCountsTheConnectionsThatWereThereNotWhatTheEventsAskedFor() throws Exception {
        // 1,500 asked of 1,000 open, then 10 more of none: all 1,000 become orphans (31,000 pages until 335.623 s,
        // then none), and the result counts those 1,000 (it summed the events' 1,510)
        String events = "{ \"atSeconds\": 10, \"pod\": \"web\", \"workload\": \"downloads\", "
                + "\"set\": { \"closed\": 1500 } }, { \"atSeconds\": 20, \"pod\": \"web\", "
                + "\"workload\": \"downloads\", \"set\": { \"closed\": 10 } }";
        Scenario s = read(scenario("", events));
        EvaluationResult r = ScenarioEvaluator.evaluate(s, CATALOG);
        assertThat(Fixtures.nodePagesAt(r, 20)).isEqualTo(31_000);
        assertThat(Fixtures.nodePagesAt(r, 336.0)).isZero();
        OrphanResult o = r.pods().get(0).workloads().get(0).orphans().orElseThrow();
        assertThat(o.closed()).isEqualTo(1000);
        assertThat(o.peakOrphans()).isEqualTo(1000);
        assertThat(Verdict.of(s, r).details()).anySatisfy(d -> assertThat(d)
                .contains("1,000 connections closed with unsent data"));
    }

    @Test
    void beyondTcpMaxOrphansTheKernelResetsTheRest() throws Exception {
        // tcp_max_orphans 100: 300 of the 400 are reset at once ("too many orphaned sockets");
        // 600 open + 100 orphans hold 700 x 31 = 21,700 pages
        Scenario s = read(scenario("\"net.ipv4.tcp_max_orphans\": \"100\"", CLOSE_400));
        EvaluationResult r = ScenarioEvaluator.evaluate(s, CATALOG);
        assertThat(Fixtures.nodePagesAt(r, 20)).isEqualTo(21_700);
        OrphanResult o = r.pods().get(0).workloads().get(0).orphans().orElseThrow();
        assertThat(o.resetOverLimit()).isEqualTo(300);
        assertThat(Verdict.of(s, r).details()).anySatisfy(d -> assertThat(d).contains("too many orphaned sockets"));
    }

    @Test
    void overTcpMemHighOrphansAreResetWithTheOutOfMemoryMessage() throws Exception {
        // tcp_mem[2] 30,000: the writers ask for 32,000 pages, so the node is over high; the 400 orphans hold
        // more than SOCK_MIN_SNDBUF each and are reset (tcp_out_of_memory())
        Scenario s = read(scenario("\"net.ipv4.tcp_mem\": \"10000 20000 30000\"", CLOSE_400));
        EvaluationResult r = ScenarioEvaluator.evaluate(s, CATALOG);
        OrphanResult o = r.pods().get(0).workloads().get(0).orphans().orElseThrow();
        assertThat(o.resetForMemory()).isEqualTo(400);
        assertThat(Verdict.of(s, r).details()).anySatisfy(d -> assertThat(d)
                .contains("TCP: out of memory -- consider tuning tcp_mem"));
    }
}
