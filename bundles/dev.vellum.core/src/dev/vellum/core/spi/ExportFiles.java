package dev.vellum.core.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Atomic writes for exporters: a file is written to a temporary file beside it and then moved over
 * the target, so that a failed or cancelled export leaves the old file (or none), never half of one.
 */
public final class ExportFiles {
    private ExportFiles() {
    }

    /** Something that writes a file's content. */
    public interface Content {
        /** Writes the content to {@code out} (the caller closes it). */
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code out} atomically, making its folder when missing.
     *
     * @throws IOException naming {@code out} when it is a folder or cannot be written
     */
    public static void writeAtomically(Path out, Content content) throws IOException {
        if (Files.isDirectory(out)) {
            throw new IOException(out + ": is a folder; this export writes a file there");
        }
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                content.write(os);
            }
            try {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().contains(out.getFileName().toString()) ? e
                    : new IOException(out + ": cannot be written: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes a text file atomically in UTF-8. */
    public static void writeText(Path out, String text) throws IOException {
        writeAtomically(out, os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
