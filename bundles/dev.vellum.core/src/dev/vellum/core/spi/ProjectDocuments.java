package dev.vellum.core.spi;

import java.util.List;
import java.util.Optional;

/**
 * Project-wide documents that are not items: guideline versions, FAQ entries, acknowledgements.
 * A path is {@code <folder>/<name>}, each of letters, digits, {@code .}, {@code _} and {@code -}
 * (not starting with a dot), such as {@code guidelines/v3.md}; the folder names the concern that
 * owns the document. Every write is atomic: a reader sees the old text or the new one, never a mix.
 */
public interface ProjectDocuments {
    /**
     * The document's text, or empty when there is none.
     *
     * @throws StoreException naming the file when it exists but cannot be read
     */
    Optional<String> read(String path) throws StoreException;

    /**
     * Creates or replaces a document atomically.
     *
     * @throws StoreException naming the file; the previous text is untouched
     */
    void write(String path, String text) throws StoreException;

    /**
     * Names (without the folder) of the documents directly in {@code folder}, sorted; empty when
     * the folder does not exist.
     *
     * @throws StoreException naming the folder when it cannot be listed
     */
    List<String> list(String folder) throws StoreException;

    /**
     * Deletes a document.
     *
     * @return whether it existed
     * @throws StoreException naming the file
     */
    boolean delete(String path) throws StoreException;

    /** Documents held in memory, for projects that are never saved (tests, previews). */
    static ProjectDocuments inMemory() {
        java.util.Map<String, String> docs = new java.util.TreeMap<>();
        return new ProjectDocuments() {
            @Override
            public synchronized Optional<String> read(String path) {
                return Optional.ofNullable(docs.get(requireValidPath(path)));
            }

            @Override
            public synchronized void write(String path, String text) {
                docs.put(requireValidPath(path), java.util.Objects.requireNonNull(text));
            }

            @Override
            public synchronized List<String> list(String folder) {
                String prefix = folder + "/";
                return docs.keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length())).toList();
            }

            @Override
            public synchronized boolean delete(String path) {
                return docs.remove(requireValidPath(path)) != null;
            }
        };
    }

    /**
     * Checks a document path, so every store accepts and rejects the same ones.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static String requireValidPath(String path) {
        if (path == null || !path.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("'" + path + "' is not a document path (<folder>/<name> of letters, digits, '.', '_' and '-')");
        }
        return path;
    }
}
