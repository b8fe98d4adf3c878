package dev.tcpmem.io.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.io.ScenarioWriter;
import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.Scenario;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodManifestImporterTest {

    private final PodManifestImporter importer = new PodManifestImporter(SysctlCatalog.bundled());

    @Test
    void statefulSetBecomesOnePodPerReplicaWithItsSysctls() throws Exception {
        ImportResult r = importer.read(Fixtures.text("cassandra-statefulset.yaml"), "cassandra.yaml", Optional.empty(), 32);
        Scenario s = r.scenario();
        assertThat(s.pods()).extracting(p -> p.name())
                .containsExactly("cassandra-0", "cassandra-1", "cassandra-2", "web-1", "web-2");
        // 30Gi + 512Mi = 32,749,125,632 bytes
        assertThat(s.pod("cassandra-0").get().memoryLimit()).contains(Bytes.of(30L * (1L << 30) + 512L * (1L << 20)));
        // 1G is decimal: 1,000,000,000 bytes
        assertThat(s.pod("web-1").get().memoryLimit()).contains(Bytes.of(1_000_000_000L));
        assertThat(s.pod("cassandra-0").get().sysctls())
                .containsEntry("net.ipv4.tcp_rmem", "4096 87380 16777216")
                .containsEntry("net.core.somaxconn", "4096")
                .containsEntry("kernel.shm_rmid_forced", "1")
                .doesNotContainKey("net.core.rmem_max");
        assertThat(r.notes()).anyMatch(n -> n.contains("net.core.rmem_max is node-level"));
        assertThat(r.notes()).anyMatch(n -> n.contains("net.core.somaxconn is unsafe in Kubernetes 1.32"));
        assertThat(r.notes()).noneMatch(n -> n.contains("net.ipv4.tcp_rmem is unsafe"));
        assertThat(r.notes()).anyMatch(n -> n.contains("skipped kind \"Service\""));
        new ScenarioReader(SysctlCatalog.bundled()).read(ScenarioWriter.toJson(s), "round trip");
    }

    @Test
    void tcpRmemIsUnsafeBeforeKubernetes132() throws Exception {
        ImportResult r = importer.read(Fixtures.text("cassandra-statefulset.yaml"), "cassandra.yaml", Optional.empty(), 31);
        assertThat(r.notes()).anyMatch(n -> n.contains("net.ipv4.tcp_rmem is unsafe in Kubernetes 1.31"));
    }

    @Test
    void jsonPodWithANodeLevelSysctl() throws Exception {
        ImportResult r = importer.read(Fixtures.text("web-pod.json"), "web-pod.json", Optional.empty(), 32);
        assertThat(r.scenario().pod("api-7c9f").get().sysctls()).containsOnlyKeys("net.ipv4.tcp_keepalive_time");
        assertThat(r.notes()).anyMatch(n -> n.contains("net.ipv4.tcp_mem is node-level: a pod cannot set it"));
    }

    @Test
    void aliasBombIsReadWithoutExpandingIt() {
        // 8 levels of 9 aliases would expand to 43 million strings; read as plain data it stays small
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> importer.read(Fixtures.text("alias-bomb.yaml"), "bomb.yaml", Optional.empty(), 32))
                        .isInstanceOf(ImportException.class).hasMessageContaining("bomb.yaml: "));
    }

    @Test
    void noWorkloadKindsIsAnError() {
        assertThatThrownBy(() -> importer.read("kind: ConfigMap\nmetadata: {name: x}\n", "cm.yaml", Optional.empty(), 32))
                .hasMessageContaining("no Pod, Deployment, StatefulSet or DaemonSet");
    }

    @Test
    void truncatedManifestImportsTheCompleteDocumentsOrSaysWhere() throws Exception {
        String full = Fixtures.text("cassandra-statefulset.yaml");
        // cut inside the Deployment: the Service and the StatefulSet are whole
        String cut = full.substring(0, full.indexOf("replicas: 2"));
        ImportResult r = importer.read(cut, "cut.yaml", Optional.empty(), 32);
        assertThat(r.scenario().pods()).extracting(p -> p.name()).containsExactly("cassandra-0", "cassandra-1", "cassandra-2");
        assertThat(r.notes()).anyMatch(n -> n.contains("Deployment web has no pod spec") && n.contains("is the file complete?"));
        // cut inside a flow mapping: not YAML any more, and the message says so with the file name
        String broken = full.substring(0, full.indexOf("{app: cassandra}") + 8);
        assertThatThrownBy(() -> importer.read(broken, "broken.yaml", Optional.empty(), 32))
                .isInstanceOf(ImportException.class).hasMessageStartingWith("broken.yaml: not a readable YAML/JSON manifest");
    }

    @Test
    void daemonSetBecomesOnePodOnThisNode() throws Exception {
        String ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: node-exporter}\nspec:\n  template:\n    spec:\n"
                + "      securityContext:\n        sysctls: [{name: net.ipv4.tcp_keepalive_time, value: \"120\"}]\n"
                + "      containers: [{name: e, image: e, resources: {limits: {memory: 200Mi}}}]\n";
        ImportResult r = importer.read(ds, "ds.yaml", Optional.empty(), 32);
        assertThat(r.scenario().pods()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("node-exporter");
            assertThat(p.sysctls()).containsEntry("net.ipv4.tcp_keepalive_time", "120");
            assertThat(p.memoryLimit()).contains(Bytes.of(200L << 20));
        });
    }
}
