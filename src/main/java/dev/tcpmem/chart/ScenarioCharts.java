package dev.tcpmem.chart;

import dev.tcpmem.kernel.Pages;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.NodeResult;
import dev.tcpmem.model.result.PodResult;
import dev.tcpmem.model.result.Series;
import dev.tcpmem.model.result.WorkloadResult;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.sweep.DefaultsSource;
import dev.tcpmem.model.sweep.Sweep;
import dev.tcpmem.model.sweep.SweepParameter;
import dev.tcpmem.model.sweep.SweepResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Turns a scenario's evaluation into what each chart draws; the GUI and the headless {@code export} use the same
 * code, so an exported chart is the picture on screen.
 */
public final class ScenarioCharts {

    /** A workload picked for the socket chart. */
    public record WorkloadRef(String pod, String workload) {
        @Override
        public String toString() {
            return pod + "/" + workload;
        }
    }

    /**
     * Pods named in the node chart's legend; the rest share one "N others" band. Eight names and the others' entry
     * fill two legend rows at the live chart's width (a 1280-pixel window) and one across an export; 40 named pods
     * took five rows and squeezed the plot to half its height.
     */
    public static final int MAX_NAMED_PODS = 8;

    private ScenarioCharts() {
    }

    /** Node TCP memory over the timeline, in pages or bytes, every step (exports). */
    public static NodeChartData node(Scenario s, EvaluationResult r, boolean pages) {
        return node(s, r, pages, Integer.MAX_VALUE);
    }

    /**
     * As {@link #node(Scenario, EvaluationResult, boolean)} with at most maxPoints time points (the live chart): each
     * bucket of steps is drawn at its step with the highest node total, so the peak and the crossings stay exact.
     */
    public static NodeChartData node(Scenario s, EvaluationResult r, boolean pages, int maxPoints) {
        Series ser = r.series();
        double scale = pages ? 1 : Pages.PAGE_SIZE;
        int[] keep = peakPreservingIndices(ser.nodePages(), maxPoints);
        double[] times = new double[keep.length];
        for (int i = 0; i < keep.length; i++) {
            times[i] = ser.timeSeconds()[keep[i]];
        }
        // with more than MAX_NAMED_PODS pods, those with the highest own peak (the model's, over every step) keep
        // their band, in scenario order, and the rest are summed into one band on top
        java.util.Set<String> named = namedPods(r);
        Map<String, double[]> pods = new LinkedHashMap<>();
        double[] others = new double[keep.length];
        int othersCount = 0;
        for (Map.Entry<String, long[]> e : ser.podPages().entrySet()) {
            long[] values = e.getValue();
            boolean own = named.contains(e.getKey());
            double[] v = own ? new double[keep.length] : others;
            for (int i = 0; i < v.length; i++) {
                v[i] += values[keep[i]] * scale;
            }
            if (own) {
                pods.put(e.getKey(), v);
            } else {
                othersCount++;
            }
        }
        if (othersCount > 0) {
            pods.put(othersCount + " others", others);
        }
        NodeResult n = r.node();
        List<double[]> pressure = new ArrayList<>();
        List<double[]> high = new ArrayList<>();
        intervals(ser, n, pressure, high);
        OptionalDouble reference = s.node().observed().map(o -> OptionalDouble.of(o.tcpMemPages() * scale))
                .orElse(OptionalDouble.empty());
        return new NodeChartData(s.name(), pages ? "pages" : "bytes", times, pods,
                n.tcpMem().low() * scale, n.tcpMem().pressure() * scale, n.tcpMem().high() * scale, pressure, high,
                optional(n.firstPressureSeconds()), optional(n.firstHighSeconds()), reference, podPressure(r), othersCount);
    }

    /** Every pod when there are at most MAX_NAMED_PODS, else the MAX_NAMED_PODS with the highest peak (ties: first). */
    static java.util.Set<String> namedPods(EvaluationResult r) {
        List<PodResult> byPeak = new ArrayList<>(r.pods());
        // a stable sort: equal peaks keep the scenario's order
        byPeak.sort(java.util.Comparator.comparingLong(PodResult::peakPages).reversed());
        java.util.Set<String> out = new java.util.HashSet<>();
        for (int i = 0; i < Math.min(MAX_NAMED_PODS, byPeak.size()); i++) {
            out.add(byPeak.get(i).name());
        }
        return out;
    }

    private static List<NodeChartData.PodPressure> podPressure(EvaluationResult r) {
        List<NodeChartData.PodPressure> out = new ArrayList<>();
        for (dev.tcpmem.model.result.PodResult p : r.pods()) {
            for (dev.tcpmem.model.result.PodResult.PressureSpan sp : p.memcg().pressureSpans()) {
                out.add(new NodeChartData.PodPressure(p.name(), sp.startSeconds(),
                        sp.endSeconds() == null ? Double.NaN : sp.endSeconds()));
            }
        }
        return out;
    }

    /** Indices of at most max points: first, last, and in each bucket the step where the node total is highest. */
    static int[] peakPreservingIndices(long[] node, int max) {
        int n = node.length;
        if (n <= max || max < 3) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int buckets = max - 2;
        int[] out = new int[max];
        out[0] = 0;
        for (int b = 0; b < buckets; b++) {
            int from = 1 + (int) ((long) b * (n - 2) / buckets);
            int to = 1 + (int) ((long) (b + 1) * (n - 2) / buckets);
            int best = from;
            for (int i = from; i < to; i++) {
                if (node[i] > node[best]) {
                    best = i;
                }
            }
            out[b + 1] = best;
        }
        out[max - 1] = n - 1;
        return out;
    }

