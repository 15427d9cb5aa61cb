package dev.vellum.modality.image.quality;

import java.util.Map;
import java.util.Optional;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.Item;
import dev.vellum.modality.image.ImageModality;
import dev.vellum.modality.image.model.PayloadException;
import dev.vellum.modality.image.model.Shape;

/** What the image rules share: reading shapes and image sizes. */
final class ImageRules {
    private ImageRules() {
    }

    /** The annotation's shape, or empty when it is not an image shape or its payload is malformed (Modality.validate reports that). */
    static Optional<Shape> shape(Annotation a) {
        if (!ImageModality.ID.equals(a.modalityId())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Shape.fromPayload(a.typeId(), a.payload()));
        } catch (PayloadException e) {
            return Optional.empty();
        }
    }

    /** The image's {width, height} from the first asset's metadata, or empty when it does not say. */
    static Optional<double[]> imageSize(Item item) {
        Map<String, Object> md = item.assets().get(0).metadata();
        if (md.get("width") instanceof Number w && md.get("height") instanceof Number h && w.doubleValue() > 0 && h.doubleValue() > 0) {
            return Optional.of(new double[] {w.doubleValue(), h.doubleValue()});
        }
        return Optional.empty();
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(java.util.Locale.ROOT, "%.2f", d);
    }
}
