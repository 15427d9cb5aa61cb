/** Handlers of the text editor's context menu. */
package dev.vellum.modality.text.ui.handlers;
