/** The widgets of the text editor: the annotated document view and the label palette. */
package dev.vellum.modality.text.ui.viewers;
