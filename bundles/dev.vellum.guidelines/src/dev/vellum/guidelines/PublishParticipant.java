package dev.vellum.guidelines;

import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;

/**
 * Told when a guideline version is about to be published, so that what is versioned with the
 * guidelines (the project's validation rules) is frozen under the same number. A DS service; the
 * workbench and the CLI hand the installed ones to {@link Guidelines#Guidelines(StoredProject, java.util.Collection)}.
 */
public interface PublishParticipant {
    /**
     * Called by {@link Guidelines#publish} after everything that can fail on bad input was read and
     * before the version is committed: throwing here stops the publish with nothing of the version
     * written, so the message must name the document at fault and the problem.
     *
     * @param project the project being published
     * @param number  the number the new version will have
     * @throws StoreException when what must be frozen cannot be read or written
     */
    void publishing(StoredProject project, int number) throws StoreException;
}
