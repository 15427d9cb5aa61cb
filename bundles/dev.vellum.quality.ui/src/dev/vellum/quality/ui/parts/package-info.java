/** The quality views. */
package dev.vellum.quality.ui.parts;
