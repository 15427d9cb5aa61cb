package dev.vellum.core.spi;

import java.util.Objects;

/**
 * A store could not read or write a project. The message is one line naming the file (or table)
 * and the problem, fit to show users as it is.
 */
public class StoreException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String location;

    /**
     * @param location the file or record at fault, e.g. {@code /data/p/items/a.json}
     * @param problem  what is wrong with it
     */
    public StoreException(String location, String problem) {
        super(location + ": " + problem);
        this.location = Objects.requireNonNull(location);
    }

    /** As {@link #StoreException(String, String)}, keeping the cause for logs. */
    public StoreException(String location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
        this.location = Objects.requireNonNull(location);
    }

    /** The file or record at fault. */
    public String location() {
        return location;
    }
}
