package dev.vellum.modality.image.agreement;

import java.awt.geom.Area;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.AgreementUnits;
import dev.vellum.core.spi.AgreementValue;
import dev.vellum.modality.image.ImageModality;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Shape;

/**
 * Boxes, rotated boxes, polygons and masks as units: the annotators' shapes of one type are matched
 * by IoU (optimal assignment, see {@link Clusters} for more than two annotators), and each match, or
 * unmatched shape, is a unit whose values are the labels given. A shape nobody else drew is a unit
 * in which the others are missing. Shapes of different types are never matched. Polygons of one
 * object (same label and attribute {@code group}, as COCO import splits them) count as one shape.
 * Polylines have no area and make no units.
 */
@Component(service = AgreementUnits.class)
public final class ShapeUnits implements AgreementUnits {
    /** The service id. */
    public static final String ID = "image.shapes";
    /** The component property giving the IoU threshold. */
    public static final String IOU_THRESHOLD = "iou.threshold";
    /** The component property that, when true, matches only shapes with the same label. */
    public static final String SAME_LABEL_ONLY = "match.sameLabelOnly";
    /** The IoU a match needs by default. */
    public static final double DEFAULT_IOU_THRESHOLD = 0.5;

    private static final List<String> TYPES = List.of(BoundingBox.TYPE, RotatedBox.TYPE, Polygon.TYPE, Mask.TYPE);

    private final double threshold;
    private final boolean sameLabelOnly;

    /** Matching at IoU {@value #DEFAULT_IOU_THRESHOLD}, across labels. */
    public ShapeUnits() {
        this(DEFAULT_IOU_THRESHOLD, false);
    }

    /**
     * @param iouThreshold  the least IoU of a match, in 0..1 (a match also needs some overlap)
     * @param sameLabelOnly whether shapes with different labels may match (false: a label
     *                      disagreement on one object shows as different values in one unit)
     */
    public ShapeUnits(double iouThreshold, boolean sameLabelOnly) {
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("IoU threshold must be within 0..1, found " + iouThreshold);
        }
        this.threshold = iouThreshold;
        this.sameLabelOnly = sameLabelOnly;
    }

    /** As configured through the component properties {@value #IOU_THRESHOLD} and {@value #SAME_LABEL_ONLY}. */
    @Activate
    public ShapeUnits(Map<String, Object> properties) {
        this(Config.number(properties, IOU_THRESHOLD, DEFAULT_IOU_THRESHOLD), Config.flag(properties, SAME_LABEL_ONLY, false));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String modalityId() {
        return ImageModality.ID;
    }

    @Override
    public String displayName() {
        return "Shapes matched by IoU";
    }

    /** The least IoU of a match. */
    public double threshold() {
        return threshold;
    }

    @Override
    public List<AgreementUnit> units(Item item, List<AnnotationSet> sets, LabelSchema schema) {
        Drawn.requireDistinct(item, sets);
        List<AgreementUnit> out = new ArrayList<>();
        for (String type : TYPES) {
            List<List<Drawn>> perSet = new ArrayList<>(sets.size());
            boolean any = false;
            for (AnnotationSet s : sets) {
                List<Drawn> drawn = drawn(s, type);
                any |= !drawn.isEmpty();
                perSet.add(drawn);
            }
            if (any) {
                List<List<Clusters.Member<Drawn>>> clusters = Clusters.form(perSet, d -> d.bounds, this::similarity, threshold);
                out.addAll(Drawn.units(item, sets, type, clusters, d -> d.ids, d -> AgreementValue.of(d.label)));
            }
        }
        return out;
    }

    private double similarity(Drawn a, Drawn b) {
        if (sameLabelOnly && !a.label.equals(b.label)) {
            return 0;
        }
        if (a.shape instanceof BoundingBox x && b.shape instanceof BoundingBox y) {
            return Iou.of(x, y);
        }
        if (a.shape instanceof Mask x && b.shape instanceof Mask y) {
            return Iou.of(x, y);
        }
        return Iou.of(a.region(), b.region());
    }

    /** The set's shapes of {@code type}, polygon parts of one object joined, in drawing order (a group at its first part). */
    private static List<Drawn> drawn(AnnotationSet set, String type) {
        List<Object> slots = new ArrayList<>();
        Map<String, List<Annotation>> groups = new LinkedHashMap<>();
        for (Annotation a : set.annotations()) {
            if (!a.typeId().equals(type)) {
                continue;
            }
            if (type.equals(Polygon.TYPE) && a.attributes().get(Drawn.GROUP) instanceof String g && !g.isEmpty()) {
                List<Annotation> parts = groups.get(a.label() + "\u0000" + g);
                if (parts == null) {
                    parts = new ArrayList<>();
                    groups.put(a.label() + "\u0000" + g, parts);
                    slots.add(parts);
                }
                parts.add(a);
            } else {
                slots.add(a);
            }
        }
        List<Drawn> out = new ArrayList<>(slots.size());
        for (Object slot : slots) {
            Drawn d = slot instanceof Annotation a ? single(a) : union(asAnnotations(slot));
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Annotation> asAnnotations(Object slot) {
        return (List<Annotation>) slot;
    }

    private static Drawn single(Annotation a) {
        Shape s = Drawn.shape(a);
        return s == null ? null : new Drawn(List.of(a.id()), a.label(), s, s.bounds(), null);
    }

    /** The parts of one polygon object as one shape: the union of their regions. */
    private static Drawn union(List<Annotation> parts) {
        if (parts.size() == 1) {
            return single(parts.get(0));
        }
        Area region = new Area();
        List<String> ids = new ArrayList<>();
        for (Annotation a : parts) {
            Shape s = Drawn.shape(a);
            if (s != null) {
                region.add(Iou.region(s));
                ids.add(a.id());
            }
        }
        if (ids.isEmpty()) {
            return null;
        }
        java.awt.geom.Rectangle2D r = region.getBounds2D();
        return new Drawn(ids, parts.get(0).label(), null, new BoundingBox(r.getX(), r.getY(), r.getWidth(), r.getHeight()), region);
    }
}
