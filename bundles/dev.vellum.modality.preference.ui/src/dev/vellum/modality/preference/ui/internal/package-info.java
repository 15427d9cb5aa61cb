/**
 * SWT-free pieces of the preference editor: the order in which comparisons are browsed. Payloads,
 * settings and the blind order are the model bundle's ({@code dev.vellum.modality.preference.model}).
 */
package dev.vellum.modality.preference.ui.internal;
