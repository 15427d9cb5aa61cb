package dev.vellum.guidelines;

/**
 * An item linked to a decision as an example.
 *
 * @param itemId       the item
 * @param annotationId the annotation shown, or empty
 * @param correct      whether it shows what to do ({@code true}) or what not to do
 * @param note         a short explanation, or empty
 */
public record FaqExample(String itemId, String annotationId, boolean correct, String note) {
}
