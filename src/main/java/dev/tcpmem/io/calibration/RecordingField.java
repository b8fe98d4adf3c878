package dev.tcpmem.io.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tcpmem.io.InputFormatException;
import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.model.scenario.Scenario;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A node of a probe recording with its JSON path and typed, checked getters; {@code probe} is the script under
 * tools/calibrate/ that writes such recordings, named in the fix of a missing field.
 */
record RecordingField(JsonNode node, String path, String probe) {

    boolean present() {
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    RecordingField get(String field) {
        String p = field.matches("[A-Za-z_][A-Za-z0-9_]*") ? path + "." + field : path + "['" + field + "']";
        return new RecordingField(node == null ? null : node.get(field), p, probe);
    }

    RecordingField at(int i) {
        return new RecordingField(node.get(i), path + "[" + i + "]", probe);
    }

    RecordingProblem bad(String message) {
        return new RecordingProblem(path, message);
    }

    /** How to get a sound recording again. */
    String rerecord() {
        return "record it again with tools/calibrate/" + probe;
    }

    RecordingField object() throws RecordingProblem {
        return require(JsonNode::isObject, "an object");
    }

    RecordingField array() throws RecordingProblem {
        return require(JsonNode::isArray, "an array");
    }

    String string() throws RecordingProblem {
        return require(JsonNode::isTextual, "a string").node.asText();
    }

    double number() throws RecordingProblem {
        return require(JsonNode::isNumber, "a number").node.asDouble();
    }

    /** A number no smaller than {@code min} and no larger than {@code max} (finite: JSON numbers always are). */
    double number(double min, double max) throws RecordingProblem {
        double v = number();
        if (v < min || v > max) {
            throw bad(node.asText() + " is out of range: expected " + plain(min) + " to " + plain(max));
        }
        return v;
    }

    /** This node, present and of the expected JSON type. */
    private RecordingField require(Predicate<JsonNode> type, String expected) throws RecordingProblem {
        if (!present()) {
            throw bad("missing: every " + probe + " recording has it; " + rerecord());
        }
        if (!type.test(node)) {
            throw bad("expected " + expected + ", found " + kind());
        }
        return this;
    }

    long whole(long min, long max) throws RecordingProblem {
        double v = number();
        if (!node.isIntegralNumber() && v != Math.rint(v)) {
            throw bad("expected a whole number, found " + v);
        }
        if (!node.canConvertToLong() || v < min || v > max) {
            throw bad(node.asText() + " is out of range: expected " + min + " to " + max);
        }
        return node.asLong();
    }

    /**
     * The recording format in this optional field: absent is format {@code known} (recordings made before the probe
     * wrote one), another number is refused.
     */
    void format(int known) throws RecordingProblem {
        if (!present()) {
            return;
        }
        long v = whole(1, Integer.MAX_VALUE);
        if (v != known) {
            throw bad("recording format " + v + ": this version of the app reads " + probe + " recordings of format "
                    + known + "; use the app from the same checkout as the probe");
        }
    }

    /** A sysctl triple as the probe records it (three numbers as strings, as sysctl -n prints them), space-separated. */
    static String triple(RecordingField f) throws RecordingProblem {
        f.array();
        if (f.node.size() != 3) {
            throw f.bad(f.node.size() + " values: expected three (min, default, max), as sysctl -n prints them; "
                    + f.rerecord());
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            RecordingField v = f.at(i);
            String s = v.node != null && v.node.isNumber() ? v.node.asText() : v.string().strip();
            if (!s.matches("\\d{1,18}")) {
                throw v.bad("\"" + abbreviate(s) + "\" is not a number of bytes; " + f.rerecord());
            }
            b.append(i == 0 ? "" : " ").append(s);
        }
        return b.toString();
    }

    /** The file's name without its folder and .json: the case's name where the probe records none. */
    static String baseName(String source) {
        Path p = Path.of(source).getFileName();
        String s = p == null ? source : p.toString();
        return s.endsWith(".json") ? s.substring(0, s.length() - 5) : s;
    }

    /**
     * The scenario a mapping wrote, read by the app's own scenario reader. The mapping only writes values it checked,
     * so a refusal here means the model cannot take this case (a sysctl out of its range, say): reported at the
     * recording's root with the scenario reader's reason.
     */
    static Scenario scenario(ScenarioReader reader, String json, String source, RecordingField root)
            throws RecordingProblem {
        try {
            return reader.read(json, source);
        } catch (InputFormatException e) {
            throw root.bad("the model cannot take this case: " + e.problems().get(0).path() + ": "
                    + e.problems().get(0).message());
        }
    }

    Iterator<Map.Entry<String, JsonNode>> fields() {
        return node.fields();
    }

    private String kind() {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        return node.isTextual() ? "the string \"" + abbreviate(node.asText()) + "\"" : node.asText();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
