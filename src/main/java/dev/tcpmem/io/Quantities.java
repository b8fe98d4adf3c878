package dev.tcpmem.io;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.model.scenario.Rate;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes and rates as people write them in scenario files: "64GiB", "100KB/s", "10Gbit/s", or plain byte counts. */
public final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)\\s*$");
    private static final Map<String, Long> BYTE_UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("kb", 1000L), Map.entry("mb", 1000L * 1000), Map.entry("gb", 1000L * 1000 * 1000),
            Map.entry("tb", 1000L * 1000 * 1000 * 1000),
            Map.entry("kib", 1024L), Map.entry("mib", 1024L * 1024), Map.entry("gib", 1024L * 1024 * 1024),
            Map.entry("tib", 1024L * 1024 * 1024 * 1024));
    private static final Map<String, Double> BIT_UNITS = Map.of(
            "bit", 1 / 8.0, "kbit", 1000 / 8.0, "mbit", 1e6 / 8, "gbit", 1e9 / 8, "tbit", 1e12 / 8);

    public static final String SIZE_HELP = "a number of bytes or a size with a unit (B, KB, KiB, MB, MiB, GB, GiB, TB, TiB), e.g. \"64GiB\"";
    public static final String RATE_HELP = "a rate such as \"100KB/s\", \"12.5MiB/s\" or \"10Gbit/s\"";

    private Quantities() {
    }

    /** Parses a size; throws IllegalArgumentException with a message saying what is valid. */
    public static Bytes parseBytes(String text) {
        Matcher m = QUANTITY.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a size: expected " + SIZE_HELP);
        }
        Long unit = BYTE_UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            throw new IllegalArgumentException("unknown size unit \"" + m.group(2) + "\" in \"" + text + "\": expected " + SIZE_HELP);
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("\"" + text + "\" is too large (over 8 EiB)");
        }
        try {
            return Bytes.of(bytes.longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a whole number of bytes");
        }
    }

    /** Parses a rate "N unit/s" (bytes or bits per second); a bare number is bytes per second. */
    public static Rate parseRate(String text) {
        String t = text == null ? "" : text.strip();
        String body = t.toLowerCase(Locale.ROOT).endsWith("/s") ? t.substring(0, t.length() - 2) : t;
        if (body.equals(t) && !t.matches("[0-9.]+")) {
            throw new IllegalArgumentException("\"" + text + "\" is not a rate: expected " + RATE_HELP);
        }
        Matcher m = QUANTITY.matcher(body);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a rate: expected " + RATE_HELP);
        }
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        double number = Double.parseDouble(m.group(1));
        Double perBit = BIT_UNITS.get(unit.endsWith("bps") ? unit.replace("bps", "bit") : unit);
        if (perBit != null) {
            return new Rate(number * perBit);
        }
        Long perByte = BYTE_UNITS.get(unit);
        if (perByte == null) {
            throw new IllegalArgumentException("unknown rate unit \"" + m.group(2) + "/s\" in \"" + text + "\": expected " + RATE_HELP);
        }
        return new Rate(number * perByte);
    }

    /** Writes a size the shortest exact way: "64GiB", "16MiB", "100KB", else a plain number of bytes. */
    /** A count typed by a user ("10000", "10,000" or "10_000"), from 0 to {@code max}. */
    public static long parseCount(String text, long max) {
        String t = text == null ? "" : text.strip();
        try {
            long n = Long.parseLong(t.replace(",", "").replace("_", ""));
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                "\"%s\" is not a whole number from 0 to %,d", t, max));
    }

    /** A reader behaviour as scenario files write it: "drains", "stalled" or a read rate. */
    public static dev.tcpmem.model.scenario.ReaderBehaviour parseReader(String text) {
        String t = text == null ? "" : text.strip();
        return switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "drains" -> dev.tcpmem.model.scenario.ReaderBehaviour.DRAINS;
            case "stalled" -> dev.tcpmem.model.scenario.ReaderBehaviour.STALLED;
            default -> {
                try {
                    yield new dev.tcpmem.model.scenario.ReaderBehaviour.ReadsAt(parseRate(t));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("\"" + t + "\" is not a reader behaviour: expected \"drains\", "
                            + "\"stalled\" or " + RATE_HELP);
                }
            }
        };
    }

    /** A reader behaviour as scenario files write it. */
    public static String formatReader(dev.tcpmem.model.scenario.ReaderBehaviour r) {
        if (r instanceof dev.tcpmem.model.scenario.ReaderBehaviour.ReadsAt at) {
            return formatRate(at.rate());
        }
        return r instanceof dev.tcpmem.model.scenario.ReaderBehaviour.Stalled ? "stalled" : "drains";
    }

    public static String formatBytes(Bytes b) {
        long v = b.value();
        if (v == 0) {
            return "0";
        }
        String[][] units = {{"TiB", "1099511627776"}, {"GiB", "1073741824"}, {"MiB", "1048576"}, {"KiB", "1024"},
                {"TB", "1000000000000"}, {"GB", "1000000000"}, {"MB", "1000000"}, {"KB", "1000"}};
        for (String[] u : units) {
            long size = Long.parseLong(u[1]);
            if (v % size == 0) {
                return (v / size) + u[0];
            }
        }
        return Long.toString(v);
    }

    /** Writes a rate exactly: "100KB/s", "1.5MiB/s", "1250000B/s". */
    public static String formatRate(Rate r) {
        double v = r.bytesPerSecond();
        if (v == Math.rint(v) && v < 9e15) {
            return formatBytes(Bytes.of((long) v)) .replaceAll("^(\\d+)$", "$1B") + "/s";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() + "B/s";
    }
}
