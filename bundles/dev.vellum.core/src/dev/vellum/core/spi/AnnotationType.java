package dev.vellum.core.spi;

import java.util.Objects;

/**
 * An annotation type a modality defines.
 *
 * @param id             namespaced by modality and never renamed, e.g. {@code image.bbox}
 * @param displayName    words for people, e.g. "Bounding box"
 * @param payloadVersion the current version of its payload schema
 */
public record AnnotationType(String id, String displayName, int payloadVersion) {
    public AnnotationType {
        Objects.requireNonNull(id, "id");
        if (id.indexOf('.') <= 0) {
            throw new IllegalArgumentException("annotation type id '" + id + "' must be <modality>.<name>");
        }
        Objects.requireNonNull(displayName, "displayName");
        if (payloadVersion < 1) {
            throw new IllegalArgumentException("payload version of " + id + " must be at least 1");
        }
    }
}
