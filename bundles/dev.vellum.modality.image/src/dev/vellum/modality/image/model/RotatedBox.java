package dev.vellum.modality.image.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rotated box ({@code image.rbox}): centre, size, and rotation in degrees, clockwise on screen
 * (y points down).
 */
public record RotatedBox(double cx, double cy, double width, double height, double angle) implements Shape {
    /** The annotation type id. */
    public static final String TYPE = "image.rbox";

    /**
     * Reads a payload.
     *
     * @throws PayloadException naming the missing or malformed field
     */
    public static RotatedBox fromPayload(Map<String, Object> p) {
        Payloads.requireMap(p, TYPE);
        RotatedBox b = new RotatedBox(Payloads.number(p, TYPE, "cx"), Payloads.number(p, TYPE, "cy"), Payloads.number(p, TYPE, "width"),
                Payloads.number(p, TYPE, "height"), Payloads.number(p, TYPE, "angle"));
        if (b.width < 0 || b.height < 0) {
            throw new PayloadException(TYPE + ": width and height must not be negative (" + b.width + " x " + b.height + ")");
        }
        return b;
    }

    @Override
    public Map<String, Object> toPayload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cx", cx);
        m.put("cy", cy);
        m.put("width", width);
        m.put("height", height);
        m.put("angle", angle);
        return m;
    }

    @Override
    public double area() {
        return width * height;
    }

    /** The four corners as x0,y0,...,x3,y3. */
    public List<Double> corners() {
        double r = Math.toRadians(angle), c = Math.cos(r), s = Math.sin(r);
        double hw = width / 2, hh = height / 2;
        double[][] local = {{-hw, -hh}, {hw, -hh}, {hw, hh}, {-hw, hh}};
        Double[] out = new Double[8];
        for (int i = 0; i < 4; i++) {
            out[2 * i] = cx + local[i][0] * c - local[i][1] * s;
            out[2 * i + 1] = cy + local[i][0] * s + local[i][1] * c;
        }
        return List.of(out);
    }

    @Override
    public BoundingBox bounds() {
        return Shape.boundsOf(corners());
    }
}
