/** The image editor's benchmark, run by {@code releng/scripts/bench-editor}. */
package dev.vellum.modality.image.ui.bench;
