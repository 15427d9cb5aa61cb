/**
 * Import and export of preference data: {@code hh-rlhf}, {@code trl}, {@code openai-dpo},
 * {@code sharegpt}, {@code oasst} and Vellum's own lossless {@code vellum-jsonl}. Importers store each
 * comparison inline in its item (see {@link dev.vellum.modality.preference.Comparisons}) and the
 * file's judgement as the importing annotator's {@code preference.pairwise} (pairs) or
 * {@code preference.ranking} (oasst) annotation, provenance {@code imported}.
 */
package dev.vellum.modality.preference.io;
