package dev.vellum.modality.image.ui.internal;

import dev.vellum.core.model.Annotation;
import dev.vellum.modality.image.codec.CocoRle;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Polyline;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Shape;
import dev.vellum.modality.image.model.Tag;
import java.util.List;

/**
 * One annotation as the editor draws and hit-tests it: the parsed shape, its bounds and its drawing
 * order. Immutable; an edited annotation gets a new figure. No SWT.
 */
public final class Figure {
    /** The attribute that orders shapes: higher is drawn later, on top; absent means 0. */
    public static final String Z_ORDER = "z_order";

    private final String annotator;
    private final Annotation annotation;
    private final Shape shape;
    private final double minX, minY, maxX, maxY;
    private final int z;
    private final long order;
    private final double[] outline;
    private boolean[] maskBits;
    int stamp;

    /**
     * @param order position among the item's figures, for a stable drawing order among equal z
     * @throws dev.vellum.modality.image.model.PayloadException when the payload is not a valid shape
     */
    public Figure(String annotator, Annotation annotation, long order) {
        this.annotator = annotator;
        this.annotation = annotation;
        this.shape = Shape.fromPayload(annotation.typeId(), annotation.payload());
        this.order = order;
        this.z = annotation.attributes().get(Z_ORDER) instanceof Number n ? n.intValue() : 0;
        this.outline = switch (shape) {
            case Polygon p -> toArray(p.points());
            case Polyline p -> toArray(p.points());
            case RotatedBox r -> toArray(r.corners());
            default -> null;
        };
        BoundingBox b = shape.bounds();
        if (b == null) {
            // an image tag has no place on the image
            b = new BoundingBox(0, 0, 0, 0);
        }
        minX = b.x();
        minY = b.y();
        maxX = b.x() + b.width();
        maxY = b.y() + b.height();
    }

    public String annotator() {
        return annotator;
    }

    public Annotation annotation() {
        return annotation;
    }

    /** Key unique within an item: annotator and annotation id. */
    public String key() {
        return key(annotator, annotation.id());
    }

    /** The key of an annotation in an annotator's set. */
    public static String key(String annotator, String annotationId) {
        return annotator + '\u0000' + annotationId;
    }

    public String id() {
        return annotation.id();
    }

    public String label() {
        return annotation.label();
    }

    public Shape shape() {
        return shape;
    }

    public int z() {
        return z;
    }

    public long order() {
        return order;
    }

    /** Whether the figure is drawn on the image (image tags are not). */
    public boolean isSpatial() {
        return !(shape instanceof Tag);
    }

    public double minX() {
        return minX;
    }

    public double minY() {
        return minY;
    }

    public double maxX() {
        return maxX;
    }

    public double maxY() {
        return maxY;
    }

    /** Area of the bounds, to prefer small figures over large ones under the mouse. */
    public double boundsArea() {
        return (maxX - minX) * (maxY - minY);
    }

    /** Polygon, polyline or rotated-box corner coordinates x0,y0,x1,y1...; null for other shapes. */
    public double[] outline() {
        return outline;
    }

    /** The mask's pixels, column-major as COCO stores them (decoded once, on first use); null when not a mask. */
    public synchronized boolean[] maskBits() {
        if (maskBits == null && shape instanceof Mask m) {
            maskBits = CocoRle.toMask(m.counts(), m.height(), m.width());
        }
        return maskBits;
    }

    /**
     * Whether image point (x, y) is on this figure, allowing {@code tolerance} image pixels around
     * lines and points.
     */
    public boolean hits(double x, double y, double tolerance) {
        if (x < minX - tolerance || x > maxX + tolerance || y < minY - tolerance || y > maxY + tolerance) {
            return false;
        }
        return switch (shape) {
            case BoundingBox b -> true;
            case RotatedBox r -> Geometry.insideRing(outline, x, y) || Geometry.nearRing(outline, x, y, tolerance, true);
            case Polygon p -> Geometry.insidePolygon(p, x, y) || Geometry.nearRing(outline, x, y, tolerance, true);
            case Polyline p -> Geometry.nearRing(outline, x, y, tolerance, false);
            case Keypoints k -> nearPoint(k, x, y, tolerance);
            case Mask m -> {
                int px = (int) Math.floor(x), py = (int) Math.floor(y);
                boolean[] bits = maskBits();
                yield px >= 0 && py >= 0 && px < m.width() && py < m.height() && bits[px * m.height() + py];
            }
            case Tag t -> false;
        };
    }

    private static boolean nearPoint(Keypoints k, double x, double y, double tolerance) {
        List<Double> p = k.points();
        double t2 = Math.max(tolerance, 1) * Math.max(tolerance, 1) * 4;
        for (int i = 0; i + 2 < p.size(); i += 3) {
            if (p.get(i + 2) > 0) {
                double dx = p.get(i) - x, dy = p.get(i + 1) - y;
                if (dx * dx + dy * dy <= t2) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double[] toArray(List<Double> xs) {
        double[] a = new double[xs.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = xs.get(i);
        }
        return a;
    }
}
