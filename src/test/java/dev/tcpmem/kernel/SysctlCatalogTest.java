package dev.tcpmem.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SysctlCatalogTest {

    private static final KernelVersion V4_15 = KernelVersion.of(4, 15);
    private static final KernelVersion V5_4 = KernelVersion.of(5, 4);
    private static final KernelVersion V6_18 = KernelVersion.of(6, 18);

    /** Values on the reference machine that come from its boot environment or build, not from a kernel default. */
    private static final Set<String> MACHINE_SPECIFIC = Set.of(
            "net.ipv4.tcp_congestion_control",          // distro/VM chose bbr; upstream default is cubic
            "net.ipv4.tcp_allowed_congestion_control",   // follows the loaded congestion modules
            "net.ipv4.tcp_available_congestion_control",
            "net.ipv4.tcp_available_ulp",
            "net.ipv4.tcp_fastopen_key",                 // random per boot
            "net.core.netdev_rss_key",                   // random per boot / device
            "net.core.bpf_jit_enable",                   // CONFIG_BPF_JIT_DEFAULT_ON
            "net.core.bpf_jit_limit",                    // computed from the module area size
            "net.core.default_qdisc",                    // CONFIG_DEFAULT_NET_SCH
            "net.core.bpf_jit_kallsyms",                 // CONFIG_BPF_JIT_ALWAYS_ON
            "net.core.bpf_jit_harden",
            "net.core.flow_limit_cpu_bitmap",
            "net.core.rps_default_mask",
            "net.core.netdev_budget_usecs");             // 2 * USEC_PER_SEC / HZ: depends on CONFIG_HZ

    private final SysctlCatalog catalog = SysctlCatalog.bundled();

    @Test
    void coversEverySysctlOfTheReference618Machine() {
        assertThat(catalog.presentIn(V6_18)).extracting(SysctlDefinition::name)
                .containsAll(ReferenceSysctls.linux618().keySet());
    }

    @Test
    void onlyTcpAndCoreSysctls() {
        assertThat(catalog.names()).allMatch(n -> n.startsWith("net.ipv4.tcp_") || n.startsWith("net.core."));
    }

    @Test
    void defaultsFor618MatchTheReferenceMachine() {
        // RAM-derived defaults evaluated for the reference machine's own MemTotal (24,684,096 kB)
        RamDerivedDefaults ram = RamDerivedDefaults.of(Bytes.kib(24_684_096));
        for (Map.Entry<String, String> e : ReferenceSysctls.linux618().entrySet()) {
            if (MACHINE_SPECIFIC.contains(e.getKey()) || e.getKey().equals("net.ipv4.tcp_mem")) {
                continue;
            }
            SysctlDefinition d = catalog.get(e.getKey());
            assertThat(SysctlDefaults.of(d, V6_18, ram)).as(e.getKey())
                    .hasValueSatisfying(v -> assertThat(normalise(v)).isEqualTo(normalise(e.getValue())));
        }
    }

    @Test
    void kernel415DefaultsFromItsSource() {
        RamDerivedDefaults big = RamDerivedDefaults.of(Bytes.gib(64));
        // net/ipv4/tcp.c tcp_init() in v4.15: tcp_rmem = {SK_MEM_QUANTUM(4096), 87380, 6 MiB cap};
        // a337531b942b raised tcp_rmem[1] to 131072 in 4.20
        assertThat(SysctlDefaults.of(catalog.get("net.ipv4.tcp_rmem"), V4_15, big)).hasValue("4096 87380 6291456");
        // include/linux/socket.h SOMAXCONN was 128 until 19f92a030ca6 ("net: increase SOMAXCONN to 4096", 5.4)
        assertThat(SysctlDefaults.of(catalog.get("net.core.somaxconn"), V4_15, big)).hasValue("128");
        assertThat(SysctlDefaults.of(catalog.get("net.core.somaxconn"), V5_4, big)).hasValue("4096");
        // tcp_wmem = {4096, 16384, 4 MiB cap} has not changed across the supported releases
        assertThat(SysctlDefaults.of(catalog.get("net.ipv4.tcp_wmem"), V4_15, big)).hasValue("4096 16384 4194304");
        assertThat(SysctlDefaults.of(catalog.get("net.ipv4.tcp_wmem"), V6_18, big)).hasValue("4096 16384 4194304");
    }

    @Test
    void tcpRmemMaximumGrewTo32MiBInRecentKernels() {
        RamDerivedDefaults big = RamDerivedDefaults.of(Bytes.gib(64));
        assertThat(SysctlDefaults.of(catalog.get("net.ipv4.tcp_rmem"), KernelVersion.of(6, 12), big))
                .hasValue("4096 131072 6291456");
        assertThat(SysctlDefaults.of(catalog.get("net.ipv4.tcp_rmem"), V6_18, big))
                .hasValue("4096 131072 33554432");
    }

    @Test
    void tcpMemIsNodeLevelAndComputedFromMemory() {
        SysctlDefinition tcpMem = catalog.get("net.ipv4.tcp_mem");
        assertThat(tcpMem.type()).isEqualTo(SysctlType.PAGES_TRIPLET);
        assertThat(tcpMem.unit()).isEqualTo(SysctlUnit.PAGES);
        assertThat(tcpMem.namespacedIn(V6_18)).isFalse();
        assertThat(tcpMem.computed()).contains(ComputedDefault.TCP_MEM);
        assertThat(tcpMem.modelInputs()).contains(ModelInput.NODE_TCP_MEM);
    }

    @Test
    void tcpRmemIsPerPodSince415AndSafeFromKubernetes132() {
        SysctlDefinition rmem = catalog.get("net.ipv4.tcp_rmem");
        assertThat(rmem.namespacedIn(V4_15)).isTrue();
        assertThat(rmem.namespacedIn(KernelVersion.of(4, 14))).isFalse();
        assertThat(rmem.k8sSafe(32, V4_15)).isTrue();
        assertThat(rmem.k8sSafe(31, V6_18)).isFalse();
        assertThat(rmem.k8sSafe(32, KernelVersion.of(4, 14))).isFalse();
    }

    @Test
    void everyDefinitionIsDocumentedAndSourced() {
        for (SysctlDefinition d : catalog.all()) {
            assertThat(d.summary()).as(d.name()).isNotBlank();
            assertThat(d.doc()).as(d.name()).isNotBlank();
            assertThat(d.sources()).as(d.name()).isNotEmpty();
        }
    }

    @Test
    void everyStaticDefaultIsValidForItsOwnType() throws Exception {
        for (KernelVersion k : KernelVersion.SUPPORTED) {
            RamDerivedDefaults ram = RamDerivedDefaults.of(Bytes.gib(16));
            for (SysctlDefinition d : catalog.presentIn(k)) {
                if (d.type() == SysctlType.STRING || d.type() == SysctlType.LIST || d.type() == SysctlType.HEX
                        || d.type() == SysctlType.CPUMASK) {
                    continue;
                }
                String v = SysctlDefaults.of(d, k, ram).orElseThrow();
                SysctlValueParser.parse(d, v);
            }
        }
    }

    private static String normalise(String v) {
        return v.strip().replaceAll("\\s+", " ");
    }
}
