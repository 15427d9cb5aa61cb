package dev.vellum.modality.text.ui.internal;

import dev.vellum.core.model.Annotation;
import dev.vellum.modality.text.model.PayloadException;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spans and relations of the annotation set shown, kept in step with the set: an update
 * re-reads only annotations that changed (annotations are immutable, so an unchanged one is the
 * same object) and rebuilds the {@link SpanLayer}. Also holds which labels are hidden.
 */
public final class SpanScene {
    private final TextDocument document;
    private Map<Annotation, SpanFigure> figures = new IdentityHashMap<>();
    private Map<String, SpanFigure> byId = new HashMap<>();
    private SpanLayer layer = new SpanLayer(List.of());
    private List<RelationFigure> relations = List.of();
    private Map<String, List<RelationFigure>> relationsOf = Map.of();
    private final Set<String> hidden = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    public SpanScene(TextDocument document) {
        this.document = document;
    }

    public TextDocument document() {
        return document;
    }

    /**
     * Brings the figures in step with these annotations (one set's, in its order). Returns the
     * UTF-16 range [from, to) that changed (spans added, removed or changed, and the spans their
     * changed relations join), or null when nothing did.
     */
    public int[] update(List<Annotation> annotations) {
        int[] dirty = {Integer.MAX_VALUE, Integer.MIN_VALUE};
        List<SpanFigure> added = new ArrayList<>();
        Map<Annotation, SpanFigure> next = new IdentityHashMap<>(annotations.size() * 2);
        Map<String, SpanFigure> nextById = new HashMap<>(annotations.size() * 2);
        List<Annotation> relationAnnotations = new ArrayList<>();
        problems.clear();
        int limit = document.toCodePoint(document.length());
        for (Annotation a : annotations) {
            if (Span.TYPE.equals(a.typeId())) {
                SpanFigure f = figures.get(a);
                if (f == null) {
                    try {
                        Span s = Span.fromPayload(a.payload());
                        if (s.end() > limit) {
                            problems.add(a.id() + ": span " + s.start() + ".." + s.end() + " ends after the text (" + limit + " characters)");
                            continue;
                        }
                        f = new SpanFigure(a, document.toUtf16(s.start()), document.toUtf16(s.end()));
                        added.add(f);
                        widen(dirty, f);
                    } catch (PayloadException e) {
                        problems.add(a.id() + ": " + e.getMessage());
                        continue;
                    }
                }
                next.put(a, f);
                nextById.put(a.id(), f);
            } else if (Relation.TYPE.equals(a.typeId())) {
                relationAnnotations.add(a);
            }
        }
        List<RelationFigure> rels = new ArrayList<>();
        Map<String, List<RelationFigure>> of = new HashMap<>();
        for (Annotation a : relationAnnotations) {
            try {
                Relation r = Relation.fromPayload(a.payload());
                SpanFigure from = nextById.get(r.from()), to = nextById.get(r.to());
                if (from == null || to == null) {
                    problems.add(a.id() + ": relation to a missing span '" + (from == null ? r.from() : r.to()) + "'");
                    continue;
                }
                RelationFigure rf = new RelationFigure(a, from, to);
                rels.add(rf);
                of.computeIfAbsent(from.id(), k -> new ArrayList<>()).add(rf);
                if (!to.id().equals(from.id())) {
                    of.computeIfAbsent(to.id(), k -> new ArrayList<>()).add(rf);
                }
            } catch (PayloadException e) {
                problems.add(a.id() + ": " + e.getMessage());
            }
        }
        // the layer is rebuilt by merging the old order (without what went) with the new spans: no full sort
        List<SpanFigure> kept = new ArrayList<>(next.size());
        for (int i = 0; i < layer.size(); i++) {
            SpanFigure f = layer.get(i);
            if (next.get(f.annotation()) == f) {
                kept.add(f);
            } else {
                widen(dirty, f);
            }
        }
        added.sort(SpanLayer.ORDER);
        List<SpanFigure> merged = new ArrayList<>(kept.size() + added.size());
        int i = 0, j = 0;
        while (i < kept.size() || j < added.size()) {
            if (j >= added.size() || (i < kept.size() && SpanLayer.ORDER.compare(kept.get(i), added.get(j)) <= 0)) {
                merged.add(kept.get(i++));
            } else {
                merged.add(added.get(j++));
            }
        }
        Set<Annotation> oldRelations = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        relations.forEach(r -> oldRelations.add(r.annotation()));
        Set<Annotation> newRelations = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (RelationFigure r : rels) {
            newRelations.add(r.annotation());
            if (!oldRelations.contains(r.annotation())) {
                widen(dirty, r.from());
                widen(dirty, r.to());
            }
        }
        for (RelationFigure r : relations) {
            if (!newRelations.contains(r.annotation())) {
                widen(dirty, r.from());
                widen(dirty, r.to());
            }
        }
        figures = next;
        byId = nextById;
        layer = new SpanLayer(merged, true);
        relations = List.copyOf(rels);
        relationsOf = of;
        return dirty[0] <= dirty[1] ? dirty : null;
    }

