package dev.vellum.modality.text.quality;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.text.model.Segmentation;
import dev.vellum.modality.text.model.TextDocument;
import org.osgi.service.component.annotations.Component;

/**
 * A span that starts or ends inside a token: usually a selection made character by character that
 * missed a letter. Tokens are the document's stored ones or the project's tokenizer's; without a
 * readable document or stored tokens nothing is checked.
 */
@Component(service = ValidationRule.class)
public final class SpanInsideToken extends TextRule {
    /** The rule id. */
    public static final String ID = "text.span-inside-token";

    public SpanInsideToken() {
        super(ID, Finding.Severity.WARNING, "A span starts or ends inside a token");
    }

    @Override
    void check(ValidationContext context, Item item, AnnotationSet set, Document document, Problems problems) {
        Segmentation seg = null;
        TextDocument text = null;
        boolean looked = false;
        for (SpanOf s : spans(set)) {
            if (s.span().length() == 0) {
                continue;
            }
            if (!looked) {
                looked = true;
                seg = document.segmentation();
                text = document.get();
            }
            if (seg == null) {
                return;
            }
            int start = s.span().start(), end = s.span().end();
            if (text != null && end > text.length()) {
                continue; // text.span-text-mismatch reports spans past the end
            }
            int k = seg.tokenAt(start);
            if (k >= 0 && seg.tokenStart(k) != start) {
                problems.report(s.annotation(), describe(s.annotation(), s.span()) + " starts inside the token " + token(seg, text, k));
            }
            k = seg.tokenAt(end - 1);
            if (k >= 0 && seg.tokenEnd(k) != end) {
                problems.report(s.annotation(), describe(s.annotation(), s.span()) + " ends inside the token " + token(seg, text, k));
            }
        }
    }

    private static String token(Segmentation seg, TextDocument text, int k) {
        String range = seg.tokenStart(k) + ".." + seg.tokenEnd(k);
        return text == null ? range : quote(text.slice(seg.tokenStart(k), seg.tokenEnd(k))) + " (" + range + ")";
    }
}
