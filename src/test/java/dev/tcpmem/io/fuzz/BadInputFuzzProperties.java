package dev.tcpmem.io.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tcpmem.io.InputFormatException;
import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.io.importers.ImportException;
import dev.tcpmem.io.importers.ImportInput;
import dev.tcpmem.io.importers.PodManifestImporter;
import dev.tcpmem.io.importers.SockstatImporter;
import dev.tcpmem.io.importers.SsImporter;
import dev.tcpmem.io.importers.SysctlDumpImporter;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The bad-input classes of docs/bad-input.md, generated: random bytes through the file path (UTF-8 check, size
 * bound), and a valid scenario whose numbers are replaced by extremes (negative, 64-bit overflow, NaN, fractions,
 * exponents, huge strings with units). Each run either refuses with the readers' own error, or reads a scenario
 * that the model then evaluates without overflow: page counts never negative, crossing times inside the timeline.
 * Each try runs under a generous hang guard (not a speed check); tries are set so the class stays well under a
 * minute on a loaded CI machine.
 */
class BadInputFuzzProperties {

    private static final SysctlCatalog CATALOG = SysctlCatalog.bundled();
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("tcpmem-fuzz");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    private static String resource(String path) {
        try (InputStream in = BadInputFuzzProperties.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String SEED = resource("/dev/tcpmem/scenarios/cassandra-seed.tcpmem.json");

    @Property(tries = 400)
    void randomBytesAreRefusedOrReadThroughTheFilePath(@ForAll("bytes") byte[] bytes) throws Exception {
        Path f = dir.resolve("random.tcpmem.json");
        Files.write(f, bytes);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            try {
                new ScenarioReader(CATALOG).read(f);
            } catch (InputFormatException e) {
                assertThat(e.getMessage()).startsWith(f.toString());
            }
            String text;
            try {
                text = ImportInput.read(f);
            } catch (ImportException e) {
                assertThat(e.getMessage()).startsWith(f.toString()).contains("not UTF-8");
                return;
            }
            ownErrorOnly(() -> new SysctlDumpImporter(CATALOG).read(text, "f", Optional.empty(), Optional.empty()));
            ownErrorOnly(() -> new SockstatImporter().read(text, "f", Optional.empty()));
            ownErrorOnly(() -> new SsImporter().read(text, "f", "p", Optional.empty()));
            ownErrorOnly(() -> new PodManifestImporter(CATALOG).read(text, "f", Optional.empty(), 32));
        });
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
                // mostly text with a few high bytes: the non-UTF-8 file a Latin-1 terminal saves
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(500).map(s -> {
                    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
                    if (b.length > 0) {
                        b[b.length / 2] = (byte) 0xE9;
                    }
                    return b;
                }));
    }

    /** One numeric field of the sample, and what to put there. */
    record Replacement(String field, String value) {
    }

    @Provide
    Arbitrary<Replacement> extremes() {
        Arbitrary<String> fields = Arbitraries.of("\"connections\": 10000", "\"rttMs\": 0.5", "\"memory\": \"64GiB\"",
                "\"cpus\": 16", "\"mtu\": 1500", "\"memoryLimit\": \"32GiB\"", "\"inRate\": \"100KB/s\"",
                "\"net.core.rmem_max\": \"16777216\"", "\"net.ipv4.tcp_rmem\": \"4096 87380 16777216\"",
                "\"durationSeconds\": 300", "\"stepMillis\": 100", "\"atSeconds\": 60", "\"forSeconds\": 30");
        Arbitrary<String> numbers = Arbitraries.oneOf(
                Arbitraries.longs().map(l -> Long.toString(l)),
                Arbitraries.of("-1", "0", "1", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                        "99999999999999999999999", "1e308", "1e309", "-1e309", "4.9e-324", "NaN", "Infinity", "-0",
                        "0.1", "1.5", "100000000", "100000001", "\"\"", "null", "true", "[]", "{}"),
                Arbitraries.doubles().map(d -> Double.toString(d)),
                Arbitraries.of("B", "KB", "KiB", "GiB", "TiB", "Gbit/s", "MB/s", "XB").flatMap(unit ->
                        Arbitraries.of("0", "1", "4", "64", "65536", "8589934592", "99999999999", "9223372036854775807", "1.5")
                                .map(n -> "\"" + n + unit + "\"")),
                Arbitraries.of("\"1 2 3\"", "\"3 2 1\"", "\"-1 0 1\"", "\"0 0 0\"", "\"1 2 99999999999999999999\"",
                        "\"4096 87380 9223372036854775807\"", "\"9223372036854775807\"", "\"-5\""));
        return net.jqwik.api.Combinators.combine(fields, numbers).as((f, n) ->
                new Replacement(f, f.substring(0, f.indexOf(':') + 2) + n));
    }

    @Property(tries = 1000)
    void extremeNumbersAreRefusedOrEvaluateWithoutOverflow(@ForAll("extremes") Replacement r1,
                                                           @ForAll("extremes") Replacement r2) {
        String text = SEED.replace(r1.field(), r1.value()).replace(r2.field(), r2.value());
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            Scenario s;
            try {
                s = new ScenarioReader(CATALOG).read(text, "extreme.tcpmem.json");
            } catch (InputFormatException e) {
                assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.message()).isNotBlank());
                return;
            }
            EvaluationResult result = ScenarioEvaluator.evaluate(s, CATALOG);
            var node = result.node();
            assertThat(node.peakPages()).isNotNegative();
            assertThat(node.finalPages()).isNotNegative().isLessThanOrEqualTo(node.peakPages());
            assertThat(node.tcpMem().low()).isNotNegative().isLessThanOrEqualTo(node.tcpMem().pressure());
            assertThat(node.tcpMem().pressure()).isLessThanOrEqualTo(node.tcpMem().high());
            result.pods().forEach(p -> assertThat(p.peakPages()).isNotNegative().isLessThanOrEqualTo(node.peakPages()));
            if (node.firstPressureSeconds() != null) {
                assertThat(node.firstPressureSeconds()).isBetween(0.0, s.timeline().durationSeconds());
            }
        });
    }

    interface Import {
        Object run() throws ImportException;
    }

    private static void ownErrorOnly(Import i) {
        try {
            i.run();
        } catch (ImportException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
