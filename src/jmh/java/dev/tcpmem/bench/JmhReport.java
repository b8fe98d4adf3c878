package dev.tcpmem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a JMH JSON result file, prints every figure with its best iteration, and checks issue 8's scaling rules on
 * ScalingBenchmark's figures: 10,000,000 vs 1,000 connections within 1.2x; the cost of each added workload and of
 * each added step the same within 1.5x (linear).
 * Prints each ratio; exits 1 when a rule fails, 2 when the figures are missing.
 */
public final class JmhReport {

    private JmhReport() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode runs = JsonMapper.builder().build().readTree(Path.of(args[0]).toFile());
        Map<String, Double> score = new LinkedHashMap<>();
        // every figure with its best iteration: on a shared VM the mean carries other processes' load
        System.out.printf(Locale.ROOT, "%-58s %12s %12s %12s%n", "benchmark", "mean", "± (99.9%)", "best iter.");
        for (JsonNode r : runs) {
            String name = r.path("benchmark").asText();
            String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            StringBuilder params = new StringBuilder();
            r.path("params").fields().forEachRemaining(e -> params.append(' ').append(e.getValue().asText()));
            JsonNode m = r.path("primaryMetric");
            double best = Double.MAX_VALUE;
            for (JsonNode fork : m.path("rawData")) {
                for (JsonNode it : fork) {
                    best = Math.min(best, it.asDouble());
                }
            }
            System.out.printf(Locale.ROOT, "%-58s %12.3f %12.3f %12.3f %s%n", shortName + params, m.path("score").asDouble(),
                    m.path("scoreError").asDouble(), best, m.path("scoreUnit").asText());
            if (name.contains("ScalingBenchmark.")) {
                score.put(name.substring(name.lastIndexOf('.') + 1) + params, m.path("score").asDouble());
            }
        }
        System.out.println();
        if (score.isEmpty()) {
            System.out.println("no ScalingBenchmark figures in " + args[0]);
            System.exit(2);
        }
        boolean ok = true;
        ok &= ratio(score, "connections 10000000", "connections 1000", 1.2,
                "10,000,000 vs 1,000 connections: same time within");
        // linear: the same cost for each added workload (or step) over both intervals, within 1.5x
        ok &= linear(score, "pods", 10, 50, 200, 5, "workloads 50 / 250 / 1,000: cost per added workload");
        ok &= linear(score, "steps", 60, 600, 6000, 10, "steps 601 / 6,001 / 60,001: cost per added step");
        System.exit(ok ? 0 : 1);
    }

    /** Checks that score(big) / score(small) lies within [1 / tolerance, tolerance]. */
    private static boolean ratio(Map<String, Double> score, String big, String small, double tolerance, String what) {
        Double b = score.get(big);
        Double s = score.get(small);
        if (b == null || s == null) {
            System.out.println("missing: " + big + " or " + small);
            return false;
        }
        double r = b / s;
        boolean ok = r <= tolerance && r >= 1 / tolerance;
        System.out.printf(Locale.ROOT, "%-58s %.1fx: %10.1f / %10.1f us = %.2fx: %s%n", what, tolerance, b, s, r,
                ok ? "holds" : "FAILS");
        return ok;
    }

    /**
     * Linear in x: the cost per unit added from a to b and from b to c agree within 1.5x. unitsPerX converts x to
     * what is counted (workloads per pod, steps per second).
     */
    private static boolean linear(Map<String, Double> score, String method, int a, int b, int c, double unitsPerX,
                                  String what) {
        Double ta = score.get(method + " " + a);
        Double tb = score.get(method + " " + b);
        Double tc = score.get(method + " " + c);
        if (ta == null || tb == null || tc == null) {
            System.out.println("missing: " + method + " " + a + " / " + b + " / " + c);
            return false;
        }
        double first = (tb - ta) / ((b - a) * unitsPerX);
        double second = (tc - tb) / ((c - b) * unitsPerX);
        double r = second / first;
        boolean ok = r <= 1.5 && r >= 1 / 1.5;
        System.out.printf(Locale.ROOT, "%-58s %.3f then %.3f us (%.2fx; within 1.5x): %s%n", what, first, second, r,
                ok ? "holds" : "FAILS");
        return ok;
    }
}
