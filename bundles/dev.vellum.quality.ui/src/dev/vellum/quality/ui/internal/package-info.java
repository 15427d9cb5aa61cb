/** What the quality views need from the workbench, and nothing exported to other bundles. */
package dev.vellum.quality.ui.internal;
