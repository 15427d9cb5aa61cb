/**
 * An open project as the workbench and the CLI use it: items loaded on demand, edits with undo and
 * redo, change events, and saving of only the items that changed.
 */
package dev.vellum.core.session;
