/**
 * Validation as a project sees it: the rules the installed modalities and core provide, plus the
 * project's own rules (required attributes, label combinations, label distribution), kept as JSON
 * documents that a guideline author edits and that are frozen with each published guideline version.
 */
package dev.vellum.quality.rules;
