package dev.tcpmem.ui;

import dev.tcpmem.io.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The recovery files of unsaved work, one set per running window in {@code <state dir>/recovery/}:
 * {@code ID.tcpmem.json} (the scenario, an ordinary scenario file), {@code ID.properties} (which file it was
 * editing, when) and {@code ID.lock}, locked while that window runs. A recovery file whose lock nobody holds was
 * left by a window that crashed or was killed: that is what the next start offers back. The OS drops the lock
 * when the process dies, however it dies.
 */
final class RecoveryStore {

    static final String SUFFIX = ".tcpmem.json";

    /** A recovery file left by a window that is gone. */
    record Orphan(Path scenarioFile, Optional<Path> originalFile, Instant savedAt) {
        String id() {
            String n = scenarioFile.getFileName().toString();
            return n.substring(0, n.length() - SUFFIX.length());
        }
    }

    private final Path directory;
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private FileChannel lockChannel;
    private FileLock lock;

    RecoveryStore(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    Path scenarioFile() {
        return directory.resolve(id + SUFFIX);
    }

    private Path infoFile(String owner) {
        return directory.resolve(owner + ".properties");
    }

    private Path lockFile(String owner) {
        return directory.resolve(owner + ".lock");
    }

    /** Writes this window's unsaved scenario, atomically (a crash mid-write keeps the previous autosave). */
    synchronized void save(String scenarioJson, Path originalOrNull, Instant at) throws IOException {
        Files.createDirectories(directory);
        if (lock == null) {
            lockChannel = FileChannel.open(lockFile(id), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        }
        AtomicFiles.write(scenarioFile(), scenarioJson.getBytes(StandardCharsets.UTF_8));
        Properties p = new Properties();
        if (originalOrNull != null) {
            p.setProperty("file", originalOrNull.toAbsolutePath().toString());
        }
        p.setProperty("savedAt", at.toString());
        StringWriter w = new StringWriter();
        p.store(w, "TCP Memory Explorer: unsaved changes kept for recovery");
        AtomicFiles.write(infoFile(id), w.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Removes this window's recovery files (the work was saved or knowingly dropped); keeps the lock. */
    synchronized void clear() throws IOException {
        Files.deleteIfExists(scenarioFile());
        Files.deleteIfExists(infoFile(id));
    }

    /** A normal close: the files go, then the lock. */
    synchronized void close() throws IOException {
        clear();
        releaseLock();
        Files.deleteIfExists(lockFile(id));
    }

    /** What the OS does to a killed process: the lock goes, the files stay (for the crash test and for shutdown). */
    synchronized void releaseLock() throws IOException {
        if (lockChannel != null) {
            lockChannel.close(); // releases the lock
            lockChannel = null;
            lock = null;
        }
    }

    /** Recovery files whose window is gone, newest first. */
    List<Orphan> orphans() {
        List<Orphan> out = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return out;
        }
        List<Path> candidates;
        List<Path> locks;
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> all = files.toList();
            candidates = all.stream().filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList();
            locks = all.stream().filter(f -> f.getFileName().toString().endsWith(".lock")).toList();
        } catch (IOException e) {
            return out;
        }
        // a lock left by a window that died with nothing unsaved is litter
        for (Path lf : locks) {
            String n = lf.getFileName().toString();
            String owner = n.substring(0, n.length() - ".lock".length());
            if (!owner.equals(id) && !Files.exists(directory.resolve(owner + SUFFIX)) && !isLive(owner)) {
                try {
                    Files.deleteIfExists(lf);
                } catch (IOException e) {
                    // harmless: tried again at the next start
                }
            }
        }
        for (Path f : candidates) {
            String n = f.getFileName().toString();
            String owner = n.substring(0, n.length() - SUFFIX.length());
            if (owner.equals(id) || isLive(owner)) {
                continue;
            }
            out.add(read(f, owner));
        }
        out.sort(Comparator.comparing(Orphan::savedAt).reversed());
        return out;
    }

    /** True while the owner's lock is held, by another process or another window of this one. */
    private boolean isLive(String owner) {
        Path lf = lockFile(owner);
        if (!Files.exists(lf)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(lf, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            // cannot tell: offering a live window's file could make two windows fight over one scenario
            return true;
        }
    }

    private Orphan read(Path scenario, String owner) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(infoFile(owner), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            // the scenario alone is still worth offering
        }
        Instant at;
        try {
            at = Instant.parse(p.getProperty("savedAt", ""));
        } catch (RuntimeException e) {
            try {
                at = Files.getLastModifiedTime(scenario).toInstant();
            } catch (IOException ex) {
                at = Instant.EPOCH;
            }
        }
        return new Orphan(scenario, Optional.ofNullable(p.getProperty("file")).map(Path::of), at);
    }

    /** Removes a recovered or declined orphan. */
    void remove(Orphan o) throws IOException {
        Files.deleteIfExists(o.scenarioFile());
        Files.deleteIfExists(infoFile(o.id()));
        Files.deleteIfExists(lockFile(o.id()));
    }

    /** Moves an unreadable orphan aside, so it is not offered at every start but is not lost either. */
    Path setAside(Orphan o) throws IOException {
        Path aside = directory.resolve(o.id() + ".unreadable.json");
        Files.move(o.scenarioFile(), aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(infoFile(o.id()));
        Files.deleteIfExists(lockFile(o.id()));
        return aside;
    }
}
