package dev.vellum.modality.text.quality;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.RelationLabels;
import dev.vellum.modality.text.model.Span;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * A span labelled with a relation label, or a relation labelled with an entity label, in a project
 * that declares its relation labels ({@link RelationLabels}); projects that do not are not checked.
 * Labels missing from the schema are core's {@code schema.unknown-label}.
 */
@Component(service = ValidationRule.class)
public final class LabelKind extends TextRule {
    /** The rule id. */
    public static final String ID = "text.label-kind";

    public LabelKind() {
        super(ID, Finding.Severity.WARNING, "A span has a relation label, or a relation an entity label");
    }

    @Override
    void check(ValidationContext context, Item item, AnnotationSet set, Document document, Problems problems) {
        if (context == null || !RelationLabels.declared(context.project())) {
            return;
        }
        Set<String> relationLabels;
        try {
            relationLabels = RelationLabels.of(context.project());
        } catch (IllegalArgumentException e) {
            return; // a malformed setting is not a finding about annotations
        }
        for (Annotation a : set.annotations()) {
            if (a.label().isEmpty()) {
                continue;
            }
            if (a.typeId().equals(Span.TYPE) && relationLabels.contains(a.label())) {
                problems.report(a, "span labelled '" + a.label() + "', which is a relation label");
            } else if (a.typeId().equals(Relation.TYPE) && !relationLabels.contains(a.label())) {
                problems.report(a, "relation labelled '" + a.label() + "', which is not one of the relation labels " + relationLabels);
            }
        }
    }
}
