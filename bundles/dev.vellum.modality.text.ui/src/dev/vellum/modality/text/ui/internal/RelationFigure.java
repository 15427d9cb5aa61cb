package dev.vellum.modality.text.ui.internal;

import dev.vellum.core.model.Annotation;

/** A relation annotation with the two span figures it joins. */
public record RelationFigure(Annotation annotation, SpanFigure from, SpanFigure to) {
    public String id() {
        return annotation.id();
    }

    public String label() {
        return annotation.label();
    }
}
