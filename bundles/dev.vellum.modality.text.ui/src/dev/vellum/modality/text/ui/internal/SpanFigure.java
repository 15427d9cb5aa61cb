package dev.vellum.modality.text.ui.internal;

import dev.vellum.core.model.Annotation;

/**
 * A span annotation as the editor draws it: its UTF-16 range in the document and its nesting depth
 * (0 for the outermost; the underline row it is drawn on).
 */
public final class SpanFigure {
    private final Annotation annotation;
    private final int start;
    private final int end;
    int level;

    public SpanFigure(Annotation annotation, int start, int end) {
        this.annotation = annotation;
        this.start = start;
        this.end = end;
    }

    public Annotation annotation() {
        return annotation;
    }

    public String id() {
        return annotation.id();
    }

    public String label() {
        return annotation.label();
    }

    /** First UTF-16 index. */
    public int start() {
        return start;
    }

    /** UTF-16 index after the last character. */
    public int end() {
        return end;
    }

    /** Nesting depth: 0 outermost. */
    public int level() {
        return level;
    }

    public boolean contains(int offset) {
        return start <= offset && offset < end;
    }

    @Override
    public String toString() {
        return label() + "[" + start + "," + end + ")";
    }
}
