package dev.vellum.modality.text.quality;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.text.model.PayloadException;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Span;
import org.osgi.service.component.annotations.Component;

/**
 * A relation whose {@code from} or {@code to} is not a span annotation of the same set: the span
 * was deleted, or the relation was imported or merged from another annotator's set.
 */
@Component(service = ValidationRule.class)
public final class RelationMissingSpan extends TextRule {
    /** The rule id. */
    public static final String ID = "text.relation-missing-span";

    public RelationMissingSpan() {
        super(ID, Finding.Severity.ERROR, "A relation's end is not a span of the same annotation set");
    }

    @Override
    void check(ValidationContext context, Item item, AnnotationSet set, Document document, Problems problems) {
        for (Annotation a : set.annotations()) {
            if (!a.typeId().equals(Relation.TYPE)) {
                continue;
            }
            Relation r;
            try {
                r = Relation.fromPayload(a.payload());
            } catch (PayloadException e) {
                continue;
            }
            end(set, a, "from", r.from(), problems);
            end(set, a, "to", r.to(), problems);
        }
    }

    private static void end(AnnotationSet set, Annotation relation, String which, String id, Problems problems) {
        Annotation target = set.annotation(id).orElse(null);
        if (target == null) {
            problems.report(relation, "relation '" + relation.label() + "': '" + which + "' names " + id + ", which is not in this annotation set");
        } else if (!target.typeId().equals(Span.TYPE)) {
            problems.report(relation, "relation '" + relation.label() + "': '" + which + "' names " + id + ", which is a " + target.typeId()
                    + ", not a span");
        }
    }
}
