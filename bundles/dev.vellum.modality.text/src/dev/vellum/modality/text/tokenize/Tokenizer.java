package dev.vellum.modality.text.tokenize;

import dev.vellum.modality.text.model.Segmentation;

/**
 * Splits a text into tokens and sentences. Offsets are Unicode code points, like every text
 * payload's. A tokenizer is stateless and may be used from several threads. The project chooses
 * one through {@link Tokenizers#forProject}; a document imported with its own tokens keeps those
 * (see {@link Segmentation#fromAsset}).
 */
public interface Tokenizer {
    /**
     * The tokens and sentences of {@code text}: tokens never overlap and never contain a whitespace
     * character at their ends; each sentence starts at a token's start and ends at a token's end.
     */
    Segmentation segment(String text);
}
