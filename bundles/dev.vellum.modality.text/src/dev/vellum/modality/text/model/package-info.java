/**
 * Text annotation payloads: {@link dev.vellum.modality.text.model.Span} (code point offsets) and
 * {@link dev.vellum.modality.text.model.Relation}, and {@link dev.vellum.modality.text.model.CodePoints}
 * to convert offsets to and from UTF-16 indexes.
 */
package dev.vellum.modality.text.model;
