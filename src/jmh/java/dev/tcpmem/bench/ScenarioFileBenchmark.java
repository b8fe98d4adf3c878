package dev.tcpmem.bench;

import dev.tcpmem.io.InputFormatException;
import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.io.ScenarioWriter;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.Scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading (read, validate, build records) and saving (atomic write) a large scenario file: 200 or 1,000 pods of five
 * workloads with a timeline event per pod (about 0.5 and 2.6 MB of JSON).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ScenarioFileBenchmark {

    @Param({"200", "1000"})
    public int pods;

    private Scenario scenario;
    private ScenarioReader reader;
    private Path dir;
    private Path existing;
    private Path target;

    @Setup
    public void build() throws IOException {
        scenario = LargeScenarios.node(pods, 5, 1_000_000, LargeScenarios.TEN_MINUTES);
        reader = new ScenarioReader(SysctlCatalog.bundled());
        dir = Files.createTempDirectory("tcpmem-bench");
        existing = dir.resolve("large.tcpmem.json");
        target = dir.resolve("saved.tcpmem.json");
        ScenarioWriter.save(scenario, existing);
    }

    @TearDown
    public void clean() throws IOException {
        Files.deleteIfExists(existing);
        Files.deleteIfExists(target);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public Scenario load() throws InputFormatException {
        return reader.read(existing);
    }

    @Benchmark
    public Path save() throws IOException {
        ScenarioWriter.save(scenario, target);
        return target;
    }
}