    private static void widen(int[] range, SpanFigure f) {
        range[0] = Math.min(range[0], f.start());
        range[1] = Math.max(range[1], f.end());
    }

    public SpanLayer layer() {
        return layer;
    }

    public SpanFigure span(String annotationId) {
        return byId.get(annotationId);
    }

    public List<RelationFigure> relations() {
        return relations;
    }

    public RelationFigure relation(String annotationId) {
        for (RelationFigure r : relations) {
            if (r.id().equals(annotationId)) {
                return r;
            }
        }
        return null;
    }

    /** The relations from or to a span. */
    public List<RelationFigure> relationsOf(SpanFigure span) {
        return relationsOf.getOrDefault(span.id(), List.of());
    }

    /** Annotations that could not be shown, in words (bad payloads, spans past the end). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public void setHidden(String label, boolean hide) {
        if (hide) {
            hidden.add(label);
        } else {
            hidden.remove(label);
        }
    }

    public boolean isHidden(String label) {
        return hidden.contains(label);
    }

    public boolean isVisible(SpanFigure f) {
        return !hidden.contains(f.label());
    }

    public boolean isVisible(RelationFigure r) {
        return !hidden.contains(r.label()) && isVisible(r.from()) && isVisible(r.to());
    }

    /** The innermost visible span containing {@code offset} (the shortest), or null. */
    public SpanFigure innermostAt(int offset) {
        SpanFigure best = null;
        for (SpanFigure f : layer.at(offset)) {
            if (isVisible(f) && (best == null || f.end() - f.start() <= best.end() - best.start())) {
                best = f;
            }
        }
        return best;
    }

    /** The visible span after (direction 1) or before (-1) {@code current} in document order, wrapping; null when none is visible. */
    public SpanFigure cycle(SpanFigure current, int direction, int caret) {
        int n = layer.size();
        if (n == 0) {
            return null;
        }
        int i;
        if (current != null && layer.indexOf(current) >= 0) {
            i = layer.indexOf(current) + direction;
        } else {
            i = direction > 0 ? layer.firstStartingAtOrAfter(caret) : layer.firstStartingAtOrAfter(caret) - 1;
        }
        for (int k = 0; k < n; k++) {
            SpanFigure f = layer.get(Math.floorMod(i + k * direction, n));
            if (isVisible(f)) {
                return f;
            }
        }
        return null;
    }

    /** The first sentence after the one containing {@code offset} that has no visible span, wrapping; -1 when every sentence has one. */
    public int nextSentenceWithoutSpans(int offset) {
        int count = document.sentenceCount();
        int here = Math.min(document.sentenceAt(offset), count - 1);
        for (int k = 1; k <= count; k++) {
            int s = Math.floorMod(here + k, count);
            boolean[] any = {false};
            layer.overlapping(document.sentenceStart(s), document.sentenceEnd(s), f -> any[0] |= isVisible(f));
            if (!any[0]) {
                return s;
            }
        }
        return -1;
    }
}
