/** The text editor part and the provider that offers it for text items. */
package dev.vellum.modality.text.ui.parts;
