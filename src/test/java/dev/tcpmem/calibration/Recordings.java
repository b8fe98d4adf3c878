package dev.tcpmem.calibration;

import dev.tcpmem.io.InputFormatException;
import dev.tcpmem.io.calibration.CalibrationRecording;
import dev.tcpmem.io.calibration.ProbeRecording;
import dev.tcpmem.io.calibration.ProbeRecordingReader;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.result.EvaluationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The probe recordings in src/test/resources/calibration/, read by the app's own {@link ProbeRecordingReader} (the one
 * mapping from a recording to a scenario, shared with the {@code fidelity} command).
 */
final class Recordings {

    static final Path DIR = Path.of("src/test/resources/calibration");
    private static final SysctlCatalog CATALOG = SysctlCatalog.bundled();

    private Recordings() {
    }

    /** Recordings made without a memory cgroup (the steady-state calibration of issue 4). */
    static Stream<Path> files() {
        return all().filter(p -> !load(p).underMemcg());
    }

    /** Recordings made in the probe's memory cgroup (memory.kmem.tcp.*): the pressure cases of issue 10. */
    static Stream<Path> memcgFiles() {
        return all().filter(p -> load(p).underMemcg());
    }

    private static Stream<Path> all() {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProbeRecording load(Path file) {
        return (ProbeRecording) read(file);
    }

    /** Any probe's recording (probe.py, accept_queue.py, orphans.py), as the {@code fidelity} command reads it. */
    static CalibrationRecording read(Path file) {
        try {
            return new ProbeRecordingReader(CATALOG).read(file);
        } catch (InputFormatException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static EvaluationResult evaluate(ProbeRecording rec) {
        return ScenarioEvaluator.evaluate(rec.scenario(), CATALOG);
    }
}
