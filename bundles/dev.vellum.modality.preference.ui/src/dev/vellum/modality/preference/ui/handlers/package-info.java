/** Commands of the preference editor's context menu. */
package dev.vellum.modality.preference.ui.handlers;
