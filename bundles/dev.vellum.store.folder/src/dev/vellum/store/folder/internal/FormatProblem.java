package dev.vellum.store.folder.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;

/**
 * A file's content breaks the project-folder format. Unchecked inside the codecs so that decoding
 * code reads straight; {@link dev.vellum.store.folder.FolderProject} turns it into a
 * {@link dev.vellum.core.spi.StoreException} that names the file.
 */
public final class FormatProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line: where in the file (if known) and what is wrong */
    public FormatProblem(String message) {
        super(message, null, false, false);
    }

    /**
     * A problem at the parser's current token: the message starts with the line and column when the
     * parser reads a file (not when it walks a migrated tree, which has no lines).
     *
     * @param path JSON path of the value at fault, e.g. {@code annotationSets[0].state}; may be empty
     */
    public static FormatProblem at(JsonParser p, String path, String problem) {
        return new FormatProblem(where(p == null ? null : p.currentTokenLocation(), path) + problem);
    }

    /** As {@link #at(JsonParser, String, String)} for a remembered location (e.g. an object's start). */
    public static FormatProblem at(JsonLocation location, String path, String problem) {
        return new FormatProblem(where(location, path) + problem);
    }

    private static String where(JsonLocation location, String path) {
        StringBuilder b = new StringBuilder();
        if (location != null && location.getLineNr() > 0) {
            b.append("line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr()).append(": ");
        }
        if (path != null && !path.isEmpty()) {
            b.append(path).append(": ");
        }
        return b.toString();
    }
}
