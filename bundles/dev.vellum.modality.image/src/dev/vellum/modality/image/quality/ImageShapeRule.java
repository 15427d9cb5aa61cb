package dev.vellum.modality.image.quality;

import java.util.function.Consumer;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.AnnotationRule;
import dev.vellum.core.spi.Finding;
import dev.vellum.modality.image.ImageModality;
import dev.vellum.modality.image.model.Shape;

/**
 * What the image rules share: they apply to image items, look at each annotation whose payload is a
 * readable image shape (a malformed one is the modality's payload check's to report), and warn.
 */
abstract class ImageShapeRule extends AnnotationRule {
    ImageShapeRule() {
        super(Finding.Severity.WARNING);
    }

    @Override
    public boolean accepts(String modalityId) {
        return ImageModality.ID.equals(modalityId);
    }

    @Override
    protected final void check(ValidationContext context, Item item, AnnotationSet set, Annotation annotation, Consumer<String> problems) {
        Shape shape = ImageRules.shape(annotation).orElse(null);
        if (shape != null) {
            check(item, set, annotation, shape, problems);
        }
    }

    /** Reports what is wrong with {@code annotation}, whose payload reads as {@code shape}. */
    abstract void check(Item item, AnnotationSet set, Annotation annotation, Shape shape, Consumer<String> problems);
}
