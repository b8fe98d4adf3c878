package dev.tcpmem.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KernelVersionTest {

    @Test
    void parsesWhatUnamePrints() {
        assertThat(KernelVersion.parse("6.18.44-fc-v595")).isEqualTo(KernelVersion.of(6, 18));
        assertThat(KernelVersion.parse("5.15")).isEqualTo(KernelVersion.of(5, 15));
        assertThat(KernelVersion.parse("5.4.0-150-generic")).isEqualTo(KernelVersion.of(5, 4));
    }

    @Test
    void comparesNumericallyNotAsText() {
        assertThat(KernelVersion.of(5, 10)).isGreaterThan(KernelVersion.of(5, 4));
        assertThat(KernelVersion.of(6, 1)).isGreaterThan(KernelVersion.of(5, 15));
    }

    @Test
    void nearestSupportedProfileIsTheNewestNotNewer() {
        assertThat(KernelVersion.of(6, 8).nearestSupported()).isEqualTo(KernelVersion.of(6, 6));
        assertThat(KernelVersion.of(5, 15).nearestSupported()).isEqualTo(KernelVersion.of(5, 15));
        assertThat(KernelVersion.of(7, 0).nearestSupported()).isEqualTo(KernelVersion.of(6, 18));
    }

    @Test
    void rejectsTextThatIsNotAVersion() {
        assertThatThrownBy(() -> KernelVersion.parse("latest")).hasMessageContaining("not a kernel version");
    }
}
