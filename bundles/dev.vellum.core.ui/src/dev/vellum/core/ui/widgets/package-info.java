/**
 * SWT widgets shared by the workbench, the guidelines views and the modality editors, so that
 * states, labels and Markdown look the same in every view.
 */
package dev.vellum.core.ui.widgets;
