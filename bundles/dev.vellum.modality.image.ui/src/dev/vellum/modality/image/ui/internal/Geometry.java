package dev.vellum.modality.image.ui.internal;

import dev.vellum.modality.image.codec.CocoRle;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Polyline;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Shape;
import dev.vellum.modality.image.model.Tag;
import java.util.ArrayList;
import java.util.List;

/**
 * The editing operations of the image editor on shapes (move, drag a handle, add and delete
 * vertices) and the tests behind hit testing. Every operation returns a new shape. No SWT.
 * <p>
 * Handles are numbered per shape: a box has its corners 0-3 (top left, top right, bottom right,
 * bottom left) and its edge middles 4-7 (top, right, bottom, left); a rotated box its corners 0-3
 * and the rotation knob 4; polygons and polylines their vertices (a polygon's outer ring first,
 * then each hole's); keypoints their points, labelled or not.
 */
public final class Geometry {
    /** How far above a rotated box's top edge its rotation knob sits, in view pixels. */
    public static final double KNOB_DISTANCE = 24;

    private Geometry() {
    }

    /** The handles of a shape as x0,y0,x1,y1... in image coordinates; {@code knob} is the rotation knob's distance in image pixels. */
    public static double[] handles(Shape shape, double knob) {
        return switch (shape) {
            case BoundingBox b -> new double[] {b.x(), b.y(), b.x() + b.width(), b.y(), b.x() + b.width(), b.y() + b.height(), b.x(),
                    b.y() + b.height(), b.x() + b.width() / 2, b.y(), b.x() + b.width(), b.y() + b.height() / 2, b.x() + b.width() / 2,
                    b.y() + b.height(), b.x(), b.y() + b.height() / 2};
            case RotatedBox r -> {
                List<Double> c = r.corners();
                double[] h = new double[10];
                for (int i = 0; i < 8; i++) {
                    h[i] = c.get(i);
                }
                double a = Math.toRadians(r.angle());
                // "up" in the box's frame, rotated clockwise on screen by the angle
                h[8] = r.cx() + Math.sin(a) * (r.height() / 2 + knob);
                h[9] = r.cy() - Math.cos(a) * (r.height() / 2 + knob);
                yield h;
            }
            case Polygon p -> {
                List<Double> all = new ArrayList<>(p.points());
                p.holes().forEach(all::addAll);
                yield toArray(all);
            }
            case Polyline p -> toArray(p.points());
            case Keypoints k -> {
                double[] h = new double[k.size() * 2];
                for (int i = 0; i < k.size(); i++) {
                    h[2 * i] = k.points().get(3 * i);
                    h[2 * i + 1] = k.points().get(3 * i + 1);
                }
                yield h;
            }
            case Mask m -> new double[0];
            case Tag t -> new double[0];
        };
    }

    /** The shape moved by (dx, dy) image pixels. Masks move by whole pixels. */
    public static Shape translate(Shape shape, double dx, double dy) {
        return switch (shape) {
            case BoundingBox b -> new BoundingBox(b.x() + dx, b.y() + dy, b.width(), b.height());
            case RotatedBox r -> new RotatedBox(r.cx() + dx, r.cy() + dy, r.width(), r.height(), r.angle());
            case Polygon p -> new Polygon(shift(p.points(), dx, dy, 2), p.holes().stream().map(h -> shift(h, dx, dy, 2)).toList());
            case Polyline p -> new Polyline(shift(p.points(), dx, dy, 2));
            case Keypoints k -> new Keypoints(shift(k.points(), dx, dy, 3), k.template(), k.box());
            case Mask m -> translateMask(m, (int) Math.round(dx), (int) Math.round(dy));
            case Tag t -> t;
        };
    }

