/**
 * The audit trail: events recording who changed what, when, under which guideline version, and the
 * hash chain that makes any later change to the record detectable.
 */
package dev.vellum.core.audit;
