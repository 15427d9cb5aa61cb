/** The preference editor's benchmark (a plain main, run by releng/scripts/bench-preference-editor). */
package dev.vellum.modality.preference.ui.bench;
