/**
 * How the folder store reads and writes its files: JSON codecs for the manifest and items, the
 * chain of format migrations, atomic file replacement and the summary cache. Not API.
 */
package dev.vellum.store.folder.internal;
