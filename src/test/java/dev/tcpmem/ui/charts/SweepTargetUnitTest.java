package dev.tcpmem.ui.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.sweep.SweepParameter;
import org.junit.jupiter.api.Test;

/** Which swept inputs are byte counts, so the sweep chart's axis ticks at powers of two for them. */
class SweepTargetUnitTest {

    @Test
    void bufferSizesAndNodeMemoryAreBytesTcpMemIsPagesConnectionsAreCounts() {
        SysctlCatalog catalog = SysctlCatalog.bundled();
        // tcp_rmem / tcp_wmem are in bytes, tcp_mem in pages (Documentation/networking/ip-sysctl.rst)
        assertThat(SweepTarget.sysctlElement(new SweepParameter.NodeSysctlElement("net.ipv4.tcp_rmem", 2), 6_291_456)
                .inBytes(catalog)).isTrue();
        assertThat(SweepTarget.sysctlElement(new SweepParameter.PodSysctlElement("web-0", "net.ipv4.tcp_wmem", 1), 16_384)
                .inBytes(catalog)).isTrue();
        assertThat(SweepTarget.sysctlElement(new SweepParameter.NodeSysctlElement("net.ipv4.tcp_mem", 1), 1_045_422)
                .inBytes(catalog)).isFalse();
        assertThat(SweepTarget.nodeMemory(64L << 30).inBytes(catalog)).isTrue();
        assertThat(SweepTarget.connections("web-0", "http", 2000).inBytes(catalog)).isFalse();
    }
}
