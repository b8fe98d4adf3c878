package dev.tcpmem.io.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.io.InputFormatException;
import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.io.importers.ImportException;
import dev.tcpmem.io.importers.PodManifestImporter;
import dev.tcpmem.io.importers.SockstatImporter;
import dev.tcpmem.io.importers.SsImporter;
import dev.tcpmem.io.importers.SysctlDumpImporter;
import dev.tcpmem.kernel.SysctlCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a user pastes or opens, each reader either accepts it or refuses it with its own error type (which the
 * CLI prints as one "error:" line and the window as a dialog): never another exception, never a stack trace.
 * Inputs: real files with random edits (cuts, byte flips, insertions of JSON/YAML punctuation and large numbers).
 */
class InputFuzzProperties {

    private static final SysctlCatalog CATALOG = SysctlCatalog.bundled();

    private static String resource(String path) {
        try (InputStream in = InputFuzzProperties.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Mutation(int kind, double at, String insert) {
        String apply(String s) {
            int i = (int) (at * s.length());
            return switch (kind) {
                case 0 -> s.substring(0, i);                                  // truncated
                case 1 -> s.substring(0, i) + insert + s.substring(i);          // inserted
                case 2 -> s.substring(0, i) + s.substring(Math.min(s.length(), i + insert.length())); // deleted
                default -> s.substring(0, i) + insert + s.substring(Math.min(s.length(), i + 1)); // replaced
            };
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        Arbitrary<String> inserts = Arbitraries.oneOf(
                Arbitraries.of("{", "}", "[", "]", ",", ":", "\"", "null", "-1", "1e309", "NaN", "Infinity",
                        "99999999999999999999999", "-9223372036854775808", "\n", "\t", "\u0000", "&a", "*a", "!!java.lang.Object",
                        "\"x\": 1", "\"memory\": \"1TB\"", "0.0000001", "\"\"", "--- \n", "TCP: inuse"),
                Arbitraries.strings().ofMaxLength(12));
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.doubles().between(0, 1),
                inserts).as(Mutation::new);
    }

    @Property(tries = 1000)
    void scenarioReaderAcceptsOrExplains(@ForAll("mutations") Mutation m1, @ForAll("mutations") Mutation m2) {
        String text = m2.apply(m1.apply(resource("/dev/tcpmem/scenarios/cassandra-seed.tcpmem.json")));
        try {
            new ScenarioReader(CATALOG).read(text, "fuzz.tcpmem.json");
        } catch (InputFormatException e) {
            assertThat(e.problems()).isNotEmpty();
            assertThat(e.getMessage()).startsWith("fuzz.tcpmem.json:");
        }
    }

    @Property(tries = 500)
    void importersAcceptOrExplain(@ForAll("mutations") Mutation m1, @ForAll("mutations") Mutation m2) {
        String sysctl = m2.apply(m1.apply(resource("/import/sysctl-a-netns-6.18.txt")));
        String ss = m2.apply(m1.apply(resource("/import/ss-tmi-loopback-6.18.txt")));
        String sockstat = m2.apply(m1.apply(resource("/import/sockstat-netns-6.18.txt")));
        String yaml = m2.apply(m1.apply(resource("/import/cassandra-statefulset.yaml")));
        String json = m2.apply(m1.apply(resource("/import/web-pod.json")));
        acceptOrImportException(() -> new SysctlDumpImporter(CATALOG).read(sysctl, "f", Optional.of("p"), Optional.empty()));
        acceptOrImportException(() -> new SsImporter().read(ss, "f", "p", Optional.empty()));
        acceptOrImportException(() -> new SockstatImporter().read(sockstat, "f", Optional.empty()));
        acceptOrImportException(() -> new PodManifestImporter(CATALOG).read(yaml, "f", Optional.empty(), 32));
        acceptOrImportException(() -> new PodManifestImporter(CATALOG).read(json, "f", Optional.empty(), 32));
    }

    @Property(tries = 1000)
    void arbitraryTextNeverEscapes(@ForAll("texts") String text) {
        try {
            new ScenarioReader(CATALOG).read(text, "t");
        } catch (InputFormatException e) {
            assertThat(e.problems()).isNotEmpty();
        }
        acceptOrImportException(() -> new SysctlDumpImporter(CATALOG).read(text, "t", Optional.empty(), Optional.empty()));
        acceptOrImportException(() -> new SsImporter().read(text, "t", "p", Optional.empty()));
        acceptOrImportException(() -> new SockstatImporter().read(text, "t", Optional.empty()));
        acceptOrImportException(() -> new PodManifestImporter(CATALOG).read(text, "t", Optional.empty(), 32));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]:,\"0123456789.-eE \n").ofMaxLength(200),
                Arbitraries.strings().withChars("abc:-=[]{}&*!|>\n ").ofMaxLength(200),
                Arbitraries.of("[".repeat(5000), "{\"a\":".repeat(3000), "- ".repeat(5000), "a: &a [1]\nb: *a\n"));
    }

    interface Import {
        Object run() throws ImportException;
    }

    private static void acceptOrImportException(Import i) {
        try {
            i.run();
        } catch (ImportException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
