/**
 * The embedded default project store: a project is a folder of pretty-printed JSON files (a
 * manifest, one file per item) that diff well in git, written atomically and read back fast through
 * a disposable summary cache. {@link dev.vellum.store.folder.FolderProjectStore} is the DS service;
 * the format is documented in {@code docs/project-format.md}.
 */
package dev.vellum.store.folder;
