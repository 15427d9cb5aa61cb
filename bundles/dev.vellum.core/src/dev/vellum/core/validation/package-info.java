/**
 * The validation engine: runs every installed {@link dev.vellum.core.spi.ValidationRule} over a
 * project's items, plus the rules every project has (label schema and media checks).
 */
package dev.vellum.core.validation;
