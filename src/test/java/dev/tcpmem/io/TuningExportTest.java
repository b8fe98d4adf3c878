package dev.tcpmem.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.ScenarioEdits;
import org.junit.jupiter.api.Test;

class TuningExportTest {

    private final SysctlCatalog catalog = SysctlCatalog.bundled();
    private final TuningExport export = new TuningExport(catalog);

    private Scenario cassandra() throws Exception {
        return SampleScenarios.load(SampleScenarios.cassandra(), catalog);
    }

    @Test
    void sysctlConfHoldsTheNodeValuesAsSysctlReadsThem() throws Exception {
        String conf = export.sysctlConf(cassandra());
        assertThat(conf).contains("net.core.rmem_max = 16777216\n").contains("net.core.wmem_max = 16777216\n");
        assertThat(conf.lines().filter(l -> !l.startsWith("#") && !l.isBlank()))
                .allMatch(l -> l.matches("[a-z0-9_.]+ = .+"));
    }

    @Test
    void podSysctlsAreValidPodYaml() throws Exception {
        String yaml = export.podSecurityContexts(cassandra());
        ObjectMapper m = new ObjectMapper(new YAMLFactory());
        JsonNode doc = m.readTree(yaml.substring(yaml.indexOf("---") + 4));
        assertThat(doc.path("kind").asText()).isEqualTo("Pod");
        assertThat(doc.path("metadata").path("name").asText()).isEqualTo("cassandra-0");
        JsonNode sysctls = doc.path("spec").path("securityContext").path("sysctls");
        assertThat(sysctls).anySatisfy(s -> {
            assertThat(s.path("name").asText()).isEqualTo("net.ipv4.tcp_rmem");
            assertThat(s.path("value").asText()).isEqualTo("4096 87380 16777216");
        });
    }

    @Test
    void kubeletAllowListFollowsTheKubernetesVersion() throws Exception {
        // tcp_rmem/tcp_wmem joined the kubelet's safe set in 1.32 (kernel >= 4.15)
        assertThat(export.kubeletAllowList(cassandra(), 31)).contains("- net.ipv4.tcp_rmem").contains("- net.ipv4.tcp_wmem");
        assertThat(export.kubeletAllowList(cassandra(), 32)).contains("none").doesNotContain("- net.ipv4");
        Scenario withSomaxconn = ScenarioEdits.withPodSysctl(cassandra(), "cassandra-0", "net.core.somaxconn", "4096");
        assertThat(export.kubeletAllowList(withSomaxconn, 34)).contains("- net.core.somaxconn");
    }
}
