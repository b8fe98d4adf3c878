package dev.tcpmem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpmem.io.InputFormatException;
import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.io.ScenarioWriter;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.result.AcceptQueueResult;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.PodResult;
import dev.tcpmem.model.scenario.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Connections waiting for accept(): held on the node, charged to the pod only once accepted (5.6 and later).
 *
 * <p>Worked by hand: a 6.1 node's somaxconn is 4096 (net/core/net_namespace.c / include/linux/socket.h SOMAXCONN
 * 4096 since 5.4), so nginx's listen(fd, 511) holds min(511, 4096) + 1 = 512 connections
 * (sk_acceptq_is_full() is {@code >}). Of 800 waiting, 512 are queued and 288 dropped. Each queued one is
 * established with a peer sending 10 MB/s and nothing reading it: its receive queue fills to sk_rcvbuf, which
 * starts at tcp_rmem[1] = 131072 bytes and does not grow (DRS grows only as the application reads,
 * tcp_rcv_space_adjust()), so it is charged 131072 / 4096 = 32 pages: 512 x 32 = 16,384 pages on the node.
 * The 200 accepted connections drain what arrives: each holds one RTT of 10 MB/s, 10,000 payload bytes, which
 * with the skb overhead of MTU 1500 segments (truesize above payload, below 12,288) is 3 pages: 600 pages.
 */
class AcceptQueueTest {

    private static final SysctlCatalog CATALOG = SysctlCatalog.bundled();

    static String scenario(String kernel, String listener) {
        return """
                { "format": "tcpmem-scenario/1", "name": "accept queue",
                  "node": { "memory": "64GiB", "cpus": 8, "kernel": "%s", "cgroup": "v2" },
                  "pods": [ { "name": "nginx", "memoryLimit": "1GiB", "workloads": [
                     { "name": "clients", "connections": 1000, "rttMs": 1, "inRate": "10MB/s", "outRate": "0B/s",
                       "reader": "drains", "writer": "idle", %s } ] } ],
                  "timeline": { "durationSeconds": 5, "stepMillis": 100, "events": [] } }
                """.formatted(kernel, listener);
    }

    static EvaluationResult evaluate(String json) throws InputFormatException {
        Scenario s = new ScenarioReader(CATALOG).read(json, "test.tcpmem.json");
        return ScenarioEvaluator.evaluate(s, CATALOG);
    }

    @Test
    void waitingConnectionsFillTheirReceiveBuffersOnTheNodeButNotThePodsMemcg() throws Exception {
        EvaluationResult r = evaluate(scenario("6.1", "\"listener\": { \"backlog\": 511, \"unaccepted\": 800 }"));
        PodResult pod = r.pods().get(0);
        AcceptQueueResult q = pod.workloads().get(0).acceptQueue().orElseThrow();
        assertThat(q.capacity()).isEqualTo(512);
        assertThat(q.queued()).isEqualTo(512);
        assertThat(q.dropped()).isEqualTo(288);
        assertThat(q.peakPagesPerConnection()).isEqualTo(32.0);
        assertThat(q.peakPages()).isEqualTo(512 * 32);
        assertThat(q.chargedToPod()).isFalse();
        // the node and the pod's share of it hold them; the pod's memory cgroup does not (yet)
        assertThat(pod.workloads().get(0).peakPages()).isEqualTo(200 * 3);
        assertThat(r.node().peakPages()).isEqualTo(512 * 32 + 600);
        assertThat(pod.peakPages()).isEqualTo(512 * 32 + 600);
        assertThat(pod.memcg().chargedBytesPeak()).isEqualTo(600L * 4096);
        assertThat(r.series().podPages()).containsOnlyKeys("nginx");
        assertThat(dev.tcpmem.model.verdict.Verdict.of(new ScenarioReader(CATALOG).read(scenario("6.1",
                "\"listener\": { \"backlog\": 511, \"unaccepted\": 800 }"), "t"), r).details())
                .anySatisfy(d -> assertThat(d).contains("512 connections waiting for accept() hold 16,384 pages")
                        .contains("does not see until accept()").contains("288 more handshakes are dropped"));
    }

    @Test
    void beforeLateMemcgAssociationTheListenersCgroupPaysFromTheStart() throws Exception {
        // 4.15: the child socket inherited the listener's memcg in sk_clone_lock(); somaxconn was 128 then,
        // so listen(fd, 511) holds 129
        EvaluationResult r = evaluate(scenario("4.15", "\"listener\": { \"backlog\": 511, \"unaccepted\": 800 }"));
        AcceptQueueResult q = r.pods().get(0).workloads().get(0).acceptQueue().orElseThrow();
        assertThat(q.capacity()).isEqualTo(129);
        assertThat(q.chargedToPod()).isTrue();
        // tcp_rmem[1] was 87380 before 4.20: ceil(87380 / 4096) = 22 pages each
        assertThat(q.peakPages()).isEqualTo(129 * 22);
        assertThat(r.pods().get(0).memcg().chargedBytesPeak()).isEqualTo((129L * 22 + 600) * 4096);
    }

