package dev.vellum.modality.preference.quality;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.preference.model.Flag;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.PreferenceSettings;
import dev.vellum.modality.preference.model.Rubric;
import dev.vellum.modality.preference.model.RubricDimension;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * A judgement the project's settings ({@link PreferenceSettings}) do not allow: a pairwise
 * strength outside the scale, a tie or "both bad" where they are switched off, a rubric score for
 * a dimension the rubric does not have or outside its scale, a flag the project does not list.
 * Malformed settings are reported here too, once per item. Which modes are enabled is not
 * checked: modes say what editors offer, and imported judgements of other kinds are kept.
 */
@Component(service = ValidationRule.class)
public final class NotAllowed extends PreferenceRule {
    /** The rule id. */
    public static final String ID = "preference.not-allowed";

    public NotAllowed() {
        super(Finding.Severity.ERROR);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "A judgement outside the project's preference settings (scale, rubric, flags)";
    }

    @Override
    void check(Context context, AnnotationSet set, Judgements j, Problems problems) {
        PreferenceSettings settings = context.settings();
        if (settings == null) {
            if (context.firstToReport()) {
                problems.report(null, context.settingsProblem().getMessage());
            }
            return;
        }
        for (Of<Pairwise> p : j.pairwise()) {
            String problem = settings.pairwise().problem(p.value());
            if (problem != null) {
                problems.report(p.annotation(), "pairwise choice: " + problem);
            }
        }
        for (Of<Rubric> r : j.rubrics()) {
            for (Map.Entry<String, Integer> e : r.value().scores().entrySet()) {
                RubricDimension d = settings.dimension(e.getKey());
                if (d == null) {
                    problems.report(r.annotation(), "rubric scores of '" + r.value().response() + "': '" + e.getKey()
                            + "' is not a dimension of this project's rubric");
                } else if (!d.accepts(e.getValue())) {
                    problems.report(r.annotation(), "rubric scores of '" + r.value().response() + "': " + d.id() + " " + e.getValue()
                            + " is outside " + d.min() + ".." + d.max());
                }
            }
        }
        for (Of<Flag> f : j.flags()) {
            if (settings.flag(f.value().flag()) == null) {
                problems.report(f.annotation(), "flag '" + f.value().flag() + "' is not one this project allows");
            }
        }
    }
}
