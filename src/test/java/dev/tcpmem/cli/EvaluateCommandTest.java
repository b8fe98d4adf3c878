package dev.tcpmem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    private static final Path SAMPLES = Path.of("resources/scenarios");

    @Test
    void jsonHasEveryContractField() throws Exception {
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("evaluate", SAMPLES.resolve("cassandra-seed.tcpmem.json").toString(), "--json");
        assertThat(r.exit()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("format").asText()).isEqualTo("tcpmem-result/1");
        assertThat(j.get("kernel").asText()).isEqualTo("5.15");
        assertThat(j.get("pageSize").asInt()).isEqualTo(4096);
        JsonNode node = j.get("node");
        for (String f : new String[] {"peakPages", "finalPages", "state", "firstPressureSeconds", "firstHighSeconds"}) {
            assertThat(node.has(f)).as(f).isTrue();
        }
        // 64 GiB on 5.15 without a tcp_mem override: worked by hand in RamDerivedDefaultsTest
        assertThat(node.get("tcpMem").get("pressure").asLong()).isEqualTo(1_045_422);
        JsonNode pod = j.get("pods").get(0);
        assertThat(pod.get("name").asText()).isEqualTo("cassandra-0");
        assertThat(pod.get("memcg").has("chargedBytesPeak")).isTrue();
        assertThat(pod.get("memcg").get("limitBytes").asLong()).isEqualTo(32L << 30);
        JsonNode w = pod.get("workloads").get(0);
        assertThat(w.get("connections").asLong()).isEqualTo(10_000);
        JsonNode socket = w.get("socket");
        for (String f : new String[] {"rcvbufInitial", "rcvbufMax", "sndbufInitial", "sndbufMax", "autotuning", "windowScale",
                "windowMax", "bdpBytes", "throughputCeilingBytesPerSecond"}) {
            assertThat(socket.has(f)).as(f).isTrue();
        }
        // tcp_rmem "4096 87380 16777216" in the pod: initial 87380, max 16 MiB, autotuning on
        assertThat(socket.get("rcvbufInitial").asLong()).isEqualTo(87_380);
        assertThat(socket.get("rcvbufMax").asLong()).isEqualTo(16_777_216);
        assertThat(socket.get("autotuning").asBoolean()).isTrue();
        // 180 s at 100 ms: 1,801 points, one per pod too
        JsonNode series = j.get("series");
        assertThat(series.get("timeSeconds").size()).isEqualTo(series.get("nodePages").size());
        assertThat(series.get("podPages").get("web-0").size()).isEqualTo(series.get("nodePages").size());
    }

    @Test
    void aBandAppearsOnlyWhereTheFinalValueIsAnEstimate() throws Exception {
        // kafka-brokers: kafka-0's replication-out is a bulk writer whose reader (kafka-1's replication-in) is on the
        // node: CPU-bound, so the writer holds anything from 0 to sk_sndbuf + one skb = 8388608 + 65160 + 832 =
        // 8454600 bytes -> ceil(2064.1) = 2065 pages (the model: a full 8 MiB sk_sndbuf, 2048); the producers (a rate
        // from off the node) come from exact rules and carry no band.
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("evaluate", SAMPLES.resolve("kafka-brokers.tcpmem.json").toString(), "--json");
        assertThat(r.exit()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode kafka0 = j.get("pods").get(0);
        assertThat(kafka0.get("name").asText()).isEqualTo("kafka-0");
        JsonNode out = null;
        for (JsonNode w : kafka0.get("workloads")) {
            if (w.get("name").asText().equals("replication-out")) {
                out = w;
            } else {
                assertThat(w.has("finalPagesPerConnectionBand")).as(w.get("name").asText()).isFalse();
            }
        }
        assertThat(out.get("finalPagesPerConnection").asDouble()).isEqualTo(2048);
        JsonNode band = out.get("finalPagesPerConnectionBand");
        assertThat(band.get("low").asDouble()).isZero();
        assertThat(band.get("high").asDouble()).isEqualTo(2065);
        assertThat(band.get("why").asText()).contains("sk_sndbuf");
    }

    @Test
    void tcpMemSetOnTheNodeIsUsedAsIs(@TempDir Path dir) throws Exception {
        String text = Files.readString(SAMPLES.resolve("cassandra-seed.tcpmem.json"))
                .replace("\"net.core.rmem_max\": \"16777216\",", "\"net.ipv4.tcp_mem\": \"786432 1048576 1572864\", \"net.core.rmem_max\": \"16777216\",");
        Path f = dir.resolve("s.tcpmem.json");
        Files.writeString(f, text);
        JsonNode j = new ObjectMapper().readTree(SysctlsCommandTest.run("evaluate", f.toString(), "--json").out());
        assertThat(j.get("node").get("tcpMem").get("low").asLong()).isEqualTo(786_432);
        assertThat(j.get("node").get("tcpMem").get("high").asLong()).isEqualTo(1_572_864);
    }

    @Test
    void failOnExitsOneWhenTheStateIsReachedAndStillPrints() {
        // the incident sample crosses pressure at about 22.6 s (see its description); the healthy node stays normal
        SysctlsCommandTest.Run incident = SysctlsCommandTest.run("evaluate",
                SAMPLES.resolve("incident-pressure.tcpmem.json").toString(), "--fail-on", "pressure");
        assertThat(incident.exit()).isEqualTo(1);
        assertThat(incident.out()).contains("Verdict:");
        SysctlsCommandTest.Run healthy = SysctlsCommandTest.run("evaluate",
                SAMPLES.resolve("healthy-web-node.tcpmem.json").toString(), "--fail-on", "pressure");
        assertThat(healthy.exit()).isZero();
    }

    @Test
    void badScenarioIsExitTwoWithPlaceAndNoStackTrace(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.tcpmem.json");
        Files.writeString(f, Files.readString(SAMPLES.resolve("healthy-web-node.tcpmem.json")).replace("\"rttMs\": 40", "\"rttMs\": \"fast\""));
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("evaluate", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: " + f).contains("$.pods[0].workloads[0].rttMs").contains("expected a number")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingFileIsExitTwo() {
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("evaluate", "/nonexistent/x.tcpmem.json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no such file");
    }

    @Test
    void readableSummaryNamesTheVerdictAndEachPod() {
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("evaluate", SAMPLES.resolve("cassandra-seed.tcpmem.json").toString());
        assertThat(r.out()).contains("tcp_mem: low 784,065 / pressure 1,045,422 / high 1,568,130 pages")
                .contains("Verdict:").contains("cassandra-0").contains("web-0").contains("web-1");
    }
}