    @Test
    void anAcceptLoopThatStallsForFiveSecondsFillsTheQueueThenGivesItBack() throws Exception {
        // at 10 s the application stops accepting and 600 connections pile up for 5 s; the queue holds 512 of them
        // (listen(511)), 88 handshakes are dropped, 400 stay accepted and draining (3 pages each, as above)
        String json = scenario("6.1", "\"listener\": { \"backlog\": 511 }").replace("\"events\": []",
                "\"events\": [ { \"atSeconds\": 10, \"pod\": \"nginx\", \"workload\": \"clients\","
                        + " \"set\": { \"unaccepted\": 600 }, \"forSeconds\": 5 } ]")
                .replace("\"durationSeconds\": 5", "\"durationSeconds\": 20");
        EvaluationResult r = evaluate(json);
        assertThat(Fixtures.nodePagesAt(r, 5.0)).isEqualTo(1000 * 3);
        assertThat(Fixtures.nodePagesAt(r, 12.0)).isEqualTo(400 * 3 + 512 * 32);
        assertThat(Fixtures.nodePagesAt(r, 20.0)).isEqualTo(1000 * 3);
        AcceptQueueResult q = r.pods().get(0).workloads().get(0).acceptQueue().orElseThrow();
        assertThat(q.queued()).isEqualTo(512);
        assertThat(q.dropped()).isEqualTo(88);
        assertThat(q.peakPages()).isEqualTo(512 * 32);
        // the memory cgroup only ever saw the accepted connections
        assertThat(r.pods().get(0).memcg().chargedBytesPeak()).isEqualTo(1000L * 3 * 4096);
        Scenario s = new ScenarioReader(CATALOG).read(json, "t");
        assertThat(dev.tcpmem.model.verdict.Verdict.of(s, r).details())
                .anySatisfy(d -> assertThat(d).contains("512 connections waiting for accept()"));
    }

    @Test
    void theAcceptLoopStallSampleCrossesPressureWithMemoryNoPodLimitSees() throws Exception {
        // 3,000 waiting connections inherit SO_RCVBUF 1 MiB, doubled to 2 MiB = 512 pages each when full:
        // 1,536,000 pages, past the 64 GiB node's pressure line (1,045,422) once each holds more than
        // (1,045,422 - 61,900 before the stall) / 3,000 = 328 pages, about 1.3 MB: some 2.6 s at 500 KB/s.
        var sample = dev.tcpmem.io.SampleScenarios.list().stream()
                .filter(x -> x.file().equals("accept-loop-stall.tcpmem.json")).findFirst().orElseThrow();
        Scenario s = dev.tcpmem.io.SampleScenarios.load(sample, CATALOG);
        EvaluationResult r = ScenarioEvaluator.evaluate(s, CATALOG);
        assertThat(r.node().state()).isEqualTo(dev.tcpmem.model.node.MemoryState.PRESSURE);
        assertThat(r.node().firstPressureSeconds()).isBetween(32.0, 33.5);
        // the gateway's memory cgroup saw only its accepted connections: 20,000 x 3 pages before the stall
        assertThat(r.pods().get(0).memcg().chargedBytesPeak()).isEqualTo(20_000L * 3 * 4096);
    }


    static String withEvents(String listener, String events) {
        return scenario("6.1", listener).replace("\"events\": []", "\"events\": [ " + events + " ]")
                .replace("\"durationSeconds\": 5", "\"durationSeconds\": 20");
    }

    static String event(double at, String set, String forSeconds) {
        return "{ \"atSeconds\": " + at + ", \"pod\": \"nginx\", \"workload\": \"clients\", \"set\": { " + set + " }"
                + (forSeconds.isEmpty() ? "" : ", \"forSeconds\": " + forSeconds) + " }";
    }

