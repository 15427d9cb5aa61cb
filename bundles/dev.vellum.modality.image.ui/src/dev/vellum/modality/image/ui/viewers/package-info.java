/** The image canvas (tiles, figures, tools) and the label palette beside it. */
package dev.vellum.modality.image.ui.viewers;
