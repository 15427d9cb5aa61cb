/**
 * Versioned annotation guidelines and the living FAQ, for every modality: one editable draft and
 * immutable numbered versions, diffs between any two, acknowledgements, the items annotated under an
 * older version, and FAQ entries raised from items, decided, and promoted into the guidelines. No
 * SWT: the workbench and the CLI both use this.
 */
package dev.vellum.guidelines;
