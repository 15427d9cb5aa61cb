package dev.vellum.core.spi;

/**
 * Where projects live: a folder of JSON files, a database... A DS service; the first store whose
 * {@link #accepts(String)} is highest opens a location.
 */
public interface ProjectStore {
    /** Stable id, e.g. {@code folder}. */
    String id();

    /** How well this store handles {@code location} (a folder path, a JDBC URL...); 0 when it cannot. */
    int accepts(String location);

    /**
     * Creates an empty project at {@code location}.
     *
     * @throws StoreException when the location exists and is not empty, or cannot be written
     */
    StoredProject create(String location, String projectId, String name) throws StoreException;

    /**
     * Opens the project at {@code location}: its manifest and the summaries of its items.
     *
     * @throws StoreException naming the file and the problem when the project cannot be read
     */
    StoredProject open(String location) throws StoreException;
}
