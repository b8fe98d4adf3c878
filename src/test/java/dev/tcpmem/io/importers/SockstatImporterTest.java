package dev.tcpmem.io.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SockstatImporterTest {

    @Test
    void readsTheNodeWideTcpMemPages() throws Exception {
        // captured inside a pod netns while its 16 sockets were busy: mem is node-wide, 7440 pages
        ImportResult r = new SockstatImporter().read(Fixtures.text("sockstat-netns-6.18.txt"), "sockstat", Optional.empty());
        assertThat(r.scenario().node().observed()).hasValueSatisfying(o -> {
            assertThat(o.tcpMemPages()).isEqualTo(7440);
            assertThat(o.inUse()).isEqualTo(18);
            assertThat(o.allocated()).isEqualTo(19);
        });
    }

    @Test
    void truncatedOrForeignInputIsRefused() {
        assertThatThrownBy(() -> new SockstatImporter().read("sockets: used 11\nTCP: inuse 1 orphan 0 tw", "s.txt", Optional.empty()))
                .hasMessageContaining("s.txt:2: expected \"TCP: inuse N orphan N tw N alloc N mem N\"");
        assertThatThrownBy(() -> new SockstatImporter().read("UDP: inuse 0 mem 0\n", "s.txt", Optional.empty()))
                .hasMessageContaining("no \"TCP:\" line");
    }
}
