package dev.tcpmem.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

/**
 * The tick unit an axis picks for a range and a length, worked out by hand. The rule (ReadableNumberAxis): at most
 * 10 intervals, so ticks at least length / 10 apart (up the side also at least two label heights, 2 × about 17 px
 * at the 10-point tick font: under the 40 px of a 400 px axis); the smallest unit of the ladder that far apart.
 */
class AxisTickUnitTest {

    private static final double KIB = 1024;
    private static final double MIB = 1024 * KIB;
    private static final double GIB = 1024 * MIB;

    /** The major ticks of an axis over [0, upper] drawn along an edge of the given length. */
    private static List<NumberTick> ticks(ReadableNumberAxis axis, double upper, double length, RectangleEdge edge) {
        axis.setRange(0, upper);
        BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g2 = img.createGraphics();
        try {
            Rectangle2D area = RectangleEdge.isTopOrBottom(edge) ? new Rectangle2D.Double(60, 10, length, 300)
                    : new Rectangle2D.Double(60, 10, 800, length);
            List<?> all = axis.refreshTicks(g2, new AxisState(), area, edge);
            return all.stream().map(t -> (NumberTick) t).filter(t -> t.getTickType() == TickType.MAJOR).toList();
        } finally {
            g2.dispose();
        }
    }

    private static List<String> labels(List<NumberTick> ticks) {
        return ticks.stream().map(NumberTick::getText).toList();
    }

    @Test
    void sixAndAHalfGibUpFourHundredPixelsStepsByOneGib() {
        // 40 px of 400 are 6.5 GiB / 10 = 0.65 GiB: 512 MiB is too close, the next power of two is 1 GiB
        var t = ticks(ReadableNumberAxis.bytes("bytes"), 6.5 * GIB, 400, RectangleEdge.LEFT);
        assertThat(labels(t)).containsExactly("0 B", "1 GiB", "2 GiB", "3 GiB", "4 GiB", "5 GiB", "6 GiB");
    }

    @Test
    void nineHundredFiftyMibStepsBy128Mib() {
        // 950 MiB / 10 = 95 MiB: 64 MiB is too close, 128 MiB is not; the top tick 7 × 128 = 896 MiB
        var t = ticks(ReadableNumberAxis.bytes("bytes"), 950 * MIB, 400, RectangleEdge.LEFT);
        assertThat(labels(t)).containsExactly("0 B", "128 MiB", "256 MiB", "384 MiB", "512 MiB", "640 MiB", "768 MiB",
                "896 MiB");
    }

    @Test
    void justOverAGibStepsByQuartersNotEighths() {
        // 1.2 GiB over 800 px: 80 px are 1.2 GiB / 10 = 123 MiB, so spacing alone gives 128 MiB, whose ticks past
        // 1 GiB read 1.125 GiB (an eighth); the next unit, 256 MiB, ends at 1 GiB (1.25 GiB is past 1.2)
        var t = ticks(ReadableNumberAxis.bytes("bytes"), 1.2 * GIB, 800, RectangleEdge.LEFT);
        assertThat(labels(t)).containsExactly("0 B", "256 MiB", "512 MiB", "768 MiB", "1 GiB");
        // 1.3 GiB over 400 px: 133 MiB apart at least, so 256 MiB, and 1.25 GiB is a quarter: it reads
        var u = ticks(ReadableNumberAxis.bytes("bytes"), 1.3 * GIB, 400, RectangleEdge.LEFT);
        assertThat(labels(u)).containsExactly("0 B", "256 MiB", "512 MiB", "768 MiB", "1 GiB", "1.25 GiB");
    }

    @Test
    void aSmallBufferStepsByKib() {
        // 600 KiB / 10 = 60 KiB: 64 KiB
        var t = ticks(ReadableNumberAxis.bytes("bytes"), 600 * KIB, 400, RectangleEdge.LEFT);
        assertThat(t).hasSize(10);
        assertThat(t.get(1).getText()).isEqualTo("64 KiB");
        assertThat(t.get(9).getText()).isEqualTo("576 KiB");
    }

    @Test
    void halfGibStepsPrintTheHalves() {
        // 3.4 GiB up 200 px: 20 px < 2 label heights, so about 34 px apart: 3.4 GiB × 34 / 200 = 0.58 GiB → 1 GiB;
        // up 400 px: 0.34 GiB → 512 MiB, whose ticks are 0.5, 1, 1.5 … GiB
        var t = ticks(ReadableNumberAxis.bytes("bytes"), 3.4 * GIB, 400, RectangleEdge.LEFT);
        assertThat(labels(t)).containsExactly("0 B", "512 MiB", "1 GiB", "1.5 GiB", "2 GiB", "2.5 GiB", "3 GiB");
        var short_ = ticks(ReadableNumberAxis.bytes("bytes"), 3.4 * GIB, 200, RectangleEdge.LEFT);
        assertThat(labels(short_)).containsExactly("0 B", "1 GiB", "2 GiB", "3 GiB");
    }

    @Test
    void threeMinutesAlongAnExportStepsByTwentySeconds() {
        // 1,100 px: 110 px apart, 180 s × 110 / 1,100 = 18 s; the ladder has 10, 20, 25: 20 s
        var t = ticks(ReadableNumberAxis.decimal("time (s)"), 180, 1100, RectangleEdge.BOTTOM);
        assertThat(labels(t)).containsExactly("0", "20", "40", "60", "80", "100", "120", "140", "160", "180");
    }

    @Test
    void pagesUpAnExportStepBy200Thousand() {
        // tcp_mem[2] of the Cassandra sample 1,568,130 pages, × 1.08: 1,693,581 pages up 530 px → 169,358 apart
        // at least; the ladder has 100,000, 200,000: 200,000, eight steps
        var t = ticks(ReadableNumberAxis.counts("pages"), 1_693_581, 530, RectangleEdge.LEFT);
        assertThat(labels(t)).containsExactly("0", "200,000", "400,000", "600,000", "800,000", "1,000,000", "1,200,000",
                "1,400,000", "1,600,000");
    }

    @Test
    void wideLabelsAlongTheBottomPushTheStepUp() {
        // 100,000 connections along 280 px: 28 px apart by the count rule, so 10,000; but "100,000" is about 40 px
        // wide, plus 8 px of insets and a gap of a label's height (about 17 px): 20,000 (56 px) is too close, 25,000
        // (70 px) is not
        var t = ticks(ReadableNumberAxis.counts("connections"), 100_000, 280, RectangleEdge.BOTTOM);
        assertThat(labels(t)).containsExactly("0", "25,000", "50,000", "75,000", "100,000");
    }

    @Test
    void countsNeverStepByFractions() {
        // three connections along 600 px: 60 px apart would be 0.3 of a connection; whole numbers step by 1
        var t = ticks(ReadableNumberAxis.counts("connections"), 3, 600, RectangleEdge.BOTTOM);
        assertThat(labels(t)).containsExactly("0", "1", "2", "3");
        // two seconds may: 0.2 s apart at least, the ladder's 0.2 … 2.0 with one decimal
        var s = ticks(ReadableNumberAxis.decimal("time (s)"), 2, 600, RectangleEdge.BOTTOM);
        assertThat(labels(s)).containsExactly("0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2", "1.4", "1.6", "1.8", "2.0");
    }
}
