package dev.vellum.core.edit;

import dev.vellum.core.model.AnnotationSet;

/** Lookups the commands share, failing with a message that names what is missing. */
final class Targets {
    private Targets() {
    }

    /** The annotator's set on the item; throws IllegalStateException when there is none. */
    static AnnotationSet set(EditTarget target, String itemId, String annotator) {
        return target.item(itemId).set(annotator)
                .orElseThrow(() -> new IllegalStateException("item '" + itemId + "' has no set of " + annotator));
    }

    /** Position of the annotation in the set; throws IllegalStateException when it is not there. */
    static int indexOf(AnnotationSet set, String itemId, String annotationId) {
        int i = set.indexOf(annotationId);
        if (i < 0) {
            throw new IllegalStateException("item '" + itemId + "' has no annotation '" + annotationId + "'");
        }
        return i;
    }
}
