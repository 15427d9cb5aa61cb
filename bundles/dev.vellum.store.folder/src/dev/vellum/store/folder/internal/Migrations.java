package dev.vellum.store.folder.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The format versions this store reads, and the chain of steps that brings older files forward.
 * Migration happens in memory on reading; files are rewritten in the current format only when they
 * are saved.
 */
public final class Migrations {
    /** The format version this store writes. */
    public static final int CURRENT = 2;

    /** The oldest format version this store reads. */
    public static final int OLDEST = 1;

    /** Step i migrates format {@code OLDEST + i}; one class per step. */
    private static final List<FormatMigration> CHAIN = List.of(new MigrationV1ToV2());

    static {
        for (int i = 0; i < CHAIN.size(); i++) {
            if (CHAIN.get(i).fromVersion() != OLDEST + i) {
                throw new IllegalStateException("migration chain out of order at format " + (OLDEST + i));
            }
        }
        if (OLDEST + CHAIN.size() != CURRENT) {
            throw new IllegalStateException("migration chain does not reach format " + CURRENT);
        }
    }

    private Migrations() {
    }

    /**
     * Checks that a file's format version can be read.
     *
     * @throws FormatProblem naming the version when it is newer than {@link #CURRENT} or unknown
     */
    public static void checkReadable(int version, String field) {
        if (version > CURRENT) {
            throw new FormatProblem("written by a newer Vellum (format " + version + ", this one reads up to " + CURRENT + ")");
        }
        if (version < OLDEST) {
            throw new FormatProblem("\"" + field + "\": unknown format version " + version + " (this Vellum reads "
                    + OLDEST + " to " + CURRENT + ")");
        }
    }

    /** Brings a manifest of format {@code version} to {@link #CURRENT}, in place. */
    public static void migrateManifest(ObjectNode manifest, int version) {
        for (int v = version; v < CURRENT; v++) {
            CHAIN.get(v - OLDEST).migrateManifest(manifest);
        }
    }

    /** Brings an item of format {@code version} to {@link #CURRENT}, in place. */
    public static void migrateItem(ObjectNode item, int version) {
        for (int v = version; v < CURRENT; v++) {
            CHAIN.get(v - OLDEST).migrateItem(item);
        }
    }

    /**
     * Reads a version number from a tree field.
     *
     * @return {@code absent} when the field is missing or null
     * @throws FormatProblem when it is not a whole number
     */
    public static int versionOf(JsonNode node, String field, int absent) {
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new FormatProblem("\"" + field + "\" must be a whole number, found " + node);
        }
        return node.intValue();
    }
}
