package dev.vellum.guidelines;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /** Null strings become empty; labels keep their order; collections are copied and unmodifiable. */
    public FaqEntry {
        Objects.requireNonNull(id, "id");
        question = question == null ? "" : question;
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(context, "context");
        raisedBy = raisedBy == null ? "" : raisedBy;
        Objects.requireNonNull(raised, "raised");
        labels = Collections.unmodifiableSet(new LinkedHashSet<>(labels == null ? Set.of() : labels));
        answer = answer == null ? "" : answer;
        examples = List.copyOf(examples == null ? List.of() : examples);
        decidedBy = decidedBy == null ? "" : decidedBy;
        duplicateOf = duplicateOf == null ? "" : duplicateOf;
        section = section == null ? "" : section;
        promotionText = promotionText == null ? "" : promotionText;
    }

    /**
     * This entry as JSON-shaped data, keys in a fixed order: what {@code faq/<id>.json} holds, what
     * audit events record before and after a transition, and what {@code vellum cli faq ... --json} prints.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("question", question);
        m.put("status", status.id());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("item", context.itemId());
        c.put("annotator", context.annotator());
        c.put("annotation", context.annotationId());
        c.put("label", context.label());
        c.put("modality", context.modalityId());
        c.put("region", context.region());
        c.put("guidelineVersion", context.guidelineVersion());
        m.put("context", c);
        m.put("raisedBy", raisedBy);
        m.put("raised", raised.toString());
        m.put("labels", new ArrayList<>(labels));
        m.put("answer", answer);
        List<Object> ex = new ArrayList<>();
        for (FaqExample e : examples) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("item", e.itemId());
            x.put("annotation", e.annotationId());
            x.put("correct", e.correct());
            x.put("note", e.note());
            ex.add(x);
        }
        m.put("examples", ex);
        m.put("decidedBy", decidedBy);
        m.put("decided", decided == null ? null : decided.toString());
        m.put("duplicateOf", duplicateOf);
        m.put("section", section);
        m.put("promotionText", promotionText);
        m.put("promotedInVersion", promotedInVersion);
        return m;
    }

    /** The entry's number: 7 for {@code q7}, 0 when the id has another form. */
    public int number() {
        return numberOf(id);
    }

    /** The number of an entry id {@code q<n>}, or 0 when it has another form. */
    static int numberOf(String id) {
        if (id == null || !id.matches("q[1-9][0-9]{0,8}")) {
            return 0;
        }
        return Integer.parseInt(id.substring(1));
    }
}
