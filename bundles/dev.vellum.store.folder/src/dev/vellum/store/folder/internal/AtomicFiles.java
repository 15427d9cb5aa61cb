package dev.vellum.store.folder.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Crash-safe file replacement. A write goes to a temporary file in the target's folder, is flushed
 * to the disk, and is renamed over the target in one atomic step; then the folder itself is flushed
 * so that the rename survives a power cut. A crash at any instant leaves either the old file or the
 * new one, never a mix; at worst a temporary file is left behind, which {@link #removeLeftovers}
 * deletes and every reader ignores.
 */
public final class AtomicFiles {
    /** Temporary files: {@code .<target name>.<16 hex digits>.tmp}. Never a valid item file name. */
    private static final Pattern TEMP = Pattern.compile("\\..+\\.[0-9a-f]{16}\\.tmp");
    private static final System.Logger LOG = System.getLogger(AtomicFiles.class.getName());
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase().startsWith("windows");

    private AtomicFiles() {
    }

    /**
     * Replaces (or creates) {@code target} with {@code bytes} atomically and durably.
     *
     * @throws IOException when the bytes could not be made durable; {@code target} is then as it was
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        writeUnsynced(target, bytes);
        try {
            syncDirectory(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            // The new file is in place: reporting "not saved" now would be wrong. Some file systems
            // (network and container mounts) cannot flush a folder; the rename is then as durable as
            // they make it.
            LOG.log(System.Logger.Level.WARNING, "saved " + target + ", but its folder could not be flushed: " + e);
        }
    }

    /**
     * Replaces {@code target} atomically, its content durably, but leaves flushing the folder (which
     * makes the rename itself survive a power cut) to the caller: a batch of files renamed into one
     * folder then needs one {@link #syncDirectory} instead of one per file. Until then a crash can
     * only undo the rename, leaving the old file, whole.
     *
     * @throws IOException when the bytes could not be made durable; {@code target} is then as it was
     */
    public static void writeUnsynced(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                // The data must be on disk before the rename is: otherwise a crash could leave the
                // new name pointing at an empty or partial file.
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Deletes {@code target} (one atomic unlink) and flushes its folder.
     *
     * @return whether the file existed
     */
    public static boolean delete(Path target) throws IOException {
        boolean existed = Files.deleteIfExists(target);
        if (existed) {
            syncDirectory(target.toAbsolutePath().getParent());
        }
        return existed;
    }

    /**
     * Flushes a folder's entries (the names of files renamed or deleted in it) to the disk. Some
     * platforms (Windows) cannot open a folder for this; there the rename is already durable.
     */
    public static void syncDirectory(Path dir) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            if (WINDOWS) {
                return;
            }
            throw e;
        }
        try (ch) {
            ch.force(true);
        }
    }

    /** Whether a file name is one of this class's temporary files. */
    public static boolean isTemp(String fileName) {
        return fileName.startsWith(".") && fileName.endsWith(".tmp") && TEMP.matcher(fileName).matches();
    }

    /**
     * Deletes temporary files a crash left in {@code dir}. Best effort: a read-only folder keeps
     * them, which is harmless because readers ignore them.
     *
     * @return how many were deleted
     */
    public static int removeLeftovers(Path dir) {
        int n = 0;
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> isTemp(p.getFileName().toString()))) {
            for (Path p : ds) {
                if (deleteQuietly(p)) {
                    n++;
                }
            }
        } catch (IOException e) {
            // best effort: see above
        }
        return n;
    }

    /** Deletes a file, reporting only whether it worked. */
    public static boolean deleteQuietly(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            return false;
        }
    }
}