    /** The shape with handle {@code index} dragged to image point (x, y). */
    public static Shape moveHandle(Shape shape, int index, double x, double y) {
        return switch (shape) {
            case BoundingBox b -> moveBoxHandle(b, index, x, y);
            case RotatedBox r -> moveRotatedHandle(r, index, x, y);
            case Polygon p -> {
                int outer = p.points().size() / 2;
                if (index < outer) {
                    yield new Polygon(set(p.points(), index, x, y, 2), p.holes());
                }
                int i = index - outer;
                List<List<Double>> holes = new ArrayList<>(p.holes());
                for (int h = 0; h < holes.size(); h++) {
                    int n = holes.get(h).size() / 2;
                    if (i < n) {
                        holes.set(h, set(holes.get(h), i, x, y, 2));
                        break;
                    }
                    i -= n;
                }
                yield new Polygon(p.points(), holes);
            }
            case Polyline p -> new Polyline(set(p.points(), index, x, y, 2));
            case Keypoints k -> {
                List<Double> pts = set(k.points(), index, x, y, 3);
                if (pts.get(3 * index + 2) == 0) {
                    pts = new ArrayList<>(pts);
                    pts.set(3 * index + 2, 2.0);
                }
                yield new Keypoints(pts, k.template(), k.box());
            }
            case Mask m -> m;
            case Tag t -> t;
        };
    }

    /**
     * The polygon or polyline with a vertex inserted on the outer edge nearest to (x, y), or null
     * when the shape has no vertices or the point is farther than {@code tolerance} from every edge.
     *
     * @return the new shape and, in {@code insertedIndex[0]}, the new vertex's handle number
     */
    public static Shape insertVertex(Shape shape, double x, double y, double tolerance, int[] insertedIndex) {
        List<Double> pts = switch (shape) {
            case Polygon p -> p.points();
            case Polyline p -> p.points();
            default -> null;
        };
        if (pts == null) {
            return null;
        }
        boolean closed = shape instanceof Polygon;
        int n = pts.size() / 2, best = -1;
        double bestDist = tolerance;
        for (int i = 0; i < (closed ? n : n - 1); i++) {
            int j = (i + 1) % n;
            double d = segmentDistance(x, y, pts.get(2 * i), pts.get(2 * i + 1), pts.get(2 * j), pts.get(2 * j + 1));
            if (d <= bestDist) {
                bestDist = d;
                best = i;
            }
        }
        if (best < 0) {
            return null;
        }
        List<Double> out = new ArrayList<>(pts);
        out.add(2 * best + 2, y);
        out.add(2 * best + 2, x);
        insertedIndex[0] = best + 1;
        return shape instanceof Polygon p ? new Polygon(out, p.holes()) : new Polyline(out);
    }

    /**
     * The shape without vertex {@code index}, or null when that would leave too few (a polygon ring
     * needs 3, a polyline 2). Deleting a keypoint marks it not labelled.
     */
    public static Shape deleteVertex(Shape shape, int index) {
        switch (shape) {
            case Polygon p -> {
                int outer = p.points().size() / 2;
                if (index < outer) {
                    return outer <= 3 ? null : new Polygon(remove(p.points(), index), p.holes());
                }
                int i = index - outer;
                List<List<Double>> holes = new ArrayList<>(p.holes());
                for (int h = 0; h < holes.size(); h++) {
                    int n = holes.get(h).size() / 2;
                    if (i < n) {
                        if (n <= 3) {
                            holes.remove(h);
                        } else {
                            holes.set(h, remove(holes.get(h), i));
                        }
                        return new Polygon(p.points(), holes);
                    }
                    i -= n;
                }
                return null;
            }
            case Polyline p -> {
                return p.points().size() / 2 <= 2 ? null : new Polyline(remove(p.points(), index));
            }
            case Keypoints k -> {
                List<Double> pts = new ArrayList<>(k.points());
                pts.set(3 * index + 2, 0.0);
                return new Keypoints(pts, k.template(), k.box());
            }
            default -> {
                return null;
            }
        }
    }

