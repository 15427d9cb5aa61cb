package dev.vellum.modality.image.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An axis-aligned box ({@code image.bbox}) in image pixels: top-left corner and size.
 */
public record BoundingBox(double x, double y, double width, double height) implements Shape {
    /** The annotation type id. */
    public static final String TYPE = "image.bbox";

    /**
     * Reads a payload.
     *
     * @throws PayloadException naming the missing or malformed field
     */
    public static BoundingBox fromPayload(Map<String, Object> p) {
        Payloads.requireMap(p, TYPE);
        BoundingBox b = new BoundingBox(Payloads.number(p, TYPE, "x"), Payloads.number(p, TYPE, "y"), Payloads.number(p, TYPE, "width"),
                Payloads.number(p, TYPE, "height"));
        if (b.width < 0 || b.height < 0) {
            throw new PayloadException(TYPE + ": width and height must not be negative (" + b.width + " x " + b.height + ")");
        }
        return b;
    }

    @Override
    public Map<String, Object> toPayload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", x);
        m.put("y", y);
        m.put("width", width);
        m.put("height", height);
        return m;
    }

    @Override
    public double area() {
        return width * height;
    }

    @Override
    public BoundingBox bounds() {
        return this;
    }

    /** Whether the point lies inside or on the border. */
    public boolean contains(double px, double py) {
        return px >= x && px <= x + width && py >= y && py <= y + height;
    }
}
