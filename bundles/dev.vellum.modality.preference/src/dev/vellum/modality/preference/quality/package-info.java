/**
 * Validation rules for preference judgements (DS services): responses the comparison does not
 * have, display orders that are not permutations, incomplete rankings and rubrics, missing
 * rationales, judgements outside the project's settings, flag spans past a response's end,
 * duplicate judgements.
 */
package dev.vellum.modality.preference.quality;
