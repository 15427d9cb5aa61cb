package dev.vellum.modality.preference.quality;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.preference.agreement.ChoiceUnits;
import dev.vellum.modality.preference.model.Flag;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.Ranking;
import dev.vellum.modality.preference.model.Rubric;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * One annotator judging the same thing twice in one set: two rankings, two pairwise choices
 * between the same responses, two rubric scorings of one response, the same flag on the same span
 * twice. Agreement counts the first and lists the others in the same unit; this rule says which
 * to delete.
 */
@Component(service = ValidationRule.class)
public final class DuplicateJudgement extends PreferenceRule {
    /** The rule id. */
    public static final String ID = "preference.duplicate";

    public DuplicateJudgement() {
        super(Finding.Severity.ERROR);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "The same judgement twice in one annotation set";
    }

    @Override
    void check(Context context, AnnotationSet set, Judgements j, Problems problems) {
        Map<String, String> first = new HashMap<>();
        List<String> responses = j.pairwise().isEmpty() || context.comparison() == null ? null : context.comparison().ids();
        for (Of<Pairwise> p : j.pairwise()) {
            // the same pair as agreement sees it; without one, a choice is about the whole comparison
            List<String> pair = ChoiceUnits.pair(p.value(), responses);
            duplicate(first, "pairwise " + pair, p.annotation().id(), "a second pairwise choice" + (pair.isEmpty() ? "" : " between " + ids(pair)), p,
                    problems);
        }
        for (Of<Ranking> r : j.rankings()) {
            duplicate(first, "ranking", r.annotation().id(), "a second ranking", r, problems);
        }
        for (Of<Rubric> r : j.rubrics()) {
            duplicate(first, "rubric " + r.value().response(), r.annotation().id(), "second rubric scores of '" + r.value().response() + "'", r,
                    problems);
        }
        for (Of<Flag> f : j.flags()) {
            Flag v = f.value();
            duplicate(first, "flag " + v.response() + " " + v.flag() + " " + v.start() + " " + v.end(), f.annotation().id(),
                    "the flag '" + v.flag() + "' on '" + v.response() + "'" + (v.hasSpan() ? " at " + v.start() + ".." + v.end() : "") + " again", f,
                    problems);
        }
    }

    private static void duplicate(Map<String, String> first, String key, String id, String what, Of<?> of, Problems problems) {
        String earlier = first.putIfAbsent(key, id);
        if (earlier != null) {
            problems.report(of.annotation(), what + " (the first is " + earlier + ")");
        }
    }
}
