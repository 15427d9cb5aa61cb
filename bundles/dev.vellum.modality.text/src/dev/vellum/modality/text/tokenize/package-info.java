/**
 * Tokenizers: {@link dev.vellum.modality.text.tokenize.Tokenizer} and the built-in ones
 * (default white space and punctuation, white space only, characters), chosen per project by
 * {@link dev.vellum.modality.text.tokenize.Tokenizers}. Offsets are code points.
 */
package dev.vellum.modality.text.tokenize;
