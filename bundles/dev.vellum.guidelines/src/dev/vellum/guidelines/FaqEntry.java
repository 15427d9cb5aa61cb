package dev.vellum.guidelines;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One question of the living FAQ, with its context and, once decided, its answer.
 *
 * @param id                 stable id, e.g. {@code q7}
 * @param question           the question as raised
 * @param status             where it stands
 * @param context            where it was raised
 * @param raisedBy           who raised it
 * @param raised             when
 * @param labels             the labels it concerns (the context's label, plus any the decider adds)
 * @param answer             the decision, or empty
 * @param examples           correct and incorrect examples linked to items
 * @param decidedBy          who decided (or closed) it, or empty
 * @param decided            when, or {@code null}
 * @param duplicateOf        the entry this one duplicates, or empty
 * @param section            the guideline section it was promoted into, or empty
 * @param promotionText      the text that was added to the draft, or empty
 * @param promotedInVersion  the version that published the promotion, 0 until published
 */
public record FaqEntry(String id, String question, FaqStatus status, FaqContext context, String raisedBy, Instant raised,
        Set<String> labels, String answer, List<FaqExample> examples, String decidedBy, Instant decided, String duplicateOf,
        String section, String promotionText, int promotedInVersion) {
}
