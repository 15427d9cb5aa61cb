package dev.vellum.modality.image.quality;

import java.util.List;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Shape;

/** A polygon ring (outer or hole) whose edges cross or touch each other away from shared vertices. */
@Component(service = ValidationRule.class)
public final class SelfIntersectingPolygon extends ImageShapeRule {
    /** The rule id. */
    public static final String ID = "image.self-intersecting-polygon";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "A polygon's edges cross each other";
    }


    @Override
    void check(Item item, AnnotationSet set, Annotation a, Shape s, Consumer<String> problems) {
        if (!(s instanceof Polygon p)) {
            return;
        }
        int[] edges = crossing(p.points());
        String where = "its outline";
        for (int h = 0; edges == null && h < p.holes().size(); h++) {
            edges = crossing(p.holes().get(h));
            where = "hole " + (h + 1);
        }
        if (edges != null) {
            problems.accept("polygon '" + a.label() + "' crosses itself: in " + where + ", edge " + (edges[0] + 1) + " meets edge "
                    + (edges[1] + 1));
        }
    }

    /** The first pair of non-adjacent edges of a closed ring that intersect, or null. Edge i runs from point i to point i+1. */
    public static int[] crossing(List<Double> xy) {
        int n = xy.size() / 2;
        for (int i = 0; i < n; i++) {
            for (int j = i + 2; j < n; j++) {
                if (i == 0 && j == n - 1) {
                    continue;
                }
                if (intersect(pt(xy, i), pt(xy, i + 1, n), pt(xy, j), pt(xy, j + 1, n))) {
                    return new int[] {i, j};
                }
            }
        }
        return null;
    }

    private static double[] pt(List<Double> xy, int i) {
        return new double[] {xy.get(2 * i), xy.get(2 * i + 1)};
    }

    private static double[] pt(List<Double> xy, int i, int n) {
        return pt(xy, i % n);
    }

    private static boolean intersect(double[] p1, double[] p2, double[] q1, double[] q2) {
        double d1 = orient(q1, q2, p1), d2 = orient(q1, q2, p2), d3 = orient(p1, p2, q1), d4 = orient(p1, p2, q2);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
            return true;
        }
        return d1 == 0 && onSegment(q1, q2, p1) || d2 == 0 && onSegment(q1, q2, p2) || d3 == 0 && onSegment(p1, p2, q1)
                || d4 == 0 && onSegment(p1, p2, q2);
    }

    private static double orient(double[] a, double[] b, double[] c) {
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    }

    private static boolean onSegment(double[] a, double[] b, double[] c) {
        return Math.min(a[0], b[0]) <= c[0] && c[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= c[1] && c[1] <= Math.max(a[1], b[1]);
    }
}
