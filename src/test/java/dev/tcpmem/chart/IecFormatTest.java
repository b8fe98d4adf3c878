package dev.tcpmem.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Axis labels at binary-round values print exactly; other byte counts keep three significant figures. */
class IecFormatTest {

    @Test
    void exactLabelsPrintTheDecimalsABinaryFractionNeeds() {
        assertThat(IecFormat.exactBytes(0)).isEqualTo("0 B");
        assertThat(IecFormat.exactBytes(512L << 20)).isEqualTo("512 MiB");
        assertThat(IecFormat.exactBytes(3L << 29)).isEqualTo("1.5 GiB");   // 3 × 512 MiB
        assertThat(IecFormat.exactBytes(5L << 28)).isEqualTo("1.25 GiB");  // 5 × 256 MiB
        assertThat(IecFormat.exactBytes(9L << 27)).isEqualTo("1.125 GiB"); // 9 × 128 MiB
        assertThat(IecFormat.exactBytes(64L << 10)).isEqualTo("64 KiB");
        assertThat(IecFormat.exactBytes(1023)).isEqualTo("1023 B");
    }

    @Test
    void valuesThatAreNotBinaryRoundFallBackToRounding() {
        // 500,000,000 bytes is 476.837… MiB: the rounded label JFreeChart's decimal ticks used to get
        assertThat(IecFormat.exactBytes(500_000_000)).isEqualTo("477 MiB");
        assertThat(IecFormat.exactBytes(87_380)).isEqualTo("85.3 KiB");
        assertThat(IecFormat.exact().format(1.5 * (1L << 30))).isEqualTo("1.5 GiB");
        assertThat(new IecFormat().format(5L << 28)).isEqualTo("1.3 GiB"); // the default instance rounds
    }

    @Test
    void aValueThatRoundsToAWholeUnitPrintsWhole() {
        // SO_RCVBUF's ceiling INT_MAX = 2^31 - 1 bytes is 1.9999999995 GiB: to one decimal 2.0, printed "2 GiB"
        assertThat(IecFormat.bytes(Integer.MAX_VALUE)).isEqualTo("2 GiB");
        assertThat(new IecFormat().format(Integer.MAX_VALUE)).isEqualTo("2 GiB");
        // 2^20 - 1 bytes is 1023.999 KiB: rounds to 1024 KiB, which is 1 MiB
        assertThat(IecFormat.bytes((1L << 20) - 1)).isEqualTo("1 MiB");
        // 1,000,000 bytes is 976.5625 KiB: three figures, no decimal
        assertThat(IecFormat.bytes(1_000_000)).isEqualTo("977 KiB");
        // 6,000,000 bytes is 5.722 MiB; near 2 GiB the decimal goes only when it rounds to 2.0
        assertThat(IecFormat.bytes(6_000_000)).isEqualTo("5.7 MiB");
        assertThat(IecFormat.bytes(2_104_533_975L)).isEqualTo("2 GiB"); // 1.95999… GiB rounds to 2.0
        assertThat(IecFormat.bytes(2_083_059_139L)).isEqualTo("1.9 GiB"); // 1.9400000004 GiB
        assertThat(IecFormat.bytes(87_380)).isEqualTo("85.3 KiB");
        assertThat(IecFormat.bytes(1000)).isEqualTo("1000 B");
    }
}
