package dev.vellum.modality.text.ui.internal;

import dev.vellum.modality.text.model.Segmentation;

/**
 * Splits a text into tokens and sentences (code point ranges) for a document that brings no
 * segmentation of its own. The editor calls only this interface, so the project's configurable
 * tokenizer replaces {@link SimpleSegmenter} without touching the editor.
 */
public interface Segmenter {
    /** The tokens and sentences of {@code text}, as code point ranges. */
    Segmentation segment(String text);
}
