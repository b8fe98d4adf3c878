package dev.tcpmem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a JMH JSON result file and checks issue 8's scaling rules on ScalingBenchmark's figures: 10,000,000 vs 1,000
 * connections within 1.2x; cost per workload and per step constant within 1.5x across 20x more of them (linear).
 * Prints each ratio; exits 1 when a rule fails, 2 when the figures are missing.
 */
public final class ScalingCheck {

    private ScalingCheck() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode runs = JsonMapper.builder().build().readTree(Path.of(args[0]).toFile());
        Map<String, Double> score = new LinkedHashMap<>();
        for (JsonNode r : runs) {
            String name = r.path("benchmark").asText();
            if (!name.contains("ScalingBenchmark.")) {
                continue;
            }
            String method = name.substring(name.lastIndexOf('.') + 1);
            StringBuilder key = new StringBuilder(method);
            r.path("params").fields().forEachRemaining(e -> key.append(' ').append(e.getValue().asText()));
            score.put(key.toString(), r.path("primaryMetric").path("score").asDouble());
        }
        if (score.isEmpty()) {
            System.out.println("no ScalingBenchmark figures in " + args[0]);
            System.exit(2);
        }
        boolean ok = true;
        ok &= check(score, "connections 10000000", "connections 1000", 1, 1.2,
                "10,000,000 vs 1,000 connections (same time)");
        ok &= check(score, "pods 200", "pods 10", 20, 1.5, "1,000 vs 50 workloads (linear: 20x)");
        ok &= check(score, "steps 6000.0", "steps 60.0", 100, 1.5, "60,000 vs 600 steps (linear: 100x)");
        System.exit(ok ? 0 : 1);
    }

    /** Checks that score(big) / score(small) / expected lies within [1 / tolerance, tolerance]. */
    private static boolean check(Map<String, Double> score, String big, String small, double expected, double tolerance,
                                 String what) {
        Double b = score.get(big);
        Double s = score.get(small);
        if (b == null || s == null) {
            System.out.println("missing: " + big + " or " + small);
            return false;
        }
        double ratio = b / s;
        double rel = ratio / expected;
        boolean ok = rel <= tolerance && rel >= 1 / tolerance;
        System.out.printf(Locale.ROOT, "%-45s %10.1f / %10.1f us = %7.2fx (expected %sx, within %.1fx): %s%n", what, b,
                s, ratio, expected == (long) expected ? Long.toString((long) expected) : expected, tolerance,
                ok ? "holds" : "FAILS");
        return ok;
    }
}
