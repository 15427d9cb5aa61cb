/**
 * Small SWT helpers shared by the workbench and the modality editors, so that states and labels
 * look the same in every view.
 */
package dev.vellum.core.ui.widgets;
