package dev.vellum.core.spi;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A validation rule that looks at one annotation at a time: each message it reports becomes a
 * finding of its severity on that annotation. The base of core's own rules and of modalities'.
 */
public abstract class AnnotationRule implements ValidationRule {
    private final Finding.Severity severity;

    /** @param severity of every finding this rule reports */
    protected AnnotationRule(Finding.Severity severity) {
        this.severity = Objects.requireNonNull(severity);
    }

    /** Reports what is wrong with {@code annotation} (of {@code set}, on {@code item}), one message each, to {@code problems}. */
    protected abstract void check(ValidationContext context, Item item, AnnotationSet set, Annotation annotation,
            Consumer<String> problems);

    @Override
    public final void check(ValidationContext context, Item item, Consumer<Finding> findings) {
        for (AnnotationSet set : item.sets()) {
            for (Annotation a : set.annotations()) {
                check(context, item, set, a, m -> findings.accept(new Finding(id(), severity, item.id(), set.annotator(), a.id(), m)));
            }
        }
    }
}
