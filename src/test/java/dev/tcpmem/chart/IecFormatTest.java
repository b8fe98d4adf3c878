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
}
