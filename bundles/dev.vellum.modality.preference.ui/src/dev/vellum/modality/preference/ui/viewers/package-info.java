/** Widgets of the preference editor: one comparison (context and responses) laid out to read and compare. */
package dev.vellum.modality.preference.ui.viewers;
