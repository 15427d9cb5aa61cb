/** The text modality: plain-text documents with entity spans (nested and overlapping) and relations. */
package dev.vellum.modality.text;
