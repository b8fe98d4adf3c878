package dev.tcpmem.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sysctls and values read off a real Linux 6.18.44 node (24 GiB), from ../shared/sysctls.csv. */
public final class ReferenceSysctls {

    private ReferenceSysctls() {
    }

    /** name -> value as that machine printed it. */
    public static Map<String, String> linux618() {
        try (InputStream in = ReferenceSysctls.class.getResourceAsStream("/reference/sysctls-6.18.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] cols = lines[i].split(",", 3);
                String value = cols[1];
                if (value.startsWith("\"")) {
                    value = lines[i].substring(lines[i].indexOf('"') + 1, lines[i].indexOf('"', lines[i].indexOf('"') + 1));
                }
                out.put(cols[0], value);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
