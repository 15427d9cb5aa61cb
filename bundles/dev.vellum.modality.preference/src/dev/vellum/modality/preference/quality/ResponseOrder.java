package dev.vellum.modality.preference.quality;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.Ranking;
import dev.vellum.modality.preference.model.Rubric;
import java.util.HashSet;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * A recorded display {@code order} that is not what the annotator can have seen: not a
 * permutation of the comparison's response ids. A pairwise choice on a comparison of more than
 * two responses may instead record the two it was between (and then must prefer one of those).
 * An empty order (not recorded, e.g. imported) is fine.
 */
@Component(service = ValidationRule.class)
public final class ResponseOrder extends PreferenceRule {
    /** The rule id. */
    public static final String ID = "preference.order";

    public ResponseOrder() {
        super(Finding.Severity.ERROR);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "A judgement's recorded display order is not a permutation of the comparison's responses";
    }

    @Override
    void check(Context context, AnnotationSet set, Judgements j, Problems problems) {
        Comparison c = context.comparison();
        if (c == null) {
            return;
        }
        List<String> ids = c.ids();
        for (Of<Pairwise> p : j.pairwise()) {
            List<String> order = p.value().order();
            if (order.isEmpty() || isPermutation(order, ids)) {
                continue;
            }
            if (ids.size() > 2 && order.size() == 2 && ids.containsAll(order)) {
                String preferred = p.value().preferred();
                if (!order.contains(preferred) && !Pairwise.TIE.equals(preferred) && !Pairwise.BOTH_BAD.equals(preferred)) {
                    problems.report(p.annotation(), "pairwise choice between " + ids(order) + " prefers '" + preferred + "', which is neither");
                }
                continue;
            }
            report(p.annotation(), "pairwise choice", order, ids, problems);
        }
        for (Of<Ranking> r : j.rankings()) {
            if (!r.value().order().isEmpty() && !isPermutation(r.value().order(), ids)) {
                report(r.annotation(), "ranking", r.value().order(), ids, problems);
            }
        }
        for (Of<Rubric> r : j.rubrics()) {
            if (!r.value().order().isEmpty() && !isPermutation(r.value().order(), ids)) {
                report(r.annotation(), "rubric scores", r.value().order(), ids, problems);
            }
        }
    }

    private static void report(Annotation a, String what, List<String> order, List<String> ids, Problems problems) {
        problems.report(a, what + ": the recorded order [" + ids(order) + "] is not an order of this comparison's responses [" + ids(ids) + "]");
    }

    static boolean isPermutation(List<String> order, List<String> ids) {
        return order.size() == ids.size() && new HashSet<>(order).equals(new HashSet<>(ids));
    }
}
