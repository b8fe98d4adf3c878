package dev.tcpmem.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SysctlValueParserTest {

    private final SysctlCatalog catalog = SysctlCatalog.bundled();

    @Test
    void tripletAcceptsTabsAsSysctlPrintsThem() throws Exception {
        SysctlValue v = SysctlValueParser.parse(catalog.get("net.ipv4.tcp_rmem"), "4096\t87380\t16777216");
        assertThat(v).isEqualTo(new SysctlValue.Triplet(4096, 87380, 16777216));
        assertThat(v.text()).isEqualTo("4096 87380 16777216");
    }

    @Test
    void tripletNeedsThreeIntegers() {
        assertThatThrownBy(() -> SysctlValueParser.parse(catalog.get("net.ipv4.tcp_rmem"), "4096 87380"))
                .isInstanceOf(InvalidSysctlValueException.class)
                .hasMessageContaining("net.ipv4.tcp_rmem needs three integers")
                .hasMessageContaining("got 2");
    }

    @Test
    void tripletMustNotDecrease() {
        assertThatThrownBy(() -> SysctlValueParser.parse(catalog.get("net.ipv4.tcp_wmem"), "4096 65536 16384"))
                .hasMessageContaining("must not decrease")
                .hasMessageContaining("min <= default <= max");
    }

    @Test
    void tcpMemIsInPages() {
        assertThatThrownBy(() -> SysctlValueParser.parse(catalog.get("net.ipv4.tcp_mem"), "3 2 1"))
                .hasMessageContaining("in pages");
    }

    @Test
    void booleanIsZeroOrOne() throws Exception {
        SysctlDefinition d = catalog.get("net.ipv4.tcp_moderate_rcvbuf");
        assertThat(SysctlValueParser.parse(d, "0")).isEqualTo(new SysctlValue.Scalar(0));
        assertThatThrownBy(() -> SysctlValueParser.parse(d, "2")).hasMessageContaining("not 0 or 1");
        assertThatThrownBy(() -> SysctlValueParser.parse(d, "yes")).hasMessageContaining("is not an integer");
    }

    @Test
    void integerOutsideTheKernelRangeIsRefusedWithTheRange() {
        SysctlDefinition d = catalog.get("net.ipv4.tcp_adv_win_scale");
        // net/ipv4/sysctl_net_ipv4.c: tcp_adv_win_scale is bounded by tcp_adv_win_scale_min/max = -31..31
        assertThatThrownBy(() -> SysctlValueParser.parse(d, "40"))
                .hasMessageContaining("out of range").hasMessageContaining("-31").hasMessageContaining("31");
    }
}
