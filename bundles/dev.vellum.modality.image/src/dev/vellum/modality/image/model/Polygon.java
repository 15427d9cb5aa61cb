package dev.vellum.modality.image.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A polygon ({@code image.polygon}): an outer ring as x0,y0,x1,y1,... and optional holes in the same
 * form. Rings are implicitly closed.
 */
public record Polygon(List<Double> points, List<List<Double>> holes) implements Shape {
    /** The annotation type id. */
    public static final String TYPE = "image.polygon";

    public Polygon {
        points = List.copyOf(points);
        holes = holes == null ? List.of() : holes.stream().map(List::copyOf).toList();
    }

    /** A polygon without holes. */
    public Polygon(List<Double> points) {
        this(points, List.of());
    }

    /**
     * Reads a payload.
     *
     * @throws PayloadException when a ring is not a list of at least three x,y pairs
     */
    public static Polygon fromPayload(Map<String, Object> p) {
        Payloads.requireMap(p, TYPE);
        List<Double> outer = ring(Payloads.numbers(p.get("points"), TYPE, "points"), "points");
        List<List<Double>> holes = new ArrayList<>();
        Object h = p.get("holes");
        if (h != null) {
            if (!(h instanceof List<?> l)) {
                throw new PayloadException(TYPE + ": 'holes' must be a list of point lists");
            }
            for (int i = 0; i < l.size(); i++) {
                holes.add(ring(Payloads.numbers(l.get(i), TYPE, "holes[" + i + "]"), "holes[" + i + "]"));
            }
        }
        return new Polygon(outer, holes);
    }

    private static List<Double> ring(List<Double> xy, String key) {
        if (xy.size() % 2 != 0) {
            throw new PayloadException(TYPE + ": '" + key + "' must hold x,y pairs, found an odd count " + xy.size());
        }
        if (xy.size() < 6) {
            throw new PayloadException(TYPE + ": '" + key + "' needs at least 3 points, found " + xy.size() / 2);
        }
        return xy;
    }

    @Override
    public Map<String, Object> toPayload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("points", points);
        m.put("holes", holes);
        return m;
    }

    /** The outer ring's area minus the holes' (shoelace formula, absolute values). */
    @Override
    public double area() {
        double a = ringArea(points);
        for (List<Double> h : holes) {
            a -= ringArea(h);
        }
        return Math.max(0, a);
    }

    /** Absolute area of one closed ring x0,y0,x1,y1,... */
    public static double ringArea(List<Double> xy) {
        int n = xy.size() / 2;
        double s = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            s += xy.get(2 * i) * xy.get(2 * j + 1) - xy.get(2 * j) * xy.get(2 * i + 1);
        }
        return Math.abs(s) / 2;
    }

    @Override
    public BoundingBox bounds() {
        return Shape.boundsOf(points);
    }
}
