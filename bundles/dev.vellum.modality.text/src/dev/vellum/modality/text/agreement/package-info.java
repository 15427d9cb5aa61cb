/**
 * The text modality's agreement units (the core SPI {@link dev.vellum.core.spi.AgreementUnits}):
 * spans matched exactly, spans matched by overlap with optimal assignment, relations over either
 * matching, and token-level labels for kappa.
 */
package dev.vellum.modality.text.agreement;
