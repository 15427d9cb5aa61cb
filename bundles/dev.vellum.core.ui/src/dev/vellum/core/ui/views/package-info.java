/** Helpers the workbench's views share: following the open project. */
package dev.vellum.core.ui.views;
