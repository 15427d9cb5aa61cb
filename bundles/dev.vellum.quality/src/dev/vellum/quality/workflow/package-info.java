/**
 * The review workflow every modality shares: per-project quality settings, the annotators', reviewers'
 * and auditors' queues (overlap, gold insertion, audit sampling), review decisions with reasons and
 * pinned comments, and the blind rule for seeing other annotators' sets.
 */
package dev.vellum.quality.workflow;
