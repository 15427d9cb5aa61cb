package dev.vellum.guidelines;

import dev.vellum.core.model.JsonTrees;
import java.util.Map;

/**
 * Where a question was raised: the item, optionally one annotation, its label, the region or span
 * the modality gives for it, and the guideline version in force.
 *
 * @param itemId           the item, or empty for a general question
 * @param annotator        whose annotation set, or empty
 * @param annotationId     the annotation, or empty
 * @param label            the label concerned, or empty
 * @param modalityId       the item's modality, or empty
 * @param region           the annotation's payload (a box, a span...) as JSON-shaped data, or empty
 * @param guidelineVersion the version in force when it was raised
 */
public record FaqContext(String itemId, String annotator, String annotationId, String label, String modalityId,
        Map<String, Object> region, int guidelineVersion) {

    /** Null strings become empty; the region is copied as an unmodifiable JSON-shaped tree. */
    public FaqContext {
        itemId = itemId == null ? "" : itemId;
        annotator = annotator == null ? "" : annotator;
        annotationId = annotationId == null ? "" : annotationId;
        label = label == null ? "" : label;
        modalityId = modalityId == null ? "" : modalityId;
        region = JsonTrees.copy(region);
    }

    /** A general question, not raised from an item. */
    public static FaqContext general(String label, int guidelineVersion) {
        return new FaqContext("", "", "", label, "", Map.of(), guidelineVersion);
    }
}
