package dev.tcpmem.io.importers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads what a user hands an importer (a file or stdin) as UTF-8 text, refusing what no command prints: more than
 * {@link #MAX_BYTES} (checked before reading, so a huge file or an endless pipe cannot exhaust memory) or bytes that
 * are not UTF-8.
 */
public final class ImportInput {

    /** `sysctl -a` prints ~100 KiB, `ss -tmi` with 100,000 sockets ~30 MiB; 32 MiB covers both with room. */
    public static final long MAX_BYTES = 32L * 1024 * 1024;

    private ImportInput() {
    }

    public static String read(Path file) throws ImportException {
        String name = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw new ImportException(name + ": is a folder, not a file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new ImportException(name + ": larger than " + (MAX_BYTES >> 20)
                        + " MiB: not an output this importer reads (cut it to the part you need)");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(in, name);
            }
        } catch (NoSuchFileException e) {
            throw new ImportException(name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new ImportException(name + ": permission denied (cannot read the file)");
        } catch (IOException e) {
            throw new ImportException(name + ": cannot read: " + e.getMessage());
        }
    }

    /** Reads at most {@link #MAX_BYTES} + 1 bytes, so a stream that does not end is refused, not buffered. */
    public static String read(InputStream in, String name) throws ImportException, IOException {
        byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new ImportException(name + ": more than " + (MAX_BYTES >> 20)
                    + " MiB: not an output this importer reads (cut it to the part you need)");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text; // a byte order mark is not content
        } catch (CharacterCodingException e) {
            throw new ImportException(name + ": not UTF-8 text (byte " + firstBadByte(bytes)
                    + "): save the output as UTF-8, e.g. iconv -f latin1 -t utf-8");
        }
    }

    /** The offset of the first byte that breaks UTF-8, so the user can find it. */
    private static long firstBadByte(byte[] bytes) {
        var dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(Math.max(16, bytes.length));
        var r = dec.decode(in, out, true);
        return r.isError() ? in.position() : -1;
    }
}
