package dev.vellum.core.spi;

import dev.vellum.core.audit.AuditLog;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Project;
import java.net.URI;
import java.util.List;

/**
 * An open project in a store. Items load on demand; every save is atomic, so a crash at any moment
 * leaves each item either as it was or as it was saved. Not thread-safe: one writer at a time.
 */
public interface StoredProject extends AutoCloseable {
    /** The store's location string this project was opened from. */
    String location();

    /** The project: settings, schemas and item summaries (kept current by {@link #saveItem}). */
    Project project();

    /**
     * Loads an item in full.
     *
     * @throws StoreException naming the item's file and the problem
     */
    Item loadItem(String itemId) throws StoreException;

    /**
     * Loads several items in full, as {@link #loadItem} loads each, in the order of {@code itemIds}.
     * A store may read them in parallel (the folder store does), which is why large exports use it.
     *
     * @throws StoreException for the first item (in list order) that could not be loaded, naming its
     *                        file and the problem; the others that failed are attached as suppressed
     */
    default List<Item> loadItems(List<String> itemIds) throws StoreException {
        List<Item> out = new java.util.ArrayList<>(itemIds.size());
        for (String id : itemIds) {
            out.add(loadItem(id));
        }
        return out;
    }

    /**
     * Saves one item atomically and updates its summary; only this item's file is written. A store
     * refuses to overwrite what it has not seen: an item changed by someone else since it was read,
     * or stored data it could not read.
     *
     * @throws StoreException naming the file and why; the previously saved item is untouched
     */
    void saveItem(Item item) throws StoreException;

    /**
     * Saves several items, each as {@link #saveItem} would: each atomically, each refused or failing
     * on its own, so a failure leaves every other item of the batch saved and its summary current.
     * A store may write them in parallel (the folder store does), which is why large imports use it.
     * An item id must not appear twice in one batch.
     *
     * @throws StoreException for the first item (in list order) that was not saved, naming its file
     *                        and why; the others that failed are attached as suppressed exceptions
     */
    default void saveItems(List<Item> items) throws StoreException {
        StoreException first = null;
        for (Item item : items) {
            try {
                saveItem(item);
            } catch (StoreException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Saves the project's settings and schemas atomically.
     *
     * @throws StoreException naming the file; the previously saved settings are untouched
     */
    void saveProject() throws StoreException;

    /**
     * Deletes an item.
     *
     * @throws StoreException naming the file
     */
    void deleteItem(String itemId) throws StoreException;

    /**
     * Items the store could not read when it opened the project, one line each naming the file and
     * the problem. Those items are left out of {@link Project#items()}; nothing is repaired or
     * rewritten behind the user's back.
     */
    default List<String> problems() {
        return List.of();
    }

    /** The project's documents (guidelines, FAQ...), kept next to its items. */
    ProjectDocuments documents();

    /**
     * The project's audit trail. A store that keeps none returns {@link AuditLog#NONE}; the
     * embedded and team stores keep one.
     */
    default AuditLog audit() {
        return AuditLog.NONE;
    }

    /**
     * A folder for disposable data derived from the project's media (image pyramids, waveforms):
     * safe to delete, never committed or shared. By default a per-user folder keyed by the
     * project's location; a folder store keeps it inside the project.
     */
    default java.nio.file.Path cacheFolder() {
        String key = Integer.toHexString(location().hashCode());
        return java.nio.file.Path.of(System.getProperty("user.home"), ".cache", "vellum", key);
    }

    /** Where an asset's bytes are: relative paths resolve against the project. */
    URI resolve(Asset asset);

    /**
     * Problems with the media an item references (missing files), one line each naming the item
     * file and the media; empty when all are there or not checkable (remote URIs).
     */
    List<String> checkMedia(Item item);

    /** Releases what the store holds (locks, connections). */
    @Override
    void close() throws StoreException;
}
