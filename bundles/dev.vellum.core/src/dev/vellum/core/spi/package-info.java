/**
 * The service interfaces plugins implement and register as OSGi Declarative Services components:
 * modalities, format importers and exporters, validation rules, agreement units and project stores. Every service
 * has a stable id and an {@code accepts} score or the modality it serves; none returns UI objects.
 */
package dev.vellum.core.spi;
