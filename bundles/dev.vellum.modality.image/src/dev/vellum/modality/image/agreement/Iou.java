package dev.vellum.modality.image.agreement;

import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.util.List;

import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Shape;

/**
 * Intersection over union of two shapes of one kind, exactly: boxes in closed form, rotated boxes
 * and polygons (holes subtracted) through {@link java.awt.geom.Area}'s polygon clipping in doubles,
 * masks by walking both run-length encodings.
 * <p>
 * {@code java.awt.geom} is plain geometry in the JDK (no display, no toolkit); it clips polygons
 * exactly up to floating point, which is all IoU needs, so no geometry library is added. Rings are
 * filled by the even-odd rule, as COCO rasterizes them.
 */
public final class Iou {
    private Iou() {
    }

    /** IoU of two axis-aligned boxes; 0 when both are empty. */
    public static double of(BoundingBox a, BoundingBox b) {
        double iw = Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x());
        double ih = Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y());
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / (a.area() + b.area() - inter);
    }

    /**
     * IoU of two masks over the same image; 0 when their sizes differ (they cannot be on the same
     * image) or both are empty.
     */
    public static double of(Mask a, Mask b) {
        if (a.height() != b.height() || a.width() != b.width()) {
            return 0;
        }
        long inter = intersection(a.counts(), b.counts());
        long union = (long) a.area() + (long) b.area() - inter;
        return union == 0 ? 0 : (double) inter / union;
    }

    /** IoU of two regions; 0 when both are empty. */
    public static double of(Area a, Area b) {
        if (a.isEmpty() || b.isEmpty() || !a.getBounds2D().intersects(b.getBounds2D())) {
            return 0;
        }
        Area inter = new Area(a);
        inter.intersect(b);
        double i = area(inter);
        double union = area(a) + area(b) - i;
        return union <= 0 ? 0 : Math.min(1, i / union);
    }

    /**
     * IoU of two shapes of the same record type (boxes, rotated boxes, polygons, masks); 0 for a pair
     * of different types or of shapes without an area.
     */
    public static double of(Shape a, Shape b) {
        if (a instanceof BoundingBox x && b instanceof BoundingBox y) {
            return of(x, y);
        }
        if (a instanceof Mask x && b instanceof Mask y) {
            return of(x, y);
        }
        if (a.getClass() == b.getClass() && (a instanceof RotatedBox || a instanceof Polygon)) {
            return of(region(a), region(b));
        }
        return 0;
    }

    /**
     * The region a rotated box or polygon covers (a polygon's holes cut out), for {@link #of(Area, Area)}.
     *
     * @throws IllegalArgumentException for other shapes
     */
    public static Area region(Shape s) {
        if (s instanceof RotatedBox r) {
            return new Area(ring(r.corners()));
        }
        if (s instanceof Polygon p) {
            Area a = new Area(ring(p.points()));
            for (List<Double> hole : p.holes()) {
                a.subtract(new Area(ring(hole)));
            }
            return a;
        }
        if (s instanceof BoundingBox b) {
            return new Area(new java.awt.geom.Rectangle2D.Double(b.x(), b.y(), b.width(), b.height()));
        }
        throw new IllegalArgumentException(s.getClass().getSimpleName() + " has no polygonal region");
    }

    /** The area of a region: the signed shoelace sum over its boundaries, whose holes run the other way. */
    public static double area(Area region) {
        double sum = 0;
        double startX = 0, startY = 0, lastX = 0, lastY = 0;
        double[] c = new double[6];
        for (PathIterator it = region.getPathIterator(null, 1e-9); !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> {
                    startX = lastX = c[0];
                    startY = lastY = c[1];
                }
                case PathIterator.SEG_LINETO -> {
                    sum += lastX * c[1] - c[0] * lastY;
                    lastX = c[0];
                    lastY = c[1];
                }
                case PathIterator.SEG_CLOSE -> {
                    sum += lastX * startY - startX * lastY;
                    lastX = startX;
                    lastY = startY;
                }
                default -> throw new IllegalStateException("a flattened path has only lines");
            }
        }
        return Math.abs(sum) / 2;
    }

    /** Foreground pixels two run-length encodings of the same size share. */
    static long intersection(int[] a, int[] b) {
        // Runs alternate background and foreground; walk both foreground interval lists together.
        long inter = 0;
        int i = 1, j = 1;
        long aStart = a.length > 0 ? a[0] : 0, bStart = b.length > 0 ? b[0] : 0;
        while (i < a.length && j < b.length) {
            long aEnd = aStart + a[i], bEnd = bStart + b[j];
            long lo = Math.max(aStart, bStart), hi = Math.min(aEnd, bEnd);
            if (hi > lo) {
                inter += hi - lo;
            }
            if (aEnd <= bEnd) {
                aStart = aEnd + (i + 1 < a.length ? a[i + 1] : 0);
                i += 2;
            } else {
                bStart = bEnd + (j + 1 < b.length ? b[j + 1] : 0);
                j += 2;
            }
        }
        return inter;
    }

    private static Path2D ring(List<Double> xy) {
        Path2D.Double p = new Path2D.Double(Path2D.WIND_EVEN_ODD, xy.size() / 2 + 1);
        p.moveTo(xy.get(0), xy.get(1));
        for (int k = 2; k + 1 < xy.size(); k += 2) {
            p.lineTo(xy.get(k), xy.get(k + 1));
        }
        p.closePath();
        return p;
    }
}
