package dev.vellum.modality.image.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An open line ({@code image.polyline}) through x0,y0,x1,y1,... */
public record Polyline(List<Double> points) implements Shape {
    /** The annotation type id. */
    public static final String TYPE = "image.polyline";

    public Polyline {
        points = List.copyOf(points);
    }

    /**
     * Reads a payload.
     *
     * @throws PayloadException when the points are not at least two x,y pairs
     */
    public static Polyline fromPayload(Map<String, Object> p) {
        Payloads.requireMap(p, TYPE);
        List<Double> xy = Payloads.numbers(p.get("points"), TYPE, "points");
        if (xy.size() % 2 != 0) {
            throw new PayloadException(TYPE + ": 'points' must hold x,y pairs, found an odd count " + xy.size());
        }
        if (xy.size() < 4) {
            throw new PayloadException(TYPE + ": 'points' needs at least 2 points, found " + xy.size() / 2);
        }
        return new Polyline(xy);
    }

    @Override
    public Map<String, Object> toPayload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("points", points);
        return m;
    }

    @Override
    public double area() {
        return 0;
    }

    /** The summed length of the segments. */
    public double length() {
        double l = 0;
        for (int i = 2; i + 1 < points.size(); i += 2) {
            l += Math.hypot(points.get(i) - points.get(i - 2), points.get(i + 1) - points.get(i - 1));
        }
        return l;
    }

    @Override
    public BoundingBox bounds() {
        return Shape.boundsOf(points);
    }
}