    @Test
    void closingWhileTheAcceptLoopStallsTakesAcceptedConnectionsAndStaysClosedAfterItCatchesUp() throws Exception {
        // one event at 10 s: the accept loop stalls with 600 of the 1,000 waiting (512 queued, 88 dropped, 400
        // accepted) and the application closes 100 of the connections it has, the accepted ones: 300 stay
        // accepted and draining at 3 pages each = 900, plus 512 x 32 = 16,384 queued: 17,284 pages. The idle writer
        // left nothing unsent, so the 100 orphans hold no pages. At 15 s the loop catches up (unaccepted back to
        // 0); the closed connections stay closed (900 connections in all): 900 x 3 = 2,700 pages.
        EvaluationResult r = evaluate(withEvents("\"listener\": { \"backlog\": 511 }",
                event(10, "\"unaccepted\": 600, \"closed\": 100", "5")));
        assertThat(Fixtures.nodePagesAt(r, 5.0)).isEqualTo(1000 * 3);
        assertThat(Fixtures.nodePagesAt(r, 12.0)).isEqualTo(300 * 3 + 512 * 32);
        assertThat(Fixtures.nodePagesAt(r, 20.0)).isEqualTo(900 * 3);
        var w = r.pods().get(0).workloads().get(0);
        AcceptQueueResult q = w.acceptQueue().orElseThrow();
        assertThat(q.queued()).isEqualTo(512);
        assertThat(q.dropped()).isEqualTo(88);
        assertThat(w.orphans().orElseThrow().peakOrphans()).isEqualTo(100);
        assertThat(w.finalPages()).isEqualTo(900 * 3);
        // the cgroup saw the accepted connections only, the most before the stall
        assertThat(r.pods().get(0).memcg().chargedBytesPeak()).isEqualTo(1000L * 3 * 4096);
    }

    @Test
    void connectionsChangingWhileSomeWaitChangeTheAcceptedOnesAndRevertToTheCountAfterAClose() throws Exception {
        // 1,000 connections, 800 waiting: 512 queued (16,384 pages), 200 accepted (600 pages). At 5 s the application
        // closes 100 of its 200: 100 accepted, 900 connections. At 10 s 600 more clients connect for 5 s (1,500):
        // 800 still wait, so 700 are accepted: 2,100 + 16,384 = 18,484 pages. At 15 s the count goes back to what it
        // was before that event, 900 (the closed ones stay closed): 100 accepted, 300 + 16,384 = 16,684 pages.
        EvaluationResult r = evaluate(withEvents("\"listener\": { \"backlog\": 511, \"unaccepted\": 800 }",
                event(5, "\"closed\": 100", "") + ", " + event(10, "\"connections\": 1500", "5")));
        assertThat(Fixtures.nodePagesAt(r, 4.0)).isEqualTo(200 * 3 + 512 * 32);
        assertThat(Fixtures.nodePagesAt(r, 7.0)).isEqualTo(100 * 3 + 512 * 32);
        assertThat(Fixtures.nodePagesAt(r, 12.0)).isEqualTo(700 * 3 + 512 * 32);
        assertThat(Fixtures.nodePagesAt(r, 20.0)).isEqualTo(100 * 3 + 512 * 32);
        AcceptQueueResult q = r.pods().get(0).workloads().get(0).acceptQueue().orElseThrow();
        assertThat(q.unaccepted()).isEqualTo(800);
        assertThat(q.queued()).isEqualTo(512);
        assertThat(r.pods().get(0).workloads().get(0).finalPages()).isEqualTo(100 * 3);
        assertThat(r.pods().get(0).memcg().chargedBytesPeak()).isEqualTo(700L * 3 * 4096);
    }

    @Test
    void withoutABacklogTheListenerAsksForSomaxconn() throws Exception {
        String json = scenario("6.1", "\"listener\": { \"unaccepted\": 800 }")
                .replace("\"cgroup\": \"v2\" }", "\"cgroup\": \"v2\", \"sysctls\": { \"net.core.somaxconn\": \"256\" } }");
        AcceptQueueResult q = evaluate(json).pods().get(0).workloads().get(0).acceptQueue().orElseThrow();
        assertThat(q.capacity()).isEqualTo(257);
        assertThat(q.queued()).isEqualTo(257);
    }

    @Test
    void moreWaitingThanConnectionsIsAnErrorAtItsPlace() {
        assertThatThrownBy(() -> evaluate(scenario("6.1", "\"listener\": { \"unaccepted\": 1001 }")))
                .isInstanceOf(InputFormatException.class)
                .hasMessageContaining("pods[0].workloads[0].listener.unaccepted")
                .hasMessageContaining("at most 1000");
    }

    @Test
    void listenerSurvivesASaveAndReload() throws Exception {
        Scenario s = new ScenarioReader(CATALOG).read(scenario("6.1",
                "\"listener\": { \"backlog\": 511, \"unaccepted\": 800 }"), "a.tcpmem.json");
        String saved = ScenarioWriter.toJson(s);
        assertThat(new ScenarioReader(CATALOG).read(saved, "b.tcpmem.json")).isEqualTo(s);
    }
}
