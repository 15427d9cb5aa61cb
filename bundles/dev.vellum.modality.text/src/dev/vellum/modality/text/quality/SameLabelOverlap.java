package dev.vellum.modality.text.quality;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.ValidationRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Two spans of one set with the same label that share characters (duplicates included): nesting
 * and overlap are allowed between different labels, but a LOC inside a LOC is almost always a
 * double click. Each span that overlaps an earlier one (in document order) is reported once,
 * naming the earlier span; found by one sweep per label, so 20,000 spans cost little.
 */
@Component(service = ValidationRule.class)
public final class SameLabelOverlap extends TextRule {
    /** The rule id. */
    public static final String ID = "text.same-label-overlap";

    private static final Comparator<SpanOf> ORDER = Comparator.comparingInt((SpanOf s) -> s.span().start())
            .thenComparing(Comparator.comparingInt((SpanOf s) -> s.span().end()).reversed());

    public SameLabelOverlap() {
        super(ID, Finding.Severity.WARNING, "Two spans with the same label overlap");
    }

    @Override
    void check(ValidationContext context, Item item, AnnotationSet set, Document document, Problems problems) {
        Map<String, List<SpanOf>> byLabel = new LinkedHashMap<>();
        for (SpanOf s : spans(set)) {
            if (s.span().length() > 0) {
                byLabel.computeIfAbsent(s.annotation().label(), l -> new ArrayList<>()).add(s);
            }
        }
        for (List<SpanOf> spans : byLabel.values()) {
            spans.sort(ORDER);
            SpanOf reaching = null; // the earlier span that reaches furthest
            for (SpanOf s : spans) {
                if (reaching != null && s.span().start() < reaching.span().end()) {
                    problems.report(s.annotation(), describe(s.annotation(), s.span()) + " overlaps "
                            + describe(reaching.annotation(), reaching.span()) + " (" + reaching.annotation().id() + ")");
                }
                if (reaching == null || s.span().end() > reaching.span().end()) {
                    reaching = s;
                }
            }
        }
    }
}
