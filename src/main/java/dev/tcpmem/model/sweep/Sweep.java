package dev.tcpmem.model.sweep;

import dev.tcpmem.model.ScenarioEvaluator;
import dev.tcpmem.model.node.MemoryState;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.scenario.Scenario;

import java.util.Map;

/**
 * Evaluates a scenario at N values of one input and finds, by bisection between the samples, the exact value at
 * which the node's worst state first reaches pressure and high (the peak is monotone in connections, rates and
 * buffer sizes).
 */
public final class Sweep {

    private Sweep() {
    }

    public static SweepResult run(Scenario scenario, DefaultsSource defaults, SweepParameter parameter,
                                  double from, double to, int points) {
        if (from > to) {
            double t = from;
            from = to;
            to = t;
        }
        int n = Math.max(2, points);
        double[] values = new double[n];
        long[] peak = new long[n];
        MemoryState[] states = new MemoryState[n];
        long[] pLine = new long[n];
        long[] hLine = new long[n];
        for (int i = 0; i < n; i++) {
            double v = from + (to - from) * i / (n - 1);
            if (parameter.integral()) {
                v = Math.rint(v);
            }
            values[i] = v;
            EvaluationResult r = evaluate(scenario, defaults, parameter, v);
            peak[i] = r.node().peakPages();
            states[i] = r.node().state();
            pLine[i] = r.node().tcpMem().pressure();
            hLine[i] = r.node().tcpMem().high();
        }
        Double pressureAt = firstReached(scenario, defaults, parameter, values, states, MemoryState.PRESSURE);
        Double highAt = firstReached(scenario, defaults, parameter, values, states, MemoryState.HIGH);
        return new SweepResult(parameter.label(), values, peak, states, pLine, hLine, pressureAt, highAt);
    }

    static EvaluationResult evaluate(Scenario s, DefaultsSource defaults, SweepParameter parameter, double v) {
        Map<String, String> d = defaults.defaults(s.node().kernel(), s.node().memory());
        Scenario changed = parameter.apply(s, d, v);
        return ScenarioEvaluator.evaluate(changed, defaults.defaults(changed.node().kernel(), changed.node().memory()));
    }

    private static Double firstReached(Scenario s, DefaultsSource defaults, SweepParameter parameter, double[] values,
                                       MemoryState[] states, MemoryState target) {
        for (int i = 0; i < values.length; i++) {
            if (states[i].compareTo(target) >= 0) {
                if (i == 0) {
                    return values[0];
                }
                double lo = values[i - 1];
                double hi = values[i];
                for (int it = 0; it < 64; it++) {
                    if (parameter.integral() && Math.abs(hi - lo) <= 1) {
                        break;
                    }
                    if (!parameter.integral() && Math.abs(hi - lo) <= 1e-9 * Math.max(1, Math.abs(hi))) {
                        break;
                    }
                    double mid = parameter.integral() ? Math.floor((lo + hi) / 2) : (lo + hi) / 2;
                    if (evaluate(s, defaults, parameter, mid).node().state().compareTo(target) >= 0) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                return hi;
            }
        }
        return null;
    }
}
