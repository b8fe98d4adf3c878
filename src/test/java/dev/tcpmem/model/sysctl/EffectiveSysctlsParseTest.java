package dev.tcpmem.model.sysctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.kernel.SysctlValue;
import org.junit.jupiter.api.Test;

/** Values as sysctl prints them (tabs between a triplet's fields) and as people type them. */
class EffectiveSysctlsParseTest {

    @Test
    void threeIntegersAreATripletWhateverTheWhitespace() {
        // /proc/sys/net/ipv4/tcp_rmem reads "4096\t131072\t6291456"
        assertThat(EffectiveSysctls.parse("4096\t131072\t6291456")).isEqualTo(new SysctlValue.Triplet(4096, 131072, 6291456));
        assertThat(EffectiveSysctls.parse("  4096   87380 \t 6291456 \n")).isEqualTo(new SysctlValue.Triplet(4096, 87380, 6291456));
    }

    @Test
    void oneIntegerIsAScalar() {
        assertThat(EffectiveSysctls.parse("1")).isEqualTo(new SysctlValue.Scalar(1));
        assertThat(EffectiveSysctls.parse(" -1 ")).isEqualTo(new SysctlValue.Scalar(-1));
    }

    @Test
    void anythingElseIsKeptAsText() {
        assertThat(EffectiveSysctls.parse("cubic")).isEqualTo(new SysctlValue.Text("cubic"));
        assertThat(EffectiveSysctls.parse("reno cubic")).isEqualTo(new SysctlValue.Text("reno cubic"));
        assertThat(EffectiveSysctls.parse("1 2")).isEqualTo(new SysctlValue.Text("1 2"));
        assertThat(EffectiveSysctls.parse("1 2 3 4")).isEqualTo(new SysctlValue.Text("1 2 3 4"));
        assertThat(EffectiveSysctls.parse("32768\t60999 x")).isEqualTo(new SysctlValue.Text("32768\t60999 x"));
        assertThat(EffectiveSysctls.parse("")).isEqualTo(new SysctlValue.Text(""));
        assertThat(EffectiveSysctls.parse(null)).isEqualTo(new SysctlValue.Text(""));
    }
}
