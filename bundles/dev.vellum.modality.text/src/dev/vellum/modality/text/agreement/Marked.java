package dev.vellum.modality.text.agreement;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.modality.text.model.PayloadException;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One annotator's spans and relations, payloads read (malformed ones are left out: the modality's
 * validation reports them). Spans are in document order: by start, longer first, then set order.
 */
final class Marked {
    /** A span annotation. */
    record MarkedSpan(String id, String label, Span span) {
    }

    /** A relation annotation. */
    record MarkedRelation(String id, String label, String from, String to) {
    }

    static final Comparator<MarkedSpan> DOCUMENT_ORDER = Comparator.comparingInt((MarkedSpan s) -> s.span().start())
            .thenComparing(Comparator.comparingInt((MarkedSpan s) -> s.span().end()).reversed());

    final List<MarkedSpan> spans = new ArrayList<>();
    final List<MarkedRelation> relations = new ArrayList<>();

    Marked(AnnotationSet set) {
        for (Annotation a : set.annotations()) {
            try {
                if (a.typeId().equals(Span.TYPE)) {
                    spans.add(new MarkedSpan(a.id(), a.label(), Span.fromPayload(a.payload())));
                } else if (a.typeId().equals(Relation.TYPE)) {
                    Relation r = Relation.fromPayload(a.payload());
                    relations.add(new MarkedRelation(a.id(), a.label(), r.from(), r.to()));
                }
            } catch (PayloadException e) {
                // left out, see the class comment
            }
        }
        spans.sort(DOCUMENT_ORDER);
    }

    static List<Marked> of(List<AnnotationSet> sets) {
        List<Marked> out = new ArrayList<>(sets.size());
        for (AnnotationSet s : sets) {
            out.add(new Marked(s));
        }
        return out;
    }

    /** Checks that no two sets belong to one annotator. */
    static void requireDistinct(Item item, List<AnnotationSet> sets) {
        Set<String> seen = new HashSet<>();
        for (AnnotationSet s : sets) {
            if (!seen.add(s.annotator())) {
                throw new IllegalArgumentException("item '" + item.id() + "': two annotation sets of " + s.annotator() + " to compare");
            }
        }
    }

    /**
     * The value of several labels one annotator gave one thing (stacked spans at one place): the
     * distinct labels sorted and joined with {@code +}, so that {@code LOC+ORG} is a category of its
     * own; usually a single label.
     */
    static String joined(Iterable<String> labels) {
        TreeSet<String> sorted = new TreeSet<>();
        labels.forEach(sorted::add);
        return String.join("+", sorted);
    }

    /** Reads a number from component properties, which Configuration Admin may give as strings. */
    static double number(Map<String, Object> properties, String key, double fallback) {
        Object v = properties == null ? null : properties.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("component property " + key + " must be a number, found '" + s + "'", e);
            }
        }
        return fallback;
    }

    /** Reads a flag from component properties. */
    static boolean flag(Map<String, Object> properties, String key, boolean fallback) {
        Object v = properties == null ? null : properties.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        return v instanceof String s && !s.isBlank() ? Boolean.parseBoolean(s.trim()) : fallback;
    }
}
