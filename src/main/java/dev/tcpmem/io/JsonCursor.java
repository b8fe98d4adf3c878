package dev.tcpmem.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A position in a JSON tree with its path, used by readers to pull typed fields and to collect every problem
 * (not just the first) with its JSON path and line:column.
 */
final class JsonCursor {

    /** Collects problems for one input. */
    static final class Problems {
        private final JsonLocations locations;
        private final List<Problem> list = new ArrayList<>();

        Problems(JsonLocations locations) {
            this.locations = locations;
        }

        void add(JsonCursor at, String message, boolean atKey) {
            int[] lc = atKey ? locations.findKey(at.pointer) : locations.find(at.pointer);
            list.add(new Problem(at.path, lc[0], lc[1], message));
        }

        List<Problem> list() {
            return list;
        }

        boolean isEmpty() {
            return list.isEmpty();
        }
    }

    private final JsonNode node;
    private final String path;
    private final String pointer;
    private final Problems problems;

    JsonCursor(JsonNode node, String path, String pointer, Problems problems) {
        this.node = node;
        this.path = path;
        this.pointer = pointer;
        this.problems = problems;
    }

    static JsonCursor root(JsonNode node, Problems problems) {
        return new JsonCursor(node, "$", "", problems);
    }

    JsonNode node() {
        return node;
    }

    String path() {
        return path;
    }

    boolean isMissingOrNull() {
        return node == null || node.isMissingNode() || node.isNull();
    }

    JsonCursor field(String name) {
        JsonNode child = node == null ? null : node.get(name);
        return new JsonCursor(child, path + "." + name, pointer + "/" + escape(name), problems);
    }

    JsonCursor index(int i) {
        return new JsonCursor(node.get(i), path + "[" + i + "]", pointer + "/" + i, problems);
    }

    void problem(String message) {
        problems.add(this, message, false);
    }

    void keyProblem(String message) {
        problems.add(this, message, true);
    }

    /** Requires an object and reports fields outside the allowed set. */
    boolean object(Set<String> allowed) {
        if (node == null || !node.isObject()) {
            problem("expected an object" + found());
            return false;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                field(name).keyProblem("unknown field \"" + name + "\"; allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
        return true;
    }

    List<JsonCursor> array() {
        List<JsonCursor> out = new ArrayList<>();
        if (node == null || !node.isArray()) {
            problem("expected an array" + found());
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(index(i));
        }
        return out;
    }

    Optional<String> optString() {
        if (isMissingOrNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            problem("expected a string" + found());
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    Optional<String> requiredString() {
        if (isMissingOrNull()) {
            problem("is required");
            return Optional.empty();
        }
        return optString();
    }

    /** A whole number in [min, max]; reports fractions, text, out-of-range values. */
    Optional<Long> optLong(long min, long max) {
        if (isMissingOrNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            problem("expected a whole number from " + min + " to " + max + found());
            return Optional.empty();
        }
        long v = node.asLong();
        if (v < min || v > max) {
            problem(v + " is out of range: expected " + min + " to " + max);
            return Optional.empty();
        }
        return Optional.of(v);
    }

    /** A finite number in (minExclusive, max]. */
    Optional<Double> optDouble(double minExclusive, double max, String what) {
        if (isMissingOrNull()) {
            return Optional.empty();
        }
        if (!node.isNumber()) {
            problem("expected a number (" + what + ")" + found());
            return Optional.empty();
        }
        double v = node.asDouble();
        if (!Double.isFinite(v) || v <= minExclusive || v > max) {
            problem(node.asText() + " is out of range: expected " + what);
            return Optional.empty();
        }
        return Optional.of(v);
    }

    /** A string (or, for sizes, a plain number) converted by the parser; its message becomes the problem. */
    <T> Optional<T> optParsed(Function<String, T> parser) {
        if (isMissingOrNull()) {
            return Optional.empty();
        }
        if (!node.isTextual() && !node.isIntegralNumber()) {
            problem("expected a string or a number" + found());
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(parser.apply(node.asText()));
        } catch (IllegalArgumentException e) {
            problem(e.getMessage());
            return Optional.empty();
        }
    }

    /** An object whose values are strings (or plain numbers), as sysctl maps are. */
    Map<String, JsonCursor> stringMap() {
        Map<String, JsonCursor> out = new java.util.LinkedHashMap<>();
        if (isMissingOrNull()) {
            return out;
        }
        if (!node.isObject()) {
            problem("expected an object of name: \"value\" pairs" + found());
            return out;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonCursor value = field(name);
            if (!value.node.isTextual() && !value.node.isIntegralNumber()) {
                value.problem("expected the value as a string, as sysctl prints it" + value.found());
                continue;
            }
            out.put(name, value);
        }
        return out;
    }

    String text() {
        return node.asText();
    }

    private String found() {
        if (node == null || node.isMissingNode()) {
            return ", found nothing";
        }
        return ", found " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + (node.isValueNode() ? " " + abbreviate(node.toString()) : "");
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
