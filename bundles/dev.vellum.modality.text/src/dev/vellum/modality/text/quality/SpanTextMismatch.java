package dev.vellum.modality.text.quality;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.text.model.TextDocument;
import org.osgi.service.component.annotations.Component;

/**
 * A span whose payload {@code text} differs from the document's characters at its offsets, or that
 * reaches past the document's end: the document changed after it was annotated (or an importer
 * counted offsets in other units). Also reports, once per item, a document that exists but cannot
 * be read (not UTF-8, stored tokens that do not fit it); a missing file is core's
 * {@code store.missing-media}.
 */
@Component(service = ValidationRule.class)
public final class SpanTextMismatch extends TextRule {
    /** The rule id. */
    public static final String ID = "text.span-text-mismatch";

    public SpanTextMismatch() {
        super(ID, Finding.Severity.ERROR, "A span's text differs from the document's characters at its offsets");
    }

    @Override
    void check(ValidationContext context, Item item, AnnotationSet set, Document document, Problems problems) {
        var spans = spans(set);
        if (spans.isEmpty()) {
            return;
        }
        TextDocument text = document.get();
        if (text == null) {
            StoreException problem = document.problem();
            if (problem != null && document.firstToReportProblem() && context.stored().checkMedia(item).isEmpty()) {
                problems.report(null, problem.getMessage());
            }
            return;
        }
        for (SpanOf s : spans) {
            if (s.span().end() > text.length()) {
                problems.report(s.annotation(), describe(s.annotation(), s.span()) + " reaches past the document's end (" + text.length()
                        + " characters)");
                continue;
            }
            String actual = text.slice(s.span().start(), s.span().end());
            if (!actual.equals(s.span().text())) {
                problems.report(s.annotation(), describe(s.annotation(), s.span()) + " says " + quote(s.span().text())
                        + " but the document has " + quote(actual) + " there");
            }
        }
    }
}
