/**
 * Synthetic projects for measuring the folder store: {@link dev.vellum.store.folder.bench.ProjectGenerator}
 * writes N items of M annotations directly as files, for {@code vellum cli bench generate}.
 */
package dev.vellum.store.folder.bench;
