/**
 * How the workbench chooses the editor for an item: each modality's UI bundle registers an
 * {@link dev.vellum.core.ui.editors.EditorProvider} naming its e4 part descriptor, and the
 * {@link dev.vellum.core.ui.editors.EditorRegistry} picks the best score.
 */
package dev.vellum.core.ui.editors;
