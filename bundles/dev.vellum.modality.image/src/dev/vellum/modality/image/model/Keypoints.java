package dev.vellum.modality.image.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keypoints ({@code image.keypoints}) as x,y,v triples in the order of a skeleton template; v is 0
 * (not labelled), 1 (labelled, not visible) or 2 (labelled, visible), as in COCO.
 *
 * @param points   x0,y0,v0,x1,y1,v1,...
 * @param template the skeleton template's name (empty when none)
 * @param box      id of the {@code image.bbox} annotation in the same set the keypoints belong to, or empty
 */
public record Keypoints(List<Double> points, String template, String box) implements Shape {
    /** The annotation type id. */
    public static final String TYPE = "image.keypoints";

    public Keypoints {
        points = List.copyOf(points);
        template = template == null ? "" : template;
        box = box == null ? "" : box;
    }

    /**
     * Reads a payload.
     *
     * @throws PayloadException when the points are not x,y,v triples with v in 0..2
     */
    public static Keypoints fromPayload(Map<String, Object> p) {
        Payloads.requireMap(p, TYPE);
        List<Double> xyv = Payloads.numbers(p.get("points"), TYPE, "points");
        if (xyv.size() % 3 != 0) {
            throw new PayloadException(TYPE + ": 'points' must hold x,y,v triples, found " + xyv.size() + " numbers");
        }
        for (int i = 2; i < xyv.size(); i += 3) {
            double v = xyv.get(i);
            if (v != 0 && v != 1 && v != 2) {
                throw new PayloadException(TYPE + ": visibility of point " + i / 3 + " must be 0, 1 or 2, found " + v);
            }
        }
        return new Keypoints(xyv, Payloads.string(p, "template"), Payloads.string(p, "box"));
    }

    @Override
    public Map<String, Object> toPayload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("points", points);
        m.put("template", template);
        if (!box.isEmpty()) {
            m.put("box", box);
        }
        return m;
    }

    /** How many points there are, labelled or not. */
    public int size() {
        return points.size() / 3;
    }

    /** Visibility of point {@code i}. */
    public int visibility(int i) {
        return points.get(3 * i + 2).intValue();
    }

    /** How many points are labelled (v greater than 0). */
    public int labelledCount() {
        int n = 0;
        for (int i = 0; i < size(); i++) {
            n += visibility(i) > 0 ? 1 : 0;
        }
        return n;
    }

    @Override
    public double area() {
        return 0;
    }

    @Override
    public BoundingBox bounds() {
        List<Double> xy = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (visibility(i) > 0) {
                xy.add(points.get(3 * i));
                xy.add(points.get(3 * i + 1));
            }
        }
        return Shape.boundsOf(xy);
    }
}
