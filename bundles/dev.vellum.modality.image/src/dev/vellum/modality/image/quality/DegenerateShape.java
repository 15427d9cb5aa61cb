package dev.vellum.modality.image.quality;

import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Polyline;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Shape;

/**
 * A box, polygon or mask whose area is below a threshold (a stray click), or a polyline shorter than
 * the square root of it.
 */
@Component(service = ValidationRule.class)
public final class DegenerateShape extends ImageShapeRule {
    /** The rule id. */
    public static final String ID = "image.degenerate-shape";

    /** The default threshold: one square pixel. */
    public static final double DEFAULT_MIN_AREA = 1.0;

    private final double minArea;

    /** The rule with {@link #DEFAULT_MIN_AREA}. */
    public DegenerateShape() {
        this(DEFAULT_MIN_AREA);
    }

    /** The rule with a threshold in square pixels. */
    public DegenerateShape(double minArea) {
        this.minArea = minArea;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "A shape's area is below " + ImageRules.fmt(minArea) + " square pixels";
    }


    @Override
    void check(Item item, AnnotationSet set, Annotation a, Shape s, Consumer<String> problems) {
        if (s instanceof BoundingBox || s instanceof RotatedBox || s instanceof Polygon || s instanceof Mask) {
            if (s.area() < minArea) {
                problems.accept(a.typeId() + " '" + a.label() + "' has an area of " + ImageRules.fmt(s.area()) + " square pixels, below "
                        + ImageRules.fmt(minArea));
            }
        } else if (s instanceof Polyline l && l.length() < Math.sqrt(minArea)) {
            problems.accept(a.typeId() + " '" + a.label() + "' is " + ImageRules.fmt(l.length()) + " pixels long, below "
                    + ImageRules.fmt(Math.sqrt(minArea)));
        }
    }
}