    /**
     * Periods under pressure (entered above tcp_mem[1], left at or below tcp_mem[0]) and over tcp_mem[2], from the
     * node series, as the kernel's hysteresis has them (net/core/sock.c __sk_mem_raise_allocated).
     */
    static void intervals(Series ser, NodeResult n, List<double[]> pressure, List<double[]> high) {
        double[] t = ser.timeSeconds();
        long[] v = ser.nodePages();
        boolean inPressure = false;
        boolean inHigh = false;
        double pStart = 0;
        double hStart = 0;
        for (int i = 0; i < v.length; i++) {
            if (!inPressure && v[i] > n.tcpMem().pressure()) {
                inPressure = true;
                pStart = t[i];
            } else if (inPressure && v[i] <= n.tcpMem().low()) {
                inPressure = false;
                pressure.add(new double[] {pStart, t[i]});
            }
            if (!inHigh && v[i] > n.tcpMem().high()) {
                inHigh = true;
                hStart = t[i];
            } else if (inHigh && v[i] <= n.tcpMem().high()) {
                inHigh = false;
                high.add(new double[] {hStart, t[i]});
            }
        }
        double end = t.length == 0 ? 0 : t[t.length - 1];
        if (inPressure) {
            pressure.add(new double[] {pStart, end});
        }
        if (inHigh) {
            high.add(new double[] {hStart, end});
        }
    }

    /** The workload whose connections hold the most memory at peak: the socket chart's default. */
    public static Optional<WorkloadRef> heaviestWorkload(EvaluationResult r) {
        WorkloadRef best = null;
        long bestPages = -1;
        for (PodResult p : r.pods()) {
            for (WorkloadResult w : p.workloads()) {
                if (w.peakPages() > bestPages) {
                    bestPages = w.peakPages();
                    best = new WorkloadRef(p.name(), w.name());
                }
            }
        }
        return Optional.ofNullable(best);
    }

    public static Optional<SocketChartData> socket(Scenario s, EvaluationResult r, WorkloadRef ref) {
        Optional<WorkloadResult> wr = r.pods().stream().filter(p -> p.name().equals(ref.pod())).findFirst()
                .flatMap(p -> p.workloads().stream().filter(w -> w.name().equals(ref.workload())).findFirst());
        Optional<Workload> w = s.pod(ref.pod()).flatMap(p -> p.workload(ref.workload()));
        if (wr.isEmpty() || w.isEmpty()) {
            return Optional.empty();
        }
        WorkloadResult.SocketResult so = wr.get().socket();
        long peakBytes = Math.round(wr.get().peakPagesPerConnection() * Pages.PAGE_SIZE);
        return Optional.of(new SocketChartData("Socket of " + ref + " (one connection of " + wr.get().connections() + ")",
                so.rcvbufInitial(), so.rcvbufMax(), so.sndbufInitial(), so.sndbufMax(), so.windowMax(), peakBytes,
                so.bdpBytes(), so.throughputCeilingBytesPerSecond(), w.get().inRate().bytesPerSecond(), so.autotuning()));
    }

    /**
     * The sweep the headless commands draw: the workload's connection count from 0 to ten times its current
     * value (at least 1,000), where the window would sweep the input touched last.
     */
    public static SweepResult connectionsSweep(Scenario s, WorkloadRef ref, DefaultsSource defaults, int points) {
        return Sweep.run(s, defaults, new SweepParameter.Connections(ref.pod(), ref.workload()), 0,
                Math.max(1000, currentConnections(s, ref) * 10.0), points);
    }

    public static long currentConnections(Scenario s, WorkloadRef ref) {
        return s.pod(ref.pod()).flatMap(p -> p.workload(ref.workload())).map(Workload::connections).orElse(0L);
    }

    public static SweepChartData sweep(SweepResult r, boolean logScale, OptionalDouble current, boolean pages) {
        return sweep(r, logScale, current, pages, false);
    }

    /** As {@link #sweep(SweepResult, boolean, OptionalDouble, boolean)}, for an input that may be in bytes. */
    public static SweepChartData sweep(SweepResult r, boolean logScale, OptionalDouble current, boolean pages,
                                       boolean parameterInBytes) {
        double scale = pages ? 1 : Pages.PAGE_SIZE;
        double[] peak = new double[r.peakPages().length];
        for (int i = 0; i < peak.length; i++) {
            peak[i] = r.peakPages()[i] * scale;
        }
        int last = r.pressureLine().length - 1;
        // the lines can move along the sweep (node memory, tcp_mem itself); draw them where the current value sits
        int at = 0;
        if (current.isPresent()) {
            for (int i = 0; i < r.values().length; i++) {
                if (r.values()[i] <= current.getAsDouble()) {
                    at = i;
                }
            }
        } else {
            at = last;
        }
        double pressure = r.pressureLine()[at] * scale;
        double high = r.highLine()[at] * scale;
        double low = Math.floor(r.pressureLine()[at] / 4.0) * 3 * scale;
        return new SweepChartData("Sweep of " + r.parameter(), r.parameter(), logScale, r.values(), peak,
                pages ? "pages" : "bytes", low, pressure, high, optional(r.pressureAt()), optional(r.highAt()), current,
                parameterInBytes);
    }

    private static OptionalDouble optional(Double d) {
        return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
    }
}
