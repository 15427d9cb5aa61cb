package dev.vellum.store.folder.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One step of the forward migration chain: turns the Jackson trees of a project written in format
 * {@link #fromVersion()} into the trees format {@code fromVersion() + 1} would have written. Steps
 * change trees in place, never touch files, and carry fields they do not know along unchanged, so a
 * format-3 step can be added later without revisiting this one.
 */
interface FormatMigration {
    /** The format this step reads; it produces {@code fromVersion() + 1}. */
    int fromVersion();

    /**
     * Migrates the manifest ({@code vellum.json}).
     *
     * @throws FormatProblem when the old manifest does not have the old format's shape
     */
    void migrateManifest(ObjectNode manifest);

    /**
     * Migrates one item file.
     *
     * @throws FormatProblem when the old item does not have the old format's shape
     */
    void migrateItem(ObjectNode item);
}
