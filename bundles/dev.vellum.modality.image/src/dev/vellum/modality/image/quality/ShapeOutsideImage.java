package dev.vellum.modality.image.quality;

import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.Shape;

/**
 * A shape reaching outside the image, judged by the image size in the asset's metadata
 * ({@code width}, {@code height}); items without a known size are not checked. A mask whose size
 * differs from the image's is reported too.
 */
@Component(service = ValidationRule.class)
public final class ShapeOutsideImage extends ImageShapeRule {
    /** The rule id. */
    public static final String ID = "image.shape-outside";

    private static final double TOLERANCE = 1e-6;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "A shape lies partly or wholly outside the image";
    }


    @Override
    void check(Item item, AnnotationSet set, Annotation a, Shape s, Consumer<String> problems) {
        double[] size = ImageRules.imageSize(item).orElse(null);
        if (size == null) {
            return;
        }
        if (s instanceof Mask m && (m.width() != size[0] || m.height() != size[1])) {
            problems.accept("mask '" + a.label() + "' is " + m.width() + " x " + m.height() + " but the image is "
                    + ImageRules.fmt(size[0]) + " x " + ImageRules.fmt(size[1]));
            return;
        }
        BoundingBox b = s instanceof Keypoints k ? k.bounds() : s.bounds();
        if (b == null) {
            return;
        }
        if (b.x() < -TOLERANCE || b.y() < -TOLERANCE || b.x() + b.width() > size[0] + TOLERANCE || b.y() + b.height() > size[1] + TOLERANCE) {
            problems.accept(a.typeId() + " '" + a.label() + "' spans x " + ImageRules.fmt(b.x()) + ".." + ImageRules.fmt(b.x() + b.width())
                    + ", y " + ImageRules.fmt(b.y()) + ".." + ImageRules.fmt(b.y() + b.height()) + ", outside the " + ImageRules.fmt(size[0])
                    + " x " + ImageRules.fmt(size[1]) + " image");
        }
    }
}
