/**
 * Agreement units of preference judgements (DS services): pairwise choices and signed strengths,
 * ranks of responses (with Kendall's tau-b and W in {@link dev.vellum.modality.preference.agreement.RankCorrelation}),
 * rubric scores per response and dimension, flags.
 */
package dev.vellum.modality.preference.agreement;
