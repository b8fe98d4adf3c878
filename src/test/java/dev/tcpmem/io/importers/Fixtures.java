package dev.tcpmem.io.importers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Real outputs captured on the 6.18 machine (src/test/resources/import/). */
final class Fixtures {

    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/import/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
