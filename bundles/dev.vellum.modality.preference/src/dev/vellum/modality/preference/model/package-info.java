/** Comparisons (prompt and candidate responses) and the payloads of preference judgements. */
package dev.vellum.modality.preference.model;
