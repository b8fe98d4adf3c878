package dev.tcpmem.io.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tcpmem.io.InputFormatException;
import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.io.importers.ImportException;
import dev.tcpmem.io.importers.ImportInput;
import dev.tcpmem.io.importers.ImportResult;
import dev.tcpmem.io.importers.PodManifestImporter;
import dev.tcpmem.io.importers.SockstatImporter;
import dev.tcpmem.io.importers.SsImporter;
import dev.tcpmem.io.importers.SysctlDumpImporter;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every class of bad input the issue names, fed through the file path a user takes (scenario files through
 * {@code ScenarioReader.read(Path)}, importer input through {@code ImportInput.read(Path)}), each with the outcome a
 * user sees: an error naming file, place and fix, or a documented reading. The table is docs/bad-input.md; this
 * test fails when that file is out of date (regenerate with {@code -Dtcpmem.writeDocs=true}).
 */
class BadInputCatalogTest {

    private static final SysctlCatalog CATALOG = SysctlCatalog.bundled();
    private static final Path DOC = Path.of("docs/bad-input.md");

    @TempDir
    Path dir;

    enum Target { SCENARIO, SYSCTL, SOCKSTAT, SS, POD }

    /** @param expect what the outcome must contain (checked, so the table cannot drift into nonsense) */
    record Case(String badClass, String input, Target target, byte[] bytes, String expect, Predicate<Object> accepted) {
    }

