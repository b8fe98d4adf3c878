package dev.tcpmem.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Line and column of every value in a JSON text, keyed by JSON pointer, so problems can name their place. */
final class JsonLocations {

    private final Map<String, int[]> byPointer = new HashMap<>();

    private JsonLocations() {
    }

    /** Indexes the text; call only on text that already parsed, so errors here cannot happen in practice. */
    static JsonLocations index(JsonFactory factory, String text) {
        JsonLocations locations = new JsonLocations();
        try (JsonParser p = factory.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                String pointer = p.getParsingContext().pathAsPointer().toString();
                if (t == JsonToken.FIELD_NAME) {
                    // the value's own location is better, but a field name gives the place of the key
                    locations.byPointer.putIfAbsent(pointer + "#key", at(p.currentTokenLocation()));
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                }
                locations.byPointer.putIfAbsent(pointer, at(p.currentTokenLocation()));
            }
        } catch (IOException e) {
            // the tree parse already reported syntax errors; missing locations only make messages shorter
        }
        return locations;
    }

    private static int[] at(JsonLocation l) {
        return new int[] {l.getLineNr(), l.getColumnNr()};
    }

    int[] find(String pointer) {
        int[] at = byPointer.get(pointer);
        if (at == null) {
            at = byPointer.get(pointer + "#key");
        }
        return at == null ? new int[] {0, 0} : at;
    }

    int[] findKey(String pointer) {
        int[] at = byPointer.get(pointer + "#key");
        return at == null ? find(pointer) : at;
    }
}
