package dev.tcpmem.io.importers;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities for memory ("4Gi", "512Mi", "1G", "1e9", "128974848"), in bytes. */
final class KubernetesQuantity {

    private static final Pattern Q = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)(?:[eE]([0-9]+))?([KMGTPE]i?|[kmun])?$");
    private static final Map<String, BigDecimal> SUFFIX = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("k", BigDecimal.valueOf(1000L)), Map.entry("K", BigDecimal.valueOf(1000L)),
            Map.entry("M", BigDecimal.valueOf(1000_000L)), Map.entry("G", BigDecimal.valueOf(1000_000_000L)),
            Map.entry("T", BigDecimal.valueOf(1000_000_000_000L)), Map.entry("P", BigDecimal.valueOf(1000_000_000_000_000L)),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
            Map.entry("m", new BigDecimal("0.001")));

    private KubernetesQuantity() {
    }

    static long bytes(String text) {
        Matcher m = Q.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a Kubernetes quantity such as 4Gi or 512Mi");
        }
        BigDecimal suffix = SUFFIX.get(m.group(3) == null ? "" : m.group(3));
        if (suffix == null) {
            throw new IllegalArgumentException("\"" + text + "\": unknown suffix " + m.group(3));
        }
        BigDecimal v = new BigDecimal(m.group(1)).multiply(suffix);
        if (m.group(2) != null) {
            int exp = Integer.parseInt(m.group(2));
            if (exp > 18) {
                throw new IllegalArgumentException("\"" + text + "\" is too large");
            }
            v = v.scaleByPowerOfTen(exp);
        }
        if (v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("\"" + text + "\" is too large");
        }
        return v.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }
}
