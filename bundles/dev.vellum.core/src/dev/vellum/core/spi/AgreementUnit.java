package dev.vellum.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One thing on one item that several annotators may have judged: an object they drew, a tag they
 * could have given, a span, a preference choice, the rank of one response. Agreement measures
 * (Cohen's and Fleiss' kappa, Krippendorff's alpha) read units as rows of a reliability table; an
 * annotator without a rating is a missing value, which each measure treats as it defines (alpha
 * leaves it out; a measure that needs every cell may count it as disagreement, or as a category of
 * its own).
 *
 * @param itemId  the item
 * @param id      what the unit is, stable for the same annotations and annotator order, unique
 *                within the item, e.g. {@code image.bbox:ann1/a7} or {@code image.tag:indoor}
 * @param kind    what sort of unit, to compute agreement per sort: usually an annotation type id
 *                such as {@code image.bbox}, or a namespaced name such as {@code image.keypoint-visibility}
 * @param level   the level of measurement the values naturally have
 * @param ratings by annotator, in the order of the annotation sets given; an annotator left out is missing
 */
public record AgreementUnit(String itemId, String id, String kind, MeasurementLevel level, Map<String, Rating> ratings) {
    /**
     * What one annotator gave a unit.
     *
     * @param value         the label or number
     * @param annotationIds the annotations of this annotator the unit stands for (none for an
     *                      absent tag), for drill-down
     * @param quality       how well these annotations match the unit's others, in 0..1 (IoU, OKS,
     *                      span overlap; 1 for the annotations that founded the unit, and when
     *                      matching does not apply), for drill-down and scoring against gold
     */
    public record Rating(AgreementValue value, List<String> annotationIds, double quality) {
        public Rating {
            Objects.requireNonNull(value, "value");
            annotationIds = List.copyOf(annotationIds == null ? List.of() : annotationIds);
            if (!(quality >= 0 && quality <= 1)) {
                throw new IllegalArgumentException("match quality must be within 0..1, found " + quality);
            }
        }
    }

    public AgreementUnit {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("an agreement unit of item '" + itemId + "' needs an id");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        LinkedHashMap<String, Rating> copy = new LinkedHashMap<>();
        ratings.forEach((annotator, rating) -> copy.put(Objects.requireNonNull(annotator, "annotator"), Objects.requireNonNull(rating, "rating")));
        ratings = Collections.unmodifiableMap(copy);
    }

    /** The key unique in a project: item and unit id. */
    public String key() {
        return itemId + "/" + id;
    }

    /** The value {@code annotator} gave, or null when it is missing. */
    public AgreementValue value(String annotator) {
        Rating r = ratings.get(annotator);
        return r == null ? null : r.value();
    }

    /** Whether {@code annotator} has no value for this unit. */
    public boolean isMissing(String annotator) {
        return !ratings.containsKey(annotator);
    }
}
