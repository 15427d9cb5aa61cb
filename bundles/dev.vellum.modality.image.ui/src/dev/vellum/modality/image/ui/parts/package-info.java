/** The image editor part and the provider that offers it for image items. */
package dev.vellum.modality.image.ui.parts;
