package dev.vellum.modality.preference.quality;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.PreferenceSettings;
import dev.vellum.modality.preference.model.Ranking;
import dev.vellum.modality.preference.model.Rationale;
import dev.vellum.modality.preference.model.RationalePolicy;
import org.osgi.service.component.annotations.Component;

/**
 * A pairwise choice or ranking without the rationale the project's settings require
 * ({@link RationalePolicy}: for ties and "both bad", or always). A warning while the set is in
 * progress, an error once it was submitted.
 */
@Component(service = ValidationRule.class)
public final class MissingRationale extends PreferenceRule {
    /** The rule id. */
    public static final String ID = "preference.rationale-missing";

    public MissingRationale() {
        super(Finding.Severity.ERROR);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "A judgement lacks the rationale the project requires";
    }

    @Override
    void check(Context context, AnnotationSet set, Judgements j, Problems problems) {
        PreferenceSettings settings = context.settings();
        if (settings == null || settings.rationale() == RationalePolicy.NEVER) {
            return;
        }
        RationalePolicy policy = settings.rationale();
        for (Of<Pairwise> p : j.pairwise()) {
            if (policy.requires(p.value()) && !Rationale.isGiven(p.annotation())) {
                String what = switch (p.value().preferred()) {
                    case Pairwise.TIE -> "a tie";
                    case Pairwise.BOTH_BAD -> "'both bad'";
                    default -> "a pairwise choice";
                };
                problems.report(p.annotation(), what + " needs a rationale in this project (rationale: " + policy.id() + ")", unfinished(set));
            }
        }
        for (Of<Ranking> r : j.rankings()) {
            if (policy.requires(r.value()) && !Rationale.isGiven(r.annotation())) {
                problems.report(r.annotation(), (r.value().hasTies() ? "a ranking with ties" : "a ranking") + " needs a rationale in this project (rationale: "
                        + policy.id() + ")", unfinished(set));
            }
        }
    }
}
