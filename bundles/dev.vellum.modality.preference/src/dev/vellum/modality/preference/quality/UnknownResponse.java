package dev.vellum.modality.preference.quality;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Flag;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.Ranking;
import dev.vellum.modality.preference.model.Rubric;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * A judgement that names a response the item's comparison does not have: a pairwise choice of an
 * unknown id, a ranking with an unknown key, rubric scores or a flag of an unknown response (the
 * comparison was replaced, or a judgement was imported against another one). Also reports, once
 * per item, a comparison that exists but cannot be read; a missing file is core's
 * {@code store.missing-media}.
 */
@Component(service = ValidationRule.class)
public final class UnknownResponse extends PreferenceRule {
    /** The rule id. */
    public static final String ID = "preference.unknown-response";

    public UnknownResponse() {
        super(Finding.Severity.ERROR);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "A judgement names a response the comparison does not have";
    }

    @Override
    void check(Context context, AnnotationSet set, Judgements j, Problems problems) {
        Comparison c = context.comparison();
        if (c == null) {
            StoreException problem = context.comparisonProblem();
            if (problem != null && context.firstToReport() && context.validation().stored().checkMedia(context.item()).isEmpty()) {
                problems.report(null, problem.getMessage());
            }
            return;
        }
        for (Of<Pairwise> p : j.pairwise()) {
            String preferred = p.value().preferred();
            if (!Pairwise.TIE.equals(preferred) && !Pairwise.BOTH_BAD.equals(preferred) && c.response(preferred) == null) {
                problems.report(p.annotation(), "pairwise choice prefers '" + preferred + "', which is not a response of this comparison "
                        + known(c));
            }
        }
        for (Of<Ranking> r : j.rankings()) {
            List<String> unknown = r.value().ranks().keySet().stream().filter(id -> c.response(id) == null).toList();
            if (!unknown.isEmpty()) {
                problems.report(r.annotation(), "ranking ranks " + ids(unknown) + ", not " + (unknown.size() == 1 ? "a response" : "responses")
                        + " of this comparison " + known(c));
            }
        }
        for (Of<Rubric> r : j.rubrics()) {
            unknown(c, r.annotation(), "rubric scores", r.value().response(), problems);
        }
        for (Of<Flag> f : j.flags()) {
            unknown(c, f.annotation(), "flag '" + f.value().flag() + "'", f.value().response(), problems);
        }
    }

    private static void unknown(Comparison c, Annotation a, String what, String response, Problems problems) {
        if (c.response(response) == null) {
            problems.report(a, what + " of '" + response + "', which is not a response of this comparison " + known(c));
        }
    }

    private static String known(Comparison c) {
        return "(" + ids(c.ids()) + ")";
    }
}
