package dev.tcpmem.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes files so that a crash or a full disk never leaves a half-written file in place of a good one. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Temporary files are created private (0600); the saved file should look like any other: the permissions the
     * old file had, or rw-r--r-- for a new one.
     */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    /**
     * Renaming over a file works even when the file itself is read-only (only the folder must be writable), which
     * would silently defeat a user's protection; so a file without its owner's write permission is refused, as an
     * editor would (checked on the mode, not access(2), so that root is refused too).
     */
    private static void refuseReadOnly(Path abs) throws IOException {
        if (Files.isRegularFile(abs) && abs.getFileSystem().supportedFileAttributeViews().contains("posix")
                && !Files.getPosixFilePermissions(abs).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)) {
            throw new java.nio.file.AccessDeniedException(abs.toString(), null, "the file is read-only");
        }
    }

    /**
     * Writes to a temporary file beside the target, forces it to disk, then renames it over the target.
     * On any failure the temporary file is removed and the target is untouched.
     */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, null, target);
    }

    /**
     * Like {@link #write(Path, byte[])}, and the file's previous content (if any) is kept in {@code backup}, itself
     * replaced atomically: at every instant the target is whole (old or new) and the backup whole (older or old).
     */
    public static void writeKeepingPrevious(Path target, byte[] content, Path backup) throws IOException {
        write(target, content, backup, target);
    }

    /** @param modeFrom the file whose permissions the result takes (a backup keeps the original's, private or not) */
    private static void write(Path target, byte[] content, Path backup, Path modeFrom) throws IOException {
        Path abs = target.toAbsolutePath();
        refuseReadOnly(abs);
        Path dir = abs.getParent();
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            keepPermissions(modeFrom.toAbsolutePath(), tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (backup != null && Files.isRegularFile(abs)) {
                // the backup is written only once the new content is safely on disk: a failure above leaves it alone
                write(backup, Files.readAllBytes(abs), null, abs);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
