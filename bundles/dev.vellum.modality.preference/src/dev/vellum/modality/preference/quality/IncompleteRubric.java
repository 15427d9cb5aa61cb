package dev.vellum.modality.preference.quality;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.PreferenceSettings;
import dev.vellum.modality.preference.model.RubricDimension;
import dev.vellum.modality.preference.model.Rubric;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Rubric dimensions left empty: rubric scores of a response without a score for one of the
 * project's dimensions, and, in a set that scored some responses, a response with no rubric
 * scores at all. A warning while the set is in progress, an error once it was submitted.
 */
@Component(service = ValidationRule.class)
public final class IncompleteRubric extends PreferenceRule {
    /** The rule id. */
    public static final String ID = "preference.incomplete-rubric";

    public IncompleteRubric() {
        super(Finding.Severity.ERROR);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Rubric dimensions left empty, or a response without rubric scores";
    }

    @Override
    void check(Context context, AnnotationSet set, Judgements j, Problems problems) {
        if (j.rubrics().isEmpty()) {
            return;
        }
        PreferenceSettings settings = context.settings();
        if (settings != null) {
            for (Of<Rubric> r : j.rubrics()) {
                List<String> empty = settings.rubric().stream().map(RubricDimension::id).filter(d -> !r.value().scores().containsKey(d)).toList();
                if (!empty.isEmpty()) {
                    problems.report(r.annotation(), "rubric scores of '" + r.value().response() + "' leave " + ids(empty) + " empty",
                            unfinished(set));
                }
            }
        }
        Comparison c = context.comparison();
        if (c != null) {
            Set<String> scored = new HashSet<>();
            j.rubrics().forEach(r -> scored.add(r.value().response()));
            List<String> unscored = c.ids().stream().filter(id -> !scored.contains(id)).toList();
            if (!unscored.isEmpty()) {
                problems.report(j.rubrics().get(0).annotation(), "no rubric scores for " + ids(unscored) + " (" + scored.size() + " of "
                        + c.ids().size() + " responses scored)", unfinished(set));
            }
        }
    }
}
