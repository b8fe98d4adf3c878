package dev.tcpmem.io;

/**
 * Jackson's parse errors speak to programmers ("enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS`", "from
 * `StreamReadConstraints.getMaxNestingDepth()`"); these are the same facts in a user's words, with what to do.
 */
public final class ParserMessages {

    private ParserMessages() {
    }

    public static String plain(String jacksonMessage) {
        if (jacksonMessage == null) {
            return "unreadable";
        }
        String m = jacksonMessage;
        if (m.startsWith("Non-standard token 'NaN'") || m.startsWith("Non-standard token 'Infinity'")
                || m.startsWith("Non-standard token '-Infinity'") || m.startsWith("Non-standard token '+Infinity'")) {
            return m.replaceAll(":\\s*enable `[^`]+` to allow.*", "") + ": JSON has no NaN or Infinity; write a number";
        }
        m = m.replaceAll(",? from `StreamReadConstraints\\.[A-Za-z]+\\(\\)`", "");
        if (m.contains("nesting depth")) {
            return m + ": nothing this tool reads nests that deep";
        }
        if (m.contains("String value length") || m.contains("Number value length")) {
            return m + ": is this the right file?";
        }
        return m;
    }
}
