package dev.vellum.modality.text.quality;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.text.TextDocuments;
import dev.vellum.modality.text.TextModality;
import dev.vellum.modality.text.model.PayloadException;
import dev.vellum.modality.text.model.Segmentation;
import dev.vellum.modality.text.model.Span;
import dev.vellum.modality.text.model.TextDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the text rules share. They report per annotation, like core's
 * {@link dev.vellum.core.spi.AnnotationRule}, but look at one annotation set at a time: a rule
 * needs the set's spans together (overlaps, relation ends) or the item's document, and reading a
 * 1 MB document or indexing 20,000 spans once per annotation would make validation quadratic.
 * They apply to text items and skip annotations whose payload does not read (the modality's
 * payload check reports those).
 */
abstract class TextRule implements ValidationRule {
    private final String id;
    private final Finding.Severity severity;
    private final String description;

    TextRule(String id, Finding.Severity severity, String description) {
        this.id = id;
        this.severity = severity;
        this.description = description;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public boolean accepts(String modalityId) {
        return TextModality.ID.equals(modalityId);
    }

    @Override
    public final void check(ValidationContext context, Item item, Consumer<Finding> findings) {
        Document document = new Document(context, item);
        for (AnnotationSet set : item.sets()) {
            check(context, item, set, document, (annotation, message) -> findings.accept(
                    new Finding(id(), severity, item.id(), annotation == null ? "" : set.annotator(), annotation == null ? "" : annotation.id(),
                            message)));
        }
    }

    /** Reports what is wrong in one set: each problem with the annotation it is about (null for the item). */
    abstract void check(ValidationContext context, Item item, AnnotationSet set, Document document, Problems problems);

    /** Where a rule reports. */
    interface Problems {
        void report(Annotation annotation, String message);
    }

    /** A span annotation with its payload read. */
    record SpanOf(Annotation annotation, Span span) {
    }

    /** The set's readable spans, in set order. */
    static List<SpanOf> spans(AnnotationSet set) {
        List<SpanOf> out = new ArrayList<>();
        for (Annotation a : set.annotations()) {
            if (a.typeId().equals(Span.TYPE)) {
                try {
                    out.add(new SpanOf(a, Span.fromPayload(a.payload())));
                } catch (PayloadException e) {
                    // the payload rule reports it
                }
            }
        }
        return out;
    }

    /** How a span names itself in messages: {@code span 'LOC' 40..48}. */
    static String describe(Annotation a, Span s) {
        return "span '" + a.label() + "' " + s.start() + ".." + s.end();
    }

    /** Text quoted in a message, shortened past 40 characters. */
    static String quote(String s) {
        return "'" + (s.codePointCount(0, s.length()) > 40 ? s.substring(0, s.offsetByCodePoints(0, 39)) + "…" : s) + "'";
    }

    /** The item's document, read once per item and only when a rule asks. */
    static final class Document {
        private final ValidationContext context;
        private final Item item;
        private TextDocument document;
        private StoreException problem;
        private boolean read;
        private boolean problemReported;

        Document(ValidationContext context, Item item) {
            this.context = context;
            this.item = item;
        }

        /** The document, or null when there is no store to read it from or it cannot be read ({@link #problem()}). */
        TextDocument get() {
            if (!read) {
                read = true;
                if (context != null && context.stored() != null) {
                    try {
                        document = TextDocuments.load(context.stored(), item);
                    } catch (StoreException e) {
                        problem = e;
                    }
                }
            }
            return document;
        }

        /** Why {@link #get()} is null when the document could not be read, else null. */
        StoreException problem() {
            get();
            return problem;
        }

        /** True the first time it is called: for reporting an unreadable document once per item. */
        boolean firstToReportProblem() {
            boolean first = !problemReported;
            problemReported = true;
            return first;
        }

        /** The tokens: the document's, or, without a readable document, those stored with the asset; null when neither. */
        Segmentation segmentation() {
            TextDocument d = get();
            if (d != null) {
                return d.segmentation();
            }
            try {
                return Segmentation.fromAsset(TextDocuments.textAsset(item));
            } catch (PayloadException e) {
                return null;
            }
        }
    }
}
