package dev.vellum.guidelines;

import java.util.Objects;

/**
 * An item linked to a decision as an example.
 *
 * @param itemId       the item
 * @param annotationId the annotation shown, or empty
 * @param correct      whether it shows what to do ({@code true}) or what not to do
 * @param note         a short explanation, or empty
 */
public record FaqExample(String itemId, String annotationId, boolean correct, String note) {
    /** Null strings other than the item become empty. */
    public FaqExample {
        Objects.requireNonNull(itemId, "itemId");
        annotationId = annotationId == null ? "" : annotationId;
        note = note == null ? "" : note;
    }
}
