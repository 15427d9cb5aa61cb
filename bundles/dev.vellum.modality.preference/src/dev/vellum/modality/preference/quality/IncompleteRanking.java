package dev.vellum.modality.preference.quality;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Ranking;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * A ranking that leaves responses of the comparison unranked: a warning while the set is in
 * progress, an error once it was submitted.
 */
@Component(service = ValidationRule.class)
public final class IncompleteRanking extends PreferenceRule {
    /** The rule id. */
    public static final String ID = "preference.incomplete-ranking";

    public IncompleteRanking() {
        super(Finding.Severity.ERROR);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "A ranking does not rank every response";
    }

    @Override
    void check(Context context, AnnotationSet set, Judgements j, Problems problems) {
        if (j.rankings().isEmpty()) {
            return;
        }
        Comparison c = context.comparison();
        if (c == null) {
            return;
        }
        for (Of<Ranking> r : j.rankings()) {
            List<String> missing = r.value().unranked(c.ids());
            if (!missing.isEmpty()) {
                problems.report(r.annotation(), "ranking leaves " + ids(missing) + " unranked (" + r.value().ranks().size() + " of "
                        + c.ids().size() + " responses ranked)", unfinished(set));
            }
        }
    }
}
