package dev.tcpmem.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RamDerivedDefaultsTest {

    @Test
    void tcpMemFor64GiBWorkedByHand() {
        // MemTotal 64 GiB = 16,777,216 pages.
        // min_free_kbytes = sqrt(67,108,864 kB * 16) = 32,768 kB = 8,192 pages;
        // THP recommends 512 * 3 zones * 11 = 16,896 pages, which wins.
        // high watermark = 16,896 + 2 * max(16,896/4, 16,777,216*10/10000 = 16,777) = 50,450
        // nr_free_buffer_pages = 16,777,216 - 50,450 = 16,726,766; /16 = 1,045,422
        // tcp_mem = {1,045,422/4*3, 1,045,422, 2 * 784,065}
        RamDerivedDefaults ram = RamDerivedDefaults.of(Bytes.gib(64));
        assertThat(ram.tcpMem()).containsExactly(784_065, 1_045_422, 1_568_130);
    }

    @Test
    void tcpMemFor4GiBWorkedByHand() {
        // 1,048,576 pages, two zones (DMA, DMA32): THP 512*2*11 = 11,264 pages > sqrt-rule 2,048 pages
        // high = 11,264 + 2*max(2,816, 1,048) = 16,896; buffer = 1,031,680; /16 = 64,480
        RamDerivedDefaults ram = RamDerivedDefaults.of(Bytes.gib(4));
        assertThat(ram.tcpMem()).containsExactly(48_360, 64_480, 96_720);
    }

    @Test
    void tinyNodeGetsTheKernelFloorOf128Pages() {
        // tcp_init_mem(): limit = max(buffer pages / 16, 128)
        RamDerivedDefaults ram = new RamDerivedDefaults(1024);
        assertThat(ram.tcpMem()[1]).isEqualTo(128);
        assertThat(ram.tcpMem()[0]).isEqualTo(96);
        assertThat(ram.tcpMem()[2]).isEqualTo(192);
    }

    @Test
    void perSocketMaximaOnTheReferenceMachine() {
        // 6.18 machine: MemTotal 24,684,096 kB; buffer pages 6,141,786 -> limit = 196,537,152 bytes,
        // so the compiled caps win: tcp_rmem[2] = 32 MiB, tcp_wmem[2] = 4 MiB (as /proc/sys shows there)
        RamDerivedDefaults ram = RamDerivedDefaults.of(Bytes.kib(24_684_096));
        assertThat(ram.tcpRmemMax(131072, 33554432)).isEqualTo(33554432);
        assertThat(ram.tcpWmemMax(4194304)).isEqualTo(4194304);
        assertThat(ram.ehashEntries()).isEqualTo(262144);
    }

    @Test
    void smallNodeCapsPerSocketMaxima() {
        // 512 MiB: 131,072 pages; min_free sqrt(524,288*16)=2,896 kB -> 724 pages; THP 11,264 capped to 5% = 6,553
        // high = 6,553 + 2*max(1,638, 131) = 9,829; buffer = 121,243 pages -> limit = 3,879,776 bytes
        RamDerivedDefaults ram = RamDerivedDefaults.of(Bytes.mib(512));
        assertThat(ram.perSocketLimitBytes()).isEqualTo(3_879_776);
        assertThat(ram.tcpRmemMax(131072, 6291456)).isEqualTo(3_879_776);
        assertThat(ram.tcpWmemMax(4194304)).isEqualTo(3_879_776);
    }

    @Test
    void matchesThisMachinesOwnTcpMemWithinOnePercent() throws IOException {
        Path meminfo = Path.of("/proc/meminfo");
        Path tcpMem = Path.of("/proc/sys/net/ipv4/tcp_mem");
        assumeThat(Files.isReadable(meminfo) && Files.isReadable(tcpMem)).as("a Linux machine").isTrue();
        long memTotalKib = Files.readAllLines(meminfo).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
        // procfs sysctls must be read in one call: a 1-byte probe read (as Files.readString does) truncates them
        String[] real;
        try (java.io.InputStream in = Files.newInputStream(tcpMem)) {
            real = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.US_ASCII).strip().split("\\s+");
        }
        long[] model = RamDerivedDefaults.of(Bytes.kib(memTotalKib)).tcpMem();
        for (int i = 0; i < 3; i++) {
            assertThat((double) model[i]).isCloseTo(Long.parseLong(real[i]), org.assertj.core.data.Percentage.withPercentage(1));
        }
    }
}
