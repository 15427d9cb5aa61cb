/**
 * Undoable edits of items. Every change a user makes is an {@link dev.vellum.core.edit.EditCommand}
 * executed through a session, so undo, redo, change events and saving of only changed items come
 * for free to every modality.
 */
package dev.vellum.core.edit;
