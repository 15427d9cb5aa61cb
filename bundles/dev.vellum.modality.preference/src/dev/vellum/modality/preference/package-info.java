/** The preference modality: pairwise choices, rankings and rubric scores of LLM responses. */
package dev.vellum.modality.preference;
