package dev.tcpmem.model.derivation;

import java.util.List;

/**
 * Why a reported number has its value: the formula, its inputs (value and origin) and the kernel rule it follows.
 *
 * @param quantity what the number is ("rcvbufMax")
 * @param value    the number, as reported
 * @param unit     "bytes", "pages", "bytes/s", "s" or ""
 * @param formula  the arithmetic, in words and symbols
 * @param rule     the kernel rule, e.g. "tcp_rcv_space_adjust()"
 * @param source   the kernel source file (torvalds/linux path)
 */
public record Derivation(String quantity, double value, String unit, String formula, List<Input> inputs,
                         String rule, String source) {

    public Derivation {
        inputs = List.copyOf(inputs);
    }

    /** One input of a formula. */
    public record Input(String name, String value, Origin origin) {
    }

    public static Input input(String name, Object value, Origin origin) {
        return new Input(name, String.valueOf(value), origin);
    }

    /** One line for people: "rcvbufMax = 6291456 bytes: formula [rule, source]". */
    public String explain() {
        StringBuilder b = new StringBuilder(quantity).append(" = ")
                .append(value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value))
                .append(unit.isEmpty() ? "" : " " + unit).append(": ").append(formula);
        for (Input i : inputs) {
            b.append("\n  ").append(i.name()).append(" = ").append(i.value()).append(" (").append(i.origin().label()).append(')');
        }
        b.append("\n  rule: ").append(rule).append(" (").append(source).append(')');
        return b.toString();
    }
}
