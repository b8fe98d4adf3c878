package dev.tcpmem.ui;

import dev.tcpmem.model.result.QueueBand;
import dev.tcpmem.model.result.WorkloadResult;

import java.util.Locale;

/**
 * One workload's final pages per connection as the window words it: the number, and where the kernel's rules leave
 * it in a band (the model's value is then an expected value), the band and the rule.
 */
public final class PagesPerConnectionText {

    private PagesPerConnectionText() {
    }

    /** "24 pages per connection at the end; the kernel leaves it anywhere from 16 to 40: ..." */
    public static String of(WorkloadResult w) {
        String value = pages(w.finalPagesPerConnection()) + " per connection at the end";
        if (w.finalBand().isEmpty()) {
            return value;
        }
        QueueBand b = w.finalBand().get();
        return value + "; the kernel leaves it anywhere from " + number(b.pagesLow()) + " to " + number(b.pagesHigh())
                + ": " + b.why();
    }

    private static String pages(double v) {
        return number(v) + (v == 1 ? " page" : " pages");
    }

    private static String number(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? String.format(Locale.ROOT, "%,d", (long) Math.rint(v))
                : String.format(Locale.ROOT, "%,.1f", v);
    }
}
