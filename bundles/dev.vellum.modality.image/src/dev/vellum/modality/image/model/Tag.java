package dev.vellum.modality.image.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** An image-level class ({@code image.tag}); the annotation's label is the class, the payload is empty. */
public record Tag() implements Shape {
    /** The annotation type id. */
    public static final String TYPE = "image.tag";

    /** Reads a payload; any object is accepted (extra fields are ignored). */
    public static Tag fromPayload(Map<String, Object> p) {
        Payloads.requireMap(p, TYPE);
        return new Tag();
    }

    @Override
    public Map<String, Object> toPayload() {
        return new LinkedHashMap<>();
    }

    @Override
    public double area() {
        return 0;
    }

    @Override
    public BoundingBox bounds() {
        return null;
    }
}
