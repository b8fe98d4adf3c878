package dev.tcpmem.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.model.scenario.Rate;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void sizesInSiAndIecUnits() {
        assertThat(Quantities.parseBytes("64GiB")).isEqualTo(Bytes.of(68_719_476_736L));
        assertThat(Quantities.parseBytes("16 MiB")).isEqualTo(Bytes.of(16_777_216));
        assertThat(Quantities.parseBytes("100KB")).isEqualTo(Bytes.of(100_000));
        assertThat(Quantities.parseBytes("87380")).isEqualTo(Bytes.of(87_380));
        assertThat(Quantities.parseBytes("1.5KiB")).isEqualTo(Bytes.of(1_536));
    }

    @Test
    void ratesInBytesAndBits() {
        assertThat(Quantities.parseRate("100KB/s")).isEqualTo(new Rate(100_000));
        assertThat(Quantities.parseRate("10Gbit/s")).isEqualTo(new Rate(1.25e9));
        assertThat(Quantities.parseRate("1MiB/s")).isEqualTo(new Rate(1_048_576));
    }

    @Test
    void badUnitsSayWhatIsValid() {
        assertThatThrownBy(() -> Quantities.parseBytes("64 GiBs")).hasMessageContaining("unknown size unit")
                .hasMessageContaining("KiB");
        assertThatThrownBy(() -> Quantities.parseBytes("-1")).hasMessageContaining("is not a size");
        assertThatThrownBy(() -> Quantities.parseBytes("99999999999TiB")).hasMessageContaining("too large");
        assertThatThrownBy(() -> Quantities.parseRate("100KB")).hasMessageContaining("is not a rate");
    }

    @Test
    void formattingRoundTrips() {
        for (String s : new String[] {"64GiB", "16MiB", "100KB", "87380", "0"}) {
            assertThat(Quantities.formatBytes(Quantities.parseBytes(s))).isEqualTo(s);
        }
        for (String s : new String[] {"100KB/s", "1MiB/s", "1250000000B/s".replace("1250000000B", "1250MB"), "0B/s"}) {
            assertThat(Quantities.formatRate(Quantities.parseRate(s))).isEqualTo(s);
        }
    }

    @Test
    void countsTypedWithSeparatorsAndTheirRange() {
        assertThat(Quantities.parseCount(" 10,000 ", 100_000_000)).isEqualTo(10_000);
        assertThat(Quantities.parseCount("1_000_000", 100_000_000)).isEqualTo(1_000_000);
        assertThat(Quantities.parseCount("0", 5)).isZero();
        assertThat(Quantities.parseCount("5", 5)).isEqualTo(5);
        for (String bad : new String[] {"6", "-1", "1e3", "1.5", "many", ""}) {
            assertThatThrownBy(() -> Quantities.parseCount(bad, 5)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a whole number from 0 to 5");
        }
    }
}
