package dev.tcpmem.kernel;

import java.util.Optional;

/** Parses and validates the text of a sysctl value against its catalog definition. */
public final class SysctlValueParser {

    public static final int MAX_VALUE_CHARS = 4095;

    private SysctlValueParser() {
    }

    public static SysctlValue parse(SysctlDefinition def, String raw) throws InvalidSysctlValueException {
        if (raw == null || raw.isBlank()) {
            throw new InvalidSysctlValueException(def.name() + " needs a value: " + expected(def));
        }
        String text = raw.strip();
        // kernel/sysctl.c: a write to /proc/sys takes at most PAGE_SIZE - 1 bytes (proc_dostring stops at maxlen)
        if (text.length() > MAX_VALUE_CHARS) {
            throw new InvalidSysctlValueException(def.name() + ": the value is " + text.length()
                    + " characters long; a sysctl takes at most " + MAX_VALUE_CHARS);
        }
        return switch (def.type()) {
            case INT, LONG -> new SysctlValue.Scalar(inRange(def, integer(def, text, text)));
            case BOOL -> bool(def, text);
            case ENUM -> choice(def, text);
            case TRIPLET, PAGES_TRIPLET -> triplet(def, text);
            case STRING, LIST, HEX, CPUMASK -> textValue(def, text);
        };
    }

    private static SysctlValue bool(SysctlDefinition def, String text) throws InvalidSysctlValueException {
        long v = integer(def, text, text);
        if (v != 0 && v != 1) {
            throw new InvalidSysctlValueException(def.name() + " is a switch: \"" + text + "\" is not 0 or 1");
        }
        return new SysctlValue.Scalar(v);
    }

    private static SysctlValue choice(SysctlDefinition def, String text) throws InvalidSysctlValueException {
        long v = integer(def, text, text);
        if (!def.choices().isEmpty() && !def.choices().containsKey(Long.toString(v))) {
            throw new InvalidSysctlValueException(def.name() + " = " + text + " is not one of its values: "
                    + String.join(", ", def.choices().entrySet().stream()
                            .map(e -> e.getKey() + " (" + e.getValue() + ")").toList()));
        }
        return new SysctlValue.Scalar(inRange(def, v));
    }

    private static SysctlValue triplet(SysctlDefinition def, String text) throws InvalidSysctlValueException {
        String[] parts = text.split("\\s+");
        if (parts.length != 3) {
            throw new InvalidSysctlValueException(def.name() + " needs three integers, " + expected(def)
                    + "; got " + parts.length + " in \"" + text + "\"");
        }
        long a = inRange(def, integer(def, parts[0], text));
        long b = inRange(def, integer(def, parts[1], text));
        long c = inRange(def, integer(def, parts[2], text));
        if (a > b || b > c) {
            throw new InvalidSysctlValueException(def.name() + " values must not decrease (" + expected(def)
                    + "); got \"" + text + "\"");
        }
        return new SysctlValue.Triplet(a, b, c);
    }

    private static SysctlValue textValue(SysctlDefinition def, String text) throws InvalidSysctlValueException {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isISOControl(ch) && ch != '\t') {
                throw new InvalidSysctlValueException(def.name() + " contains a control character at position " + (i + 1));
            }
        }
        return new SysctlValue.Text(text);
    }

    private static long integer(SysctlDefinition def, String part, String whole) throws InvalidSysctlValueException {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            throw new InvalidSysctlValueException(def.name() + ": \"" + part + "\" is not an integer"
                    + (part.equals(whole) ? "" : " (in \"" + whole + "\")") + "; " + expected(def));
        }
    }

    private static long inRange(SysctlDefinition def, long v) throws InvalidSysctlValueException {
        // kernel/sysctl.c do_proc_dointvec_conv(): an int sysctl (tcp_rmem, rmem_max, ...) refuses what an int
        // cannot hold with EINVAL; only the long ones (tcp_mem, tcp_notsent_lowat, ...) take 64-bit values
        boolean isInt = def.type() == SysctlType.INT || def.type() == SysctlType.TRIPLET;
        if (isInt && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
            throw new InvalidSysctlValueException(def.name() + ": " + v + " is out of range: the kernel holds it in a"
                    + " 32-bit int (at most 2147483647); " + expected(def));
        }
        Optional<Long> min = def.min();
        Optional<Long> max = def.max();
        if (min.isPresent() && v < min.get() || max.isPresent() && v > max.get()) {
            throw new InvalidSysctlValueException(def.name() + ": " + v + " is out of range; " + expected(def));
        }
        return v;
    }

    /** What a valid value looks like, for error messages and tooltips. */
    public static String expected(SysctlDefinition def) {
        String range = def.min().isPresent() || def.max().isPresent()
                ? " from " + def.min().map(String::valueOf).orElse("any") + " to " + def.max().map(String::valueOf).orElse("any")
                : "";
        return switch (def.type()) {
            case TRIPLET -> "min default max in bytes, each" + (range.isEmpty() ? " at least 0" : range)
                    + ", min <= default <= max, e.g. 4096 131072 6291456";
            case PAGES_TRIPLET -> "low pressure high in pages, low <= pressure <= high, e.g. 786432 1048576 1572864";
            case BOOL -> "0 or 1";
            case ENUM -> "one of " + String.join(", ", def.choices().keySet());
            case INT, LONG -> "an integer" + range + " (" + def.unit().key() + ")";
            default -> "text";
        };
    }
}
