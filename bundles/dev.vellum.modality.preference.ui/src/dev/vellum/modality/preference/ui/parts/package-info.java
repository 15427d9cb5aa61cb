/** The preference editor part and the service that offers it for preference items. */
package dev.vellum.modality.preference.ui.parts;
