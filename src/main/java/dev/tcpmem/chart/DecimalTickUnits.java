package dev.tcpmem.chart;

import java.math.BigDecimal;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.axis.NumberTickUnit;

/**
 * Tick units for counted and timed axes (pages, connections, seconds): 1, 2, 2.5 and 5 × 10^n, as matplotlib's
 * default locator steps. With 2.5 in the set neighbours are at most 2× apart (JFreeChart's 1, 2, 5 jumps 2.5×), so a
 * minimum tick spacing lands within a factor of 2 of the tick count it aims at; 25, 50, 75 read as round as 20, 40.
 */
public final class DecimalTickUnits extends TickUnitLadder {

    /** Whole numbers only (pages, connections): no step below 1, no 2.5. */
    public static final DecimalTickUnits INTEGERS = new DecimalTickUnits(0);
    /** Down to a thousandth (seconds of a short timeline). */
    public static final DecimalTickUnits FRACTIONS = new DecimalTickUnits(-3);

    private DecimalTickUnits(int smallestPower) {
        super(units(smallestPower));
    }

    private static List<NumberTickUnit> units(int smallestPower) {
        List<NumberTickUnit> out = new ArrayList<>();
        String[] factors = {"1", "2", "2.5", "5"};
        for (int p = smallestPower; p <= 18; p++) {
            for (String f : factors) {
                BigDecimal step = new BigDecimal(f).scaleByPowerOfTen(p).stripTrailingZeros();
                if (step.scale() > 0 && smallestPower >= 0) {
                    continue; // 2.5 is not a whole number
                }
                out.add(new NumberTickUnit(step.doubleValue(), new Grouped(Math.max(0, step.scale())), 0));
            }
        }
        return out;
    }

    /** "1,650,000" or "2.5": grouped, with a step's decimals; stateless, so shared safely between threads. */
    private static final class Grouped extends NumberFormat {
        private static final long serialVersionUID = 1L;
        private final String pattern;

        Grouped(int decimals) {
            pattern = "%,." + decimals + "f";
        }

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            // -0.0 (a tick computed as -1 × 0) must not print as "-0"
            return toAppendTo.append(String.format(Locale.ROOT, pattern, number == 0 ? 0.0 : number));
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return format((double) number, toAppendTo, pos);
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            return null; // labels only
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Grouped g && g.pattern.equals(pattern);
        }

        @Override
        public int hashCode() {
            return pattern.hashCode();
        }
    }
}
