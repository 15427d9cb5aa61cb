/**
 * Algorithms that agreement units of every modality share, free of any modality's geometry:
 * optimal one-to-one matching ({@link dev.vellum.core.agreement.Assignment}) of two annotators'
 * objects by a similarity the modality computes (IoU of boxes, overlap of text spans...).
 */
package dev.vellum.core.agreement;
