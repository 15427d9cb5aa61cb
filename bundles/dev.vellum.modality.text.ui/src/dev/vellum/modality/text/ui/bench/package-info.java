/** The text editor's benchmark (a plain main, run by releng/scripts/bench-text-editor). */
package dev.vellum.modality.text.ui.bench;
