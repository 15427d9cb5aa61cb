/** The editor's model without SWT: viewport, figures, the spatial index, and the geometry of edits. */
package dev.vellum.modality.image.ui.internal;
