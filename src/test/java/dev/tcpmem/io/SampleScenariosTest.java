package dev.tcpmem.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleScenariosTest {

    private final SysctlCatalog catalog = SysctlCatalog.bundled();

    @Test
    void thereAreTheSeedCaseAndAtLeastFourMore() {
        assertThat(SampleScenarios.list()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(SampleScenarios.cassandra().title()).contains("Cassandra");
    }

    @Test
    void everySampleSavedAndReloadedIsEqual(@TempDir Path dir) throws Exception {
        ScenarioReader reader = new ScenarioReader(catalog);
        for (SampleScenarios.Sample sample : SampleScenarios.list()) {
            Scenario s = SampleScenarios.load(sample, catalog);
            Path f = dir.resolve(sample.file());
            ScenarioWriter.save(s, f);
            assertThat(reader.read(f)).as(sample.file()).isEqualTo(s);
            assertThat(Files.readString(f)).contains("\"format\" : \"tcpmem-scenario/1\"");
        }
    }

    @Test
    void theSeedCaseHasCassandrasBuffersAndAStall() throws Exception {
        Scenario s = SampleScenarios.load(SampleScenarios.cassandra(), catalog);
        assertThat(s.pod("cassandra-0").get().sysctls()).containsEntry("net.ipv4.tcp_rmem", "4096 87380 16777216");
        assertThat(s.pod("cassandra-0").get().connections()).isEqualTo(10_000);
        assertThat(s.timeline().events()).anySatisfy(e -> assertThat(e.set().reader()).isPresent());
    }
}
