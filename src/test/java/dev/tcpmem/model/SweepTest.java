package dev.tcpmem.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.model.node.MemoryState;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.WriterBehaviour;
import dev.tcpmem.model.sweep.DefaultsSource;
import dev.tcpmem.model.sweep.Sweep;
import dev.tcpmem.model.sweep.SweepParameter;
import dev.tcpmem.model.sweep.SweepResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

class SweepTest {

    private static Scenario stalled(long n) {
        return Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), Fixtures.timeline(5, 100),
                Fixtures.pod("db", Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456"),
                        Fixtures.workload("clients", n, 1, 100_000, 0, ReaderBehaviour.STALLED, WriterBehaviour.IDLE)));
    }

    @Test
    void connectionCountWherePressureAndHighAreFirstReached() {
        // Each stalled socket holds 87380 bytes = 22 pages. tcp_mem 1000 2000 3000.
        // Pressure: 22 n > 2000 -> n >= 91 (90 x 22 = 1980, 91 x 22 = 2002); the fair share 3000 x 4096 / 91 =
        //   135032 bytes is above 87380, so it does not bind.
        // High: the sockets ask for 22 n > 3000 pages -> n >= 137 (136 x 22 = 2992, 137 x 22 = 3014).
        SweepResult r = Sweep.run(stalled(1), DefaultsSource.fixed(Fixtures.defaults515("1000 2000 3000")),
                new SweepParameter.Connections("db", "clients"), 0, 200, 5);
        assertThat(r.values()).containsExactly(0, 50, 100, 150, 200);
        assertThat(r.peakPages()[1]).isEqualTo(50 * 22);
        assertThat(r.states()[0]).isEqualTo(MemoryState.NORMAL);
        assertThat(r.states()[4]).isEqualTo(MemoryState.HIGH);
        assertThat(r.pressureAt()).isEqualTo(91.0);
        assertThat(r.highAt()).isEqualTo(137.0);
    }

    @Test
    void connectionsWaitingForAcceptWherePressureAndHighAreFirstReached() {
        // 1000 clients sending 100 KB/s over 1 ms: a draining socket holds 100 bytes (1 page), one waiting for
        // accept() fills its 87380-byte buffer (22 pages). With u waiting the node holds 1000 + 21 u pages.
        // Pressure (tcp_mem[1] 2000): 21 u > 1000 -> u >= 48 (47 -> 1987, 48 -> 2008).
        // High is never reached: once the node is under pressure every socket's window is clamped to 4 x advmss
        // (__tcp_select_window()), so waiting sockets stop filling short of 22 pages and the node stays below
        // tcp_mem[2] (3000) even with 200 waiting, who would hold 1000 + 4200 pages unclamped.
        Scenario s = Fixtures.scenario("5.15", Bytes.gib(64), Map.of(), Fixtures.timeline(5, 100),
                Fixtures.pod("api", Map.of("net.ipv4.tcp_rmem", "4096 87380 6291456"),
                        Fixtures.workload("clients", 1000, 1, 100_000, 0, ReaderBehaviour.DRAINS, WriterBehaviour.IDLE)));
        Map<String, String> d = Fixtures.defaults515("1000 2000 3000");
        d.put("net.core.somaxconn", "4096");
        SweepResult r = Sweep.run(s, DefaultsSource.fixed(d), new SweepParameter.Unaccepted("api", "clients"),
                0, 200, 5);
        assertThat(r.peakPages()[0]).isEqualTo(1000);
        assertThat(r.peakPages()[1]).isEqualTo(1000 + 21 * 50);
        assertThat(r.pressureAt()).isEqualTo(48.0);
        assertThat(r.highAt()).isNull();
        assertThat(r.peakPages()[4]).isLessThan(3000);
    }

    @Test
    void tripletElementSweep() {
        // 100 stalled sockets; sweep the pod's tcp_rmem[1]: pressure needs more than 20 pages each, i.e.
        // rcvbuf > 20 x 4096 = 81920 bytes: first at 81921.
        SweepResult r = Sweep.run(stalled(100), DefaultsSource.fixed(Fixtures.defaults515("1000 2000 3000")),
                new SweepParameter.PodSysctlElement("db", "net.ipv4.tcp_rmem", 1), 4096, 131072, 4);
        assertThat(r.pressureAt()).isEqualTo(81921.0);
        // High: the sockets ask for more than 30 pages each (100 x 31 = 3100 > 3000): rcvbuf > 30 x 4096 = 122880.
        assertThat(r.highAt()).isEqualTo(122881.0);
    }

    @Test
    void tcpMemSweepWithoutTcpMemInTheDefaultsStartsFromTheRamFormula() {
        // 100 stalled sockets hold 2200 pages; sweeping tcp_mem[1] (pressure) from 1000 to 3000: the node is under
        // pressure while the line is below 2200. low drops with the value (kept <= pressure); high stays at the
        // kernel's value for 64 GiB (about 1.5 million pages), far above.
        Map<String, String> d = Fixtures.defaults515("0 0 0");
        d.remove("net.ipv4.tcp_mem");
        SweepResult r = Sweep.run(stalled(100), DefaultsSource.fixed(d),
                new SweepParameter.NodeSysctlElement("net.ipv4.tcp_mem", 1), 1000, 3000, 3);
        assertThat(r.peakPages()).containsExactly(2200, 2200, 2200);
        assertThat(r.pressureLine()).containsExactly(1000, 2000, 3000);
        assertThat(r.states()).containsExactly(MemoryState.PRESSURE, MemoryState.PRESSURE, MemoryState.NORMAL);
        assertThat(r.highLine()[0]).isGreaterThan(1_000_000L);
    }
}
