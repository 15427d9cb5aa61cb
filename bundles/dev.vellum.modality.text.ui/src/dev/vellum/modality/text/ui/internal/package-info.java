/**
 * The text editor's model without SWT: the document with its tokens and sentences in UTF-16
 * indexes, the span figures with their interval index and nesting depths, and the segmenter used
 * when a document brings no tokenization of its own.
 */
package dev.vellum.modality.text.ui.internal;
