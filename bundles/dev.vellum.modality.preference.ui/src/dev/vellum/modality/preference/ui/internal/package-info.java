/**
 * SWT-free pieces of the preference editor: project settings read defensively, the blind order of
 * responses, the judgement payloads, and the order in which comparisons are browsed.
 */
package dev.vellum.modality.preference.ui.internal;
