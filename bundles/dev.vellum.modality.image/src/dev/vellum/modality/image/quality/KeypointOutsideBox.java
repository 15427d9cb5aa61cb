package dev.vellum.modality.image.quality;

import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Shape;

/**
 * A labelled keypoint outside the box its keypoints annotation belongs to (the payload's {@code box},
 * the id of an {@code image.bbox} annotation in the same set), or a {@code box} that names no box.
 */
@Component(service = ValidationRule.class)
public final class KeypointOutsideBox extends ImageShapeRule {
    /** The rule id. */
    public static final String ID = "image.keypoint-outside-box";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "A keypoint lies outside its object's box";
    }


    @Override
    void check(Item item, AnnotationSet set, Annotation a, Shape s, Consumer<String> problems) {
        if (!(s instanceof Keypoints k) || k.box().isEmpty()) {
            return;
        }
        Shape box = set.annotation(k.box()).flatMap(ImageRules::shape).orElse(null);
        if (!(box instanceof BoundingBox b)) {
            problems.accept("keypoints '" + a.label() + "' belong to box '" + k.box() + "', which is not a box in this set");
            return;
        }
        for (int i = 0; i < k.size(); i++) {
            double x = k.points().get(3 * i), y = k.points().get(3 * i + 1);
            if (k.visibility(i) > 0 && !b.contains(x, y)) {
                problems.accept("keypoint " + (i + 1) + " of '" + a.label() + "' at (" + ImageRules.fmt(x) + ", " + ImageRules.fmt(y)
                        + ") is outside its box");
            }
        }
    }
}