    /** Whether (x, y) is inside a closed ring given as x0,y0,x1,y1... (even-odd rule). */
    public static boolean insideRing(double[] ring, double x, double y) {
        boolean inside = false;
        int n = ring.length / 2;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double xi = ring[2 * i], yi = ring[2 * i + 1], xj = ring[2 * j], yj = ring[2 * j + 1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
        return inside;
    }

    /** Whether (x, y) is inside a polygon and not inside one of its holes. */
    public static boolean insidePolygon(Polygon p, double x, double y) {
        if (!insideRing(toArray(p.points()), x, y)) {
            return false;
        }
        for (List<Double> hole : p.holes()) {
            if (insideRing(toArray(hole), x, y)) {
                return false;
            }
        }
        return true;
    }

    /** Whether (x, y) is within {@code tolerance} of a ring's (or, when not closed, a line's) edges. */
    public static boolean nearRing(double[] pts, double x, double y, double tolerance, boolean closed) {
        int n = pts.length / 2;
        for (int i = 0; i < (closed ? n : n - 1); i++) {
            int j = (i + 1) % n;
            if (segmentDistance(x, y, pts[2 * i], pts[2 * i + 1], pts[2 * j], pts[2 * j + 1]) <= tolerance) {
                return true;
            }
        }
        return false;
    }

    /** Distance from (x, y) to the segment (x1, y1)-(x2, y2). */
    public static double segmentDistance(double x, double y, double x1, double y1, double x2, double y2) {
        double dx = x2 - x1, dy = y2 - y1, len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / len2));
        double px = x1 + t * dx - x, py = y1 + t * dy - y;
        return Math.sqrt(px * px + py * py);
    }

    /** A box from two corners in any order. */
    public static BoundingBox box(double x1, double y1, double x2, double y2) {
        return new BoundingBox(Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1));
    }

    private static BoundingBox moveBoxHandle(BoundingBox b, int index, double x, double y) {
        double x1 = b.x(), y1 = b.y(), x2 = b.x() + b.width(), y2 = b.y() + b.height();
        switch (index) {
            case 0 -> { x1 = x; y1 = y; }
            case 1 -> { x2 = x; y1 = y; }
            case 2 -> { x2 = x; y2 = y; }
            case 3 -> { x1 = x; y2 = y; }
            case 4 -> y1 = y;
            case 5 -> x2 = x;
            case 6 -> y2 = y;
            case 7 -> x1 = x;
            default -> throw new IllegalArgumentException("a box has no handle " + index);
        }
        return box(x1, y1, x2, y2);
    }

    private static RotatedBox moveRotatedHandle(RotatedBox r, int index, double x, double y) {
        double a = Math.toRadians(r.angle()), cos = Math.cos(a), sin = Math.sin(a);
        if (index == 4) {
            double angle = Math.toDegrees(Math.atan2(x - r.cx(), -(y - r.cy())));
            return new RotatedBox(r.cx(), r.cy(), r.width(), r.height(), normaliseAngle(angle));
        }
        List<Double> c = r.corners();
        int opposite = (index + 2) % 4;
        double ox = c.get(2 * opposite), oy = c.get(2 * opposite + 1);
        // the dragged corner and its opposite span the box in its own frame
        double dx = x - ox, dy = y - oy;
        double u = dx * cos + dy * sin, v = -dx * sin + dy * cos;
        double cx = ox + dx / 2, cy = oy + dy / 2;
        return new RotatedBox(cx, cy, Math.abs(u), Math.abs(v), r.angle());
    }

    /** An angle in degrees brought into [-180, 180). */
    public static double normaliseAngle(double degrees) {
        double a = ((degrees + 180) % 360 + 360) % 360 - 180;
        return Math.abs(a) < 1e-9 ? 0 : a;
    }

    private static Mask translateMask(Mask m, int dx, int dy) {
        if (dx == 0 && dy == 0) {
            return m;
        }
        int h = m.height(), w = m.width();
        boolean[] in = CocoRle.toMask(m.counts(), h, w), out = new boolean[in.length];
        for (int x = 0; x < w; x++) {
            int tx = x + dx;
            if (tx < 0 || tx >= w) {
                continue;
            }
            for (int y = 0; y < h; y++) {
                int ty = y + dy;
                if (ty >= 0 && ty < h && in[x * h + y]) {
                    out[tx * h + ty] = true;
                }
            }
        }
        return new Mask(h, w, CocoRle.fromMask(out));
    }

    private static List<Double> shift(List<Double> pts, double dx, double dy, int stride) {
        List<Double> out = new ArrayList<>(pts.size());
        for (int i = 0; i < pts.size(); i++) {
            int k = i % stride;
            out.add(k == 0 ? pts.get(i) + dx : k == 1 ? pts.get(i) + dy : pts.get(i));
        }
        return out;
    }

    private static List<Double> set(List<Double> pts, int index, double x, double y, int stride) {
        List<Double> out = new ArrayList<>(pts);
        out.set(stride * index, x);
        out.set(stride * index + 1, y);
        return out;
    }

    private static List<Double> remove(List<Double> pts, int index) {
        List<Double> out = new ArrayList<>(pts);
        out.remove(2 * index);
        out.remove(2 * index);
        return out;
    }

    static double[] toArray(List<Double> xs) {
        double[] a = new double[xs.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = xs.get(i);
        }
        return a;
    }
}
