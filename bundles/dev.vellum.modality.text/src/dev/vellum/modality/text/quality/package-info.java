/**
 * The text modality's validation rules (DS services): spans starting or ending inside tokens,
 * same-label overlaps, relations to missing spans, span text that no longer matches the document,
 * and labels of the wrong kind (entity vs relation).
 */
package dev.vellum.modality.text.quality;
