package dev.tcpmem.io;

import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The sample scenarios bundled with the application (resources/scenarios in the source tree). */
public final class SampleScenarios {

    private static final String BASE = "/dev/tcpmem/scenarios/";

    /** A bundled sample: its file name and the title shown in the menu. */
    public record Sample(String file, String title) {
    }

    private SampleScenarios() {
    }

    public static List<Sample> list() {
        List<Sample> out = new ArrayList<>();
        for (String line : text("index.txt").split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\|", 2);
            out.add(new Sample(parts[0].strip(), parts.length > 1 ? parts[1].strip() : parts[0].strip()));
        }
        return out;
    }

    public static Optional<Sample> find(String file) {
        return list().stream().filter(s -> s.file().equals(file)).findFirst();
    }

    /** The seed's Cassandra case, which the window opens on when started without a file. */
    public static Sample cassandra() {
        return find("cassandra-seed.tcpmem.json").orElseThrow();
    }

    public static Scenario load(Sample sample, SysctlCatalog catalog) throws InputFormatException {
        return new ScenarioReader(catalog).read(text(sample.file()), "sample " + sample.file());
    }

    private static String text(String file) {
        try (InputStream in = SampleScenarios.class.getResourceAsStream(BASE + file)) {
            if (in == null) {
                throw new IllegalStateException("bundled sample " + file + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
