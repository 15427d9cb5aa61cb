package dev.vellum.modality.preference.quality;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Flag;
import dev.vellum.modality.preference.model.Response;
import org.osgi.service.component.annotations.Component;

/** A flag whose highlighted span reaches past the end of its response's text (in code points). */
@Component(service = ValidationRule.class)
public final class FlagSpan extends PreferenceRule {
    /** The rule id. */
    public static final String ID = "preference.flag-span";

    public FlagSpan() {
        super(Finding.Severity.ERROR);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "A flag's highlighted span reaches past the end of its response";
    }

    @Override
    void check(Context context, AnnotationSet set, Judgements j, Problems problems) {
        if (j.flags().isEmpty()) {
            return;
        }
        Comparison c = context.comparison();
        if (c == null) {
            return;
        }
        for (Of<Flag> f : j.flags()) {
            Response r = c.response(f.value().response());
            if (r == null || !f.value().hasSpan()) {
                continue;
            }
            int length = r.content().codePointCount(0, r.content().length());
            if (f.value().end() > length) {
                problems.report(f.annotation(), "flag '" + f.value().flag() + "' on '" + r.id() + "': the span " + f.value().start() + ".."
                        + f.value().end() + " reaches past the response's end (" + length + " characters)");
            }
        }
    }
}
