package dev.vellum.modality.preference.model;

import dev.vellum.core.model.Annotation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The annotator's reason for a judgement, kept as the annotation attribute {@value #ATTRIBUTE}
 * (text) on the judgement it explains: a {@code preference.pairwise} or {@code preference.ranking}
 * annotation (and, when someone wants to, a rubric or a flag). An attribute rather than a payload
 * field because it is the same for every preference type, generic views (Properties, history, the
 * audit trail) already show and edit attributes, and changing it leaves the judgement's payload
 * untouched. Whether one is required is the project's {@link RationalePolicy}.
 */
public final class Rationale {
    /** The attribute name. */
    public static final String ATTRIBUTE = "rationale";

    private Rationale() {
    }

    /** The annotation's rationale, trimmed; empty when it has none (or it is not text). */
    public static String of(Annotation annotation) {
        return annotation.attributes().get(ATTRIBUTE) instanceof String s ? s.strip() : "";
    }

    /** Whether the annotation carries a non-blank rationale. */
    public static boolean isGiven(Annotation annotation) {
        return !of(annotation).isEmpty();
    }

    /** The annotation's attributes with the rationale set to {@code text}, or removed when it is blank. */
    public static Map<String, Object> with(Annotation annotation, String text) {
        Map<String, Object> m = new LinkedHashMap<>(annotation.attributes());
        if (text == null || text.isBlank()) {
            m.remove(ATTRIBUTE);
        } else {
            m.put(ATTRIBUTE, text);
        }
        return m;
    }
}
