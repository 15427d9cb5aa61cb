/** Handlers of the image editor's commands. */
package dev.vellum.modality.image.ui.handlers;
