package dev.tcpmem.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcpmem.io.calibration.AcceptQueueComparison;
import dev.tcpmem.io.calibration.AcceptQueueRecording;
import dev.tcpmem.io.calibration.RecordingComparison;
import dev.tcpmem.io.calibration.Tolerances;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.AcceptQueueResult;
import dev.tcpmem.model.result.EvaluationResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays tools/calibrate/accept_queue.py recordings: a listener that does not accept, clients over a veth pair at
 * MTU 1500 writing until full, in a cgroup-v1 memory cgroup with its own TCP limit. The recording becomes scenarios
 * through the app's own mapping ({@code AcceptQueueRecordingReader}, shared with the {@code fidelity} command); the
 * measured numbers are read here straight from the recording's JSON.
 *
 * <p>Exact: how many connections the accept queue holds (min(backlog, somaxconn) + 1), and that the cgroup pays
 * nothing until accept(). Within 10 % ({@link Tolerances#ACCEPT_QUEUE_RELATIVE}, the calibration issue's): pages per
 * waiting socket, which the kernel measures as sk_mem_pages() of what arrived before the window closed (31–32 pages
 * here, the last skb's fit deciding), and the cgroup's TCP usage once accept() has charged them.
 */
class AcceptQueueReplayTest {

    private static final SysctlCatalog CATALOG = SysctlCatalog.bundled();
    static final Path DIR = Path.of("src/test/resources/calibration-accept");
    static final List<String> CASES = List.of("veth-20-waiting-backlog-8", "veth-100-waiting-backlog-511",
            "veth-1000-waiting-backlog-4096");

    static Stream<String> cases() {
        return CASES.stream();
    }

    static JsonNode json(String name) throws IOException {
        return new ObjectMapper().readTree(DIR.resolve(name + ".json").toFile());
    }

    static AcceptQueueRecording recording(String name) {
        return (AcceptQueueRecording) Recordings.read(DIR.resolve(name + ".json"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theQueueHoldsWhatTheKernelHeldAndTheCgroupPaysOnlyOnAccept(String name) throws Exception {
        JsonNode rec = json(name);
        JsonNode waiting = rec.get("waiting");
        AcceptQueueRecording mapped = recording(name);
        EvaluationResult r = ScenarioEvaluator.evaluate(mapped.waiting(), CATALOG);
        AcceptQueueResult q = r.pods().get(0).workloads().get(0).acceptQueue().orElseThrow();

        assertThat(q.queued()).as("connections established in the accept queue")
                .isEqualTo(waiting.get("established").get("count").asLong());
        assertThat(r.pods().get(0).memcg().chargedBytesPeak()).as("cgroup TCP usage while waiting")
                .isEqualTo(waiting.get("cgroupTcpUsageBytes").asLong());
        double measuredPages = waiting.get("established").get("pagesPerSocketMean").asDouble();
        assertThat(q.peakPagesPerConnection()).as("pages per waiting socket")
                .isCloseTo(measuredPages, within(Tolerances.waitingSocketPages(measuredPages)));

        EvaluationResult accepted = ScenarioEvaluator.evaluate(mapped.accepted(), CATALOG);
        double measuredCharge = rec.get("afterAccept").get("cgroupTcpUsageBytes").asDouble();
        assertThat((double) accepted.pods().get(0).memcg().chargedBytesPeak()).as("cgroup TCP usage after accept()")
                .isCloseTo(measuredCharge, within(Tolerances.acceptedUsageBytes(measuredCharge)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theFidelityComparisonComparesTheRecordingsOwnNumbersAndHoldsThem(String name) throws Exception {
        JsonNode rec = json(name);
        AcceptQueueComparison c = (AcceptQueueComparison) RecordingComparison.of(recording(name), CATALOG);
        assertThat(c.pagesPerWaitingSocket().measured())
                .isEqualTo(rec.get("waiting").get("established").get("pagesPerSocketMean").asDouble());
        assertThat(c.usageAfterAccept().measured()).isEqualTo(rec.get("afterAccept").get("cgroupTcpUsageBytes").asDouble());
        assertThat(c.queued().kernel()).isEqualTo(rec.get("waiting").get("established").get("count").asText());
        assertThat(c.usageWhileWaiting().kernel()).isEqualTo(rec.get("waiting").get("cgroupTcpUsageBytes").asText());
        assertThat(c.within()).as("%s", c).isTrue();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theQueueIsTheKernelsMinOfBacklogAndSomaxconnPlusOne(String name) throws Exception {
        // listen() caps the backlog at somaxconn (__sys_listen, https://github.com/torvalds/linux/blob/master/net/socket.c)
        // and the queue is full only above it (sk_acceptq_is_full: ack_backlog > max_ack_backlog,
        // https://github.com/torvalds/linux/blob/master/include/net/sock.h), so it holds min(backlog, somaxconn) + 1
        JsonNode rec = json(name);
        long held = Math.min(rec.get("connections").asLong(),
                Math.min(rec.get("backlog").asLong(), rec.get("somaxconn").asLong()) + 1);
        assertThat(rec.get("waiting").get("established").get("count").asLong()).isEqualTo(held);
        assertThat(ScenarioEvaluator.evaluate(recording(name).accepted(), CATALOG).pods().get(0).workloads().get(0)
                .connections()).isEqualTo(held);
    }
}
