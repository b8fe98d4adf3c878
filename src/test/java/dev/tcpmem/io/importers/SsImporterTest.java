package dev.tcpmem.io.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.io.ScenarioWriter;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WriterBehaviour;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SsImporterTest {

    /*
     * The fixture: in one netns on loopback, 5 clients write bulk to a server on 9042 that never reads, and 3
     * clients write 1000 B every 10 ms to a server on 8080 (http-alt) that reads everything.
     */
    private Pod imported(String fixture) throws Exception {
        ImportResult r = new SsImporter().read(Fixtures.text(fixture), fixture, "node-a", Optional.empty());
        new ScenarioReader(SysctlCatalog.bundled()).read(ScenarioWriter.toJson(r.scenario()), "round trip");
        return r.scenario().pod("node-a").orElseThrow();
    }

    @Test
    void groupsByServicePortAndPeer() throws Exception {
        Pod p = imported("ss-tmin-loopback-6.18.txt");
        assertThat(p.workloads()).extracting(Workload::name)
                .containsExactlyInAnyOrder("port-9042", "port-8080", "to-127.0.0.1-9042", "to-127.0.0.1-8080");
        assertThat(p.workload("port-9042").get().connections()).isEqualTo(5);
        assertThat(p.workload("port-8080").get().connections()).isEqualTo(3);
    }

    @Test
    void infersStalledReadersAndBulkWritersFromTheQueues() throws Exception {
        Pod p = imported("ss-tmin-loopback-6.18.txt");
        // server side of 9042: r 86976 of rb 87380 -> the receive queue is full: a stalled reader
        assertThat(p.workload("port-9042").get().reader()).isEqualTo(ReaderBehaviour.STALLED);
        // client side: w 5912064 against tb 5909760, window-limited -> bulk writer facing a stalled peer
        Workload c = p.workload("to-127.0.0.1-9042").get();
        assertThat(c.writer()).isEqualTo(WriterBehaviour.BULK);
        assertThat(c.peerReader()).isEqualTo(ReaderBehaviour.STALLED);
        assertThat(p.workload("port-8080").get().reader()).isEqualTo(ReaderBehaviour.DRAINS);
        // loopback: pmtu 65535
        assertThat(c.mtu()).isEqualTo(65535);
    }

    @Test
    void namedPortsGroupTheSameWay() throws Exception {
        Pod p = imported("ss-tmi-loopback-6.18.txt");
        assertThat(p.workloads()).extracting(Workload::name)
                .containsExactlyInAnyOrder("port-9042", "port-http-alt", "to-127.0.0.1-9042", "to-127.0.0.1-http-alt");
    }

    @Test
    void truncatedOutputImportsTheCompleteSockets() throws Exception {
        String full = Fixtures.text("ss-tmin-loopback-6.18.txt");
        String[] lines = full.split("\n");
        String cut = String.join("\n", java.util.Arrays.copyOf(lines, 9));
        ImportResult r = new SsImporter().read(cut, "cut.txt", "p", Optional.empty());
        assertThat(r.scenario().pod("p").get().connections()).isEqualTo(4);
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> new SsImporter().read("hello world\n", "x.txt", "p", Optional.empty()))
                .hasMessageContaining("x.txt:1:");
        assertThatThrownBy(() -> new SsImporter().read("", "empty.txt", "p", Optional.empty()))
                .hasMessageContaining("no sockets found");
    }
}
