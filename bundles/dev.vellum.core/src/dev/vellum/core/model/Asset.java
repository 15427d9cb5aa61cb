package dev.vellum.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * A media file an item is about. Media are referenced, never copied into project files.
 *
 * @param uri         a path relative to the project folder ({@code media/cat.png}) or an absolute URI
 * @param modalityId  the modality that annotates it, e.g. {@code image}
 * @param contentHash {@code sha256:<hex>} of the bytes when known, else empty
 * @param metadata    JSON-shaped facts such as width, height, duration or point count
 */
public record Asset(String uri, String modalityId, String contentHash, Map<String, Object> metadata) {
    public Asset {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(modalityId, "modalityId");
        contentHash = contentHash == null ? "" : contentHash;
        metadata = JsonTrees.copy(metadata);
    }

    /** Whether {@link #uri()} is a path relative to the project rather than an absolute path or URI. */
    public boolean isRelative() {
        // A Windows share (\\server\share) is not relative either.
        return !isAbsolutePath() && !uri.startsWith("\\") && !uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    }

    /**
     * The lower-case extension of the file {@link #uri()} names ({@code png} for
     * {@code media/a.PNG?x=1#page=2}), without query or fragment; empty when it has none.
     */
    public String extension() {
        String path = uri;
        for (char end : new char[] {'?', '#'}) {
            int cut = path.indexOf(end);
            if (cut >= 0) {
                path = path.substring(0, cut);
            }
        }
        int dot = path.lastIndexOf('.');
        if (dot < 0 || dot < Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))) {
            return "";
        }
        return path.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether {@link #uri()} is an absolute file path such as {@code /data/a.png} or {@code C:/data/a.png}. */
    public boolean isAbsolutePath() {
        return uri.startsWith("/") || uri.matches("^[a-zA-Z]:[\\\\/].*");
    }
}