    private static String resource(String path) {
        try (InputStream in = BadInputCatalogTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String SEED = resource("/dev/tcpmem/scenarios/cassandra-seed.tcpmem.json");

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The Cassandra sample with one literal replaced (each must occur in it). */
    private static byte[] seedWith(String from, String to) {
        assertThat(SEED).contains(from);
        return utf8(SEED.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }

    private static String minimal(String node, String pods) {
        return "{\"format\": \"tcpmem-scenario/1\", \"name\": \"n\", \"node\": {" + node + "}, \"pods\": [" + pods + "]}";
    }

    private static final String NODE = "\"memory\": \"64GiB\", \"kernel\": \"6.1\"";

    private static String workload(String name, String connections) {
        return "{\"name\": \"" + name + "\", \"connections\": " + connections + ", \"rttMs\": 1}";
    }

    private static Case error(String badClass, String input, Target t, byte[] bytes, String expect) {
        return new Case(badClass, input, t, bytes, expect, null);
    }

    private static Case reading(String badClass, String input, Target t, byte[] bytes, String expect, Predicate<Object> ok) {
        return new Case(badClass, input, t, bytes, expect, ok);
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        byte[] random = new byte[4096];
        new java.util.Random(9).nextBytes(random);
        String sysctl = resource("/import/sysctl-a-netns-6.18.txt");
        String ss = resource("/import/ss-tmi-loopback-6.18.txt");
        String sockstat = resource("/import/sockstat-netns-6.18.txt");
        String manifest = resource("/import/cassandra-statefulset.yaml");
        Target S = Target.SCENARIO;

        // --- scenario files
        c.add(error("random bytes", "4 KiB of random bytes", S, random, "not UTF-8"));
        c.add(error("non-UTF-8", "the sample saved as Latin-1 with \"é\" in its name", S,
                SEED.replace("Cassandra", "Cassandré").getBytes(StandardCharsets.ISO_8859_1), "not UTF-8"));
        c.add(error("empty file", "0 bytes", S, new byte[0], "the file is empty"));
        c.add(error("truncated", "the sample cut in half", S, utf8(SEED.substring(0, SEED.length() / 2)), "not valid JSON"));
        c.add(error("not JSON", "YAML instead of JSON", S, utf8("format: tcpmem-scenario/1\nname: x\n"), "not valid JSON"));
        c.add(error("wrong type", "\"connections\": \"many\"", S, utf8(minimal(NODE, "{\"name\": \"p\", \"workloads\": ["
                + workload("w", "\"many\"") + "]}")), "$.pods[0].workloads[0].connections: expected a whole number"));
        c.add(error("wrong type", "\"pods\": {}", S, utf8(minimal(NODE, "").replace("\"pods\": []", "\"pods\": {}")),
                "$.pods: expected an array"));
        c.add(error("negative number", "\"connections\": -1", S, utf8(minimal(NODE, "{\"name\": \"p\", \"workloads\": ["
                + workload("w", "-1") + "]}")), "-1 is out of range"));
        c.add(error("fraction", "\"connections\": 1.5", S, utf8(minimal(NODE, "{\"name\": \"p\", \"workloads\": ["
                + workload("w", "1.5") + "]}")), "expected a whole number"));
        c.add(error("huge number", "\"connections\": 100000000000 (over the 100,000,000 limit)", S,
                utf8(minimal(NODE, "{\"name\": \"p\", \"workloads\": [" + workload("w", "100000000000") + "]}")), "out of range"));
        c.add(error("64-bit overflow", "\"connections\": 99999999999999999999", S, utf8(minimal(NODE,
                "{\"name\": \"p\", \"workloads\": [" + workload("w", "99999999999999999999") + "]}")), "expected a whole number"));
        c.add(error("64-bit overflow in sizes", "\"memory\": \"99999999999TiB\"", S, utf8(minimal(
                "\"memory\": \"99999999999TiB\", \"kernel\": \"6.1\"", "")), "too large (over 8 EiB)"));
        c.add(error("size out of range", "\"memory\": \"9223372036854775807\" (bytes)", S, utf8(minimal(
                "\"memory\": \"9223372036854775807\", \"kernel\": \"6.1\"", "")), "node memory must be from 128MiB to 64TiB"));
        c.add(error("64-bit overflow in page counts", "tcp_mem \"1 2 99999999999999999999\"", S, utf8(minimal(NODE
                + ", \"sysctls\": {\"net.ipv4.tcp_mem\": \"1 2 99999999999999999999\"}", "")), "is not an integer"));
        c.add(error("32-bit overflow in sizes", "net.core.rmem_max \"2147483648\" (an int in the kernel)", S, utf8(minimal(NODE
                + ", \"sysctls\": {\"net.core.rmem_max\": \"2147483648\"}", "")), "32-bit int"));
        c.add(error("32-bit overflow in sizes", "tcp_rmem \"4096 87380 9223372036854775807\"", S, utf8(minimal(NODE
                + ", \"sysctls\": {\"net.ipv4.tcp_rmem\": \"4096 87380 9223372036854775807\"}", "")), "32-bit int"));
        c.add(reading("huge page counts", "tcp_mem \"9223372036854775806 9223372036854775806 9223372036854775807\" (a long)", S,
                utf8(minimal(NODE + ", \"sysctls\": {\"net.ipv4.tcp_mem\": \"9223372036854775806 9223372036854775806 "
                        + "9223372036854775807\"}", "{\"name\": \"p\", \"workloads\": [" + workload("w", "100000000") + "]}")),
                "valid (the kernel holds longs): evaluates, never reaching pressure, without overflow", s -> {
                    var r = dev.tcpmem.model.ScenarioEvaluator.evaluate((Scenario) s, CATALOG);
                    return r.node().state() == dev.tcpmem.model.node.MemoryState.NORMAL && r.node().peakPages() >= 0;
                }));
        c.add(error("negative page counts", "tcp_mem \"-1 0 1\"", S, utf8(minimal(NODE
                + ", \"sysctls\": {\"net.ipv4.tcp_mem\": \"-1 0 1\"}", "")), "out of range"));
        c.add(error("NaN", "\"rttMs\": NaN", S, seedWith("\"rttMs\": 0.5", "\"rttMs\": NaN"), "not valid JSON"));
        c.add(error("Infinity", "\"rttMs\": Infinity", S, seedWith("\"rttMs\": 0.5", "\"rttMs\": Infinity"), "not valid JSON"));
        c.add(error("Infinity", "\"rttMs\": 1e309 (overflows a double)", S, seedWith("\"rttMs\": 0.5", "\"rttMs\": 1e309"),
                "out of range"));
        c.add(error("duplicate names", "two pods named a", S, utf8(minimal(NODE, "{\"name\": \"a\"}, {\"name\": \"a\"}")),
                "duplicate pod name \"a\""));
        c.add(error("duplicate names", "two workloads named w in one pod", S, utf8(minimal(NODE, "{\"name\": \"a\", "
                + "\"workloads\": [" + workload("w", "1") + ", " + workload("w", "1") + "]}")), "duplicate workload name"));
        c.add(error("duplicate keys", "\"name\" twice in one object", S, utf8(minimal(NODE, "{\"name\": \"a\", \"name\": \"b\"}")),
                "Duplicate field 'name'"));
        c.add(error("unknown sysctl", "net.ipv4.tcp_rmemm (a typo)", S, utf8(minimal(NODE
                + ", \"sysctls\": {\"net.ipv4.tcp_rmemm\": \"4096 87380 6291456\"}", "")), "did you mean net.ipv4.tcp_rmem?"));
        c.add(reading("unknown sysctl", "vm.swappiness (outside net.ipv4.tcp_* and net.core.*)", S, utf8(minimal(NODE
                + ", \"sysctls\": {\"vm.swappiness\": \"10\"}", "")), "kept as written, not modelled",
                s -> ((Scenario) s).node().sysctls().get("vm.swappiness").equals("10")));
        c.add(error("unknown field", "\"colour\" in node", S, utf8(minimal(NODE + ", \"colour\": 1", "")),
                "unknown field \"colour\""));
        c.add(error("very long line", "a 2 MB pod name on one line", S, utf8(minimal(NODE, "{\"name\": \"" + "x".repeat(2_000_000)
                + "\"}")), "String value length"));
        c.add(error("very long line", "a 300-character pod name", S, utf8(minimal(NODE, "{\"name\": \"" + "x".repeat(300)
                + "\"}")), "1 to 253 characters"));
        c.add(error("very long number", "a 200-digit number", S, utf8(minimal(NODE, "{\"name\": \"p\", \"workloads\": ["
                + workload("w", "1".repeat(200)) + "]}")), "Number value length"));
        c.add(error("deep nesting", "10,000 nested arrays", S, utf8("[".repeat(10_000) + "]".repeat(10_000)),
                "nesting depth"));
        c.add(error("file over the size limit", "a 17 MiB file (limit 16 MiB)", S, utf8(" ".repeat(17 << 20)),
                "larger than 16 MiB"));
        c.add(error("too many pods", "5,001 pods (limit 5,000)", S, utf8(minimal(NODE, String.join(", ",
                java.util.Collections.nCopies(5001, "{\"name\": \"p\"}")))), "more than the 5000"));
        c.add(error("too many timeline steps", "a week at 1 ms steps", S, utf8(minimal(NODE, "").replace("\"pods\": []",
                "\"pods\": [], \"timeline\": {\"durationSeconds\": 604800, \"stepMillis\": 1}")), "more than 10000000 steps"));
        c.add(error("code from a file", "\"@class\": \"java.lang.ProcessBuilder\" at the top", S,
                utf8(minimal(NODE, "").replace("{\"format\"", "{\"@class\": \"java.lang.ProcessBuilder\", \"format\"")),
                "unknown field \"@class\""));
        c.add(error("NUL bytes", "a NUL byte inside the JSON", S, seedWith("\"pods\"", "\u0000\"pods\""), "not valid JSON"));
        c.add(reading("byte order mark", "the sample with a UTF-8 BOM (Windows editors)", S,
                utf8("\uFEFF" + SEED), "read as UTF-8", s -> ((Scenario) s).name().contains("Cassandra")));

        // --- sysctl -a
        c.add(error("random bytes", "4 KiB of random bytes", Target.SYSCTL, random, "not UTF-8 text"));
        c.add(error("wrong format", "ss -tmi output given to the sysctl importer", Target.SYSCTL, utf8(ss),
                "expected \"name = value\""));
        c.add(error("empty file", "only comments", Target.SYSCTL, utf8("# nothing\n"), "no \"name = value\" lines"));
        c.add(error("truncated", "sysctl -a cut in half, inside a name", Target.SYSCTL, utf8(sysctl.substring(0, sysctl.length() / 2)),
                "expected \"name = value\""));
        c.add(reading("64-bit overflow in page counts", "net.ipv4.tcp_mem = 1 2 99999999999999999999", Target.SYSCTL,
                utf8("net.ipv4.tcp_mem = 1 2 99999999999999999999\nnet.ipv4.tcp_sack = 1\n"),
                "left out net.ipv4.tcp_mem", r -> !((ImportResult) r).scenario().node().sysctls().containsKey("net.ipv4.tcp_mem")));
        c.add(reading("duplicate names", "net.ipv4.tcp_sack twice (1, then 0)", Target.SYSCTL,
                utf8("net.ipv4.tcp_sack = 1\nnet.ipv4.tcp_sack = 0\n"), "the last line wins, as sysctl -p applies them",
                r -> "0".equals(((ImportResult) r).scenario().node().sysctls().get("net.ipv4.tcp_sack"))));
        c.add(reading("unknown sysctl", "net.ipv4.tcp_frobnicate = 3", Target.SYSCTL,
                utf8("net.ipv4.tcp_frobnicate = 3\n"), "kept in the description",
                r -> ((ImportResult) r).scenario().description().contains("tcp_frobnicate")));
        c.add(reading("very long line", "a 1 MB value on one line", Target.SYSCTL,
                utf8("net.ipv4.tcp_congestion_control = " + "x".repeat(1_000_000) + "\n"), "left out net.ipv4.tcp_congestion_control",
                r -> !((ImportResult) r).scenario().node().sysctls().containsKey("net.ipv4.tcp_congestion_control")));
        c.add(error("file over the size limit", "33 MiB (limit 32 MiB)", Target.SYSCTL, utf8("a = 1\n".repeat((33 << 20) / 6 + 1)),
                "larger than 32 MiB"));

        // --- /proc/net/sockstat
        c.add(error("random bytes", "4 KiB of random bytes", Target.SOCKSTAT, random, "not UTF-8 text"));
        c.add(error("wrong format", "sysctl -a output given to the sockstat importer", Target.SOCKSTAT, utf8(sysctl),
                "no \"TCP:\" line"));
        c.add(error("truncated", "the TCP line cut after \"alloc 5\"", Target.SOCKSTAT,
                utf8("sockets: used 5\nTCP: inuse 3 orphan 0 tw 0 alloc 5\n"), "expected \"TCP: inuse N orphan N"));
        c.add(error("negative number", "mem -5", Target.SOCKSTAT, utf8("TCP: inuse 3 orphan 0 tw 0 alloc 5 mem -5\n"),
                "expected \"TCP: inuse N orphan N"));
        c.add(error("64-bit overflow in page counts", "mem 99999999999999999999", Target.SOCKSTAT,
                utf8("TCP: inuse 3 orphan 0 tw 0 alloc 5 mem 99999999999999999999\n"), "a count is too large"));
        c.add(reading("duplicate names", "two TCP: lines", Target.SOCKSTAT, utf8(sockstat + "TCP: inuse 1 orphan 0 tw 0 alloc 1 mem 7\n"),
                "the first TCP: line is read", r -> ((ImportResult) r).scenario().node().observed().get().tcpMemPages() != 7));

        // --- ss -tmi
        c.add(error("random bytes", "4 KiB of random bytes", Target.SS, random, "not UTF-8 text"));
        c.add(error("wrong format", "sysctl -a output given to the ss importer", Target.SS, utf8(sysctl),
                "expected \"[State] Recv-Q Send-Q Local:Port Peer:Port\""));
        c.add(error("truncated", "only the header line", Target.SS, utf8(ss.lines().findFirst().orElseThrow() + "\n"),
                "no sockets found"));
        c.add(error("negative number", "Recv-Q -5", Target.SS, utf8("ESTAB -5 0 127.0.0.1:80 127.0.0.1:40000\n"),
                "Recv-Q and Send-Q must be whole numbers"));
        c.add(error("64-bit overflow", "Send-Q 99999999999999999999", Target.SS,
                utf8("ESTAB 0 99999999999999999999 127.0.0.1:80 127.0.0.1:40000\n"), "Recv-Q and Send-Q must be whole numbers"));
        c.add(reading("64-bit overflow in sizes", "skmem:(r99999999999999999999,rb1) on a socket", Target.SS,
                utf8("ESTAB 0 0 127.0.0.1:80 127.0.0.1:40000\n\t skmem:(r99999999999999999999,rb1,t0,tb1,f0,w0,o0,bl0,d0)\n"),
                "a value that does not fit 64 bits counts as not printed (0)", r -> true));
        c.add(error("truncated", "a socket line cut after the last colon", Target.SS,
                utf8("ESTAB 0 0 127.0.0.1:80 127.0.0.1:\n"), "is not an address:port"));
        c.add(error("huge number", "port 99999999999999999999", Target.SS,
                utf8("ESTAB 0 0 127.0.0.1:99999999999999999999 127.0.0.1:40000\n"), "is not an address:port"));
        c.add(error("details first", "an indented skmem line before any socket", Target.SS, utf8("\t skmem:(r0,rb1)\n"),
                "details before any socket line"));

        // --- Kubernetes manifests
        c.add(error("random bytes", "4 KiB of random bytes", Target.POD, random, "not UTF-8 text"));
        c.add(error("truncated", "the StatefulSet cut in its first line", Target.POD, utf8("apiVersion: apps/v1\nkind: [Statef"),
                "not a readable YAML/JSON manifest"));
        c.add(error("wrong type", "securityContext.sysctls as a string", Target.POD, utf8(
                "kind: Pod\nmetadata: {name: a}\nspec:\n  securityContext:\n    sysctls: \"net.ipv4.tcp_sack=0\"\n"),
                "securityContext.sysctls must be a list"));
        c.add(error("negative number", "replicas: -3", Target.POD, utf8(manifest.replaceFirst("replicas: \\d+", "replicas: -3")),
                "spec.replicas must be a whole number from 0"));
        c.add(error("64-bit overflow", "replicas: 99999999999", Target.POD, utf8(manifest.replaceFirst("replicas: \\d+",
                "replicas: 99999999999")), "spec.replicas must be a whole number from 0"));
        c.add(error("64-bit overflow in sizes", "limits.memory: 99999999Pi", Target.POD, utf8(
                "kind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - name: c\n    resources: {limits: {memory: 99999999Pi}}\n"),
                "is too large"));
        c.add(error("wrong type", "limits.memory: lots", Target.POD, utf8(
                "kind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - name: c\n    resources: {limits: {memory: lots}}\n"),
                "is not a Kubernetes quantity"));
        c.add(error("duplicate keys", "metadata twice in one object", Target.POD,
                utf8("kind: Pod\nmetadata: {name: a}\nmetadata: {name: b}\n"), "Duplicate field 'metadata'"));
        c.add(reading("duplicate names", "two Pods named a in one file", Target.POD,
                utf8("kind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c}]}\n---\nkind: Pod\nmetadata: {name: a}\n"
                        + "spec: {containers: [{name: c}]}\n"),
                "the later document replaces the earlier pod, with a note",
                r -> ((ImportResult) r).scenario().pods().stream().filter(p -> p.name().equals("a")).count() == 1));
        c.add(reading("unknown sysctl", "net.ipv4.tcp_frobnicate in securityContext.sysctls", Target.POD, utf8(
                "kind: Pod\nmetadata: {name: a}\nspec:\n  securityContext:\n    sysctls: [{name: net.ipv4.tcp_frobnicate, value: \"1\"}]\n"),
                "a note says it is left out", r -> String.join("\n", ((ImportResult) r).notes()).contains("tcp_frobnicate")));
        c.add(error("deep nesting", "10,000 nested YAML lists", Target.POD, utf8("- ".repeat(10_000) + "x\n"),
                "not a readable YAML/JSON manifest"));
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char ch = 'b'; ch <= 'j'; ch++) {
            String prev = String.valueOf((char) (ch - 1));
            bomb.append(ch).append(": &").append(ch).append(" [").append(String.join(",", java.util.Collections.nCopies(9, "*" + prev)))
                    .append("]\n");
        }
        // jackson-dataformat-yaml does not expand aliases (an alias reads as its name), so nothing can grow
        c.add(error("alias bomb", "\"billion laughs\": 10 levels of 9 aliases (not expanded)", Target.POD,
                utf8(bomb.toString()), "no Pod, Deployment, StatefulSet or DaemonSet"));
        c.add(reading("code from a file", "!!javax.script.ScriptEngineManager tag (the SnakeYAML gadget)", Target.POD, utf8(
                "kind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: c}]\n  x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
                + " [[!!java.net.URL [\"http://127.0.0.1:9/\"]]]]\n"),
                "tags are ignored: read as plain data, no class is made", r -> true));
        c.add(error("file over the size limit", "33 MiB (limit 32 MiB)", Target.POD, utf8("#".repeat(33 << 20)),
                "larger than 32 MiB"));
        return c;
    }

    /** Runs a case through the path a user takes; returns "error: …" or "reads: …". */
    private String outcome(Case c) throws Exception {
        String fileName = switch (c.target()) {
            case SCENARIO -> "input.tcpmem.json";
            case POD -> "input.yaml";
            default -> "input.txt";
        };
        Path f = dir.resolve(fileName);
        Files.write(f, c.bytes());
        Object result;
        try {
            result = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run(c.target(), f),
                    "hang guard (not a speed check): " + c.input());
        } catch (Exception e) {
            // the supplier's own exception comes through unwrapped; any other type is a failure of this test
            if (!(e instanceof InputFormatException || e instanceof ImportException)) {
                throw e;
            }
            assertThat(c.accepted()).as("%s: expected a reading, got %s", c.input(), e.getMessage()).isNull();
            String m = e.getMessage().replace(dir.toString() + "/", "");
            assertThat(m).as(c.input()).contains(c.expect()).startsWith(fileName);
            assertThat(m).as("no stack trace or exception class names").doesNotContain("\tat ").doesNotContain("Exception");
            return "error: " + firstLine(m);
        }
        assertThat(c.accepted()).as("%s: expected an error containing %s", c.input(), c.expect()).isNotNull();
        assertThat(c.accepted().test(result)).as(c.input() + ": " + c.expect()).isTrue();
        if (result instanceof ImportResult r && c.expect().startsWith("left out")) {
            assertThat(String.join("\n", r.notes())).contains(c.expect());
        }
        return "reads: " + c.expect();
    }

    private static Object run(Target t, Path f) throws Exception {
        if (t == Target.SCENARIO) {
            return new ScenarioReader(CATALOG).read(f);
        }
        String text = ImportInput.read(f);
        String source = f.getFileName().toString();
        return switch (t) {
            case SYSCTL -> new SysctlDumpImporter(CATALOG).read(text, source, Optional.empty(), Optional.empty());
            case SOCKSTAT -> new SockstatImporter().read(text, source, Optional.empty());
            case SS -> new SsImporter().read(text, source, "p", Optional.empty());
            case POD -> new PodManifestImporter(CATALOG).read(text, source, Optional.empty(), 32);
            default -> throw new IllegalArgumentException();
        };
    }

    private static String firstLine(String m) {
        String l = m.lines().findFirst().orElse("");
        l = l.length() > 160 ? l.substring(0, 157) + "..." : l;
        return l.replace("|", "\\|");
    }

    @Test
    void endlessInputIsCutAtTheLimitNotReadToTheEnd() {
        // /dev/zero reports size 0 and never ends: reading it whole would never finish (or exhaust memory)
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScenarioReader(CATALOG).read(zero))
                    .isInstanceOf(InputFormatException.class).hasMessageContaining("/dev/zero: file is larger than 16 MiB");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ImportInput.read(zero))
                    .isInstanceOf(ImportException.class).hasMessageContaining("/dev/zero: more than 32 MiB");
        }, "hang guard");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScenarioReader(CATALOG).read(dir))
                .hasMessageContaining("is a folder, not a scenario file");
    }

    @Test
    void everyBadInputGetsItsErrorOrReadingAndTheTableIsCurrent() throws Exception {
        StringBuilder md = new StringBuilder("""
                # Bad input: what each class gets

                Generated by `BadInputCatalogTest` (src/test/java/dev/tcpmem/io/fuzz), which feeds each input through
                the path a user takes (a scenario file opened or evaluated; an importer's input file) and fails when this
                table is out of date: regenerate with `mvn test -Dtest=BadInputCatalogTest -Dtcpmem.writeDocs=true`.
                Every error names the file, the place (line:column and JSON path, or line) and what to do; none is a
                stack trace. Random and mutated input of the same classes is fuzzed by `InputFuzzProperties` and
                `BadInputFuzzProperties`. The "reads" rows are inputs that are read on purpose, the way shown.

                | Class | Input | Reader | Outcome |
                |---|---|---|---|
                """);
        for (Case c : cases()) {
            String o = outcome(c);
            md.append("| ").append(c.badClass()).append(" | ").append(c.input().replace("|", "\\|")).append(" | ")
                    .append(c.target().name().toLowerCase(java.util.Locale.ROOT)).append(" | ").append(o).append(" |\n");
        }
        if (Boolean.getBoolean("tcpmem.writeDocs")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, md.toString());
        }
        assertThat(Files.exists(DOC) ? Files.readString(DOC) : "").as("docs/bad-input.md is current").isEqualTo(md.toString());
    }
}
