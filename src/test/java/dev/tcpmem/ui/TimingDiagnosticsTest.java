package dev.tcpmem.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.ui.charts.LatencyStats;
import org.junit.jupiter.api.Test;

class TimingDiagnosticsTest {

    @Test
    void tellsLatencyQuantilesColdStartAndHeap() {
        LatencyStats stats = new LatencyStats(500);
        // 1 ms .. 100 ms, shuffled: nearest-rank p50 is the 50th value, p95 the 95th
        for (int i = 0; i < 100; i++) {
            stats.add(((i * 37) % 100 + 1) * 1_000_000L);
        }
        TimingDiagnostics d = new TimingDiagnostics(stats, () -> 123L << 20);
        d.refresh();
        assertThat(d.textProperty().get())
                .isEqualTo("edit→repaint p50 50.0 ms, p95 95.0 ms, max 100.0 ms (100) · heap 123 MiB");
        d.firstFrame(1_234);
        d.modelRan(2_500_000);
        assertThat(d.textProperty().get()).isEqualTo("model 2.50 ms · edit→repaint p50 50.0 ms, p95 95.0 ms, "
                + "max 100.0 ms (100) · cold start 1,234 ms · heap 123 MiB");
        assertThat(d.firstFrameMillis()).isEqualTo(1_234);
    }
}
