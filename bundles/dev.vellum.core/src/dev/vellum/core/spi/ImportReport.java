package dev.vellum.core.spi;

import java.util.List;

/**
 * What an import did.
 *
 * @param itemsAdded       items created
 * @param annotationsAdded annotations created
 * @param problems         what could not be mapped, one entry per file and problem; never silently dropped
 */
public record ImportReport(int itemsAdded, int annotationsAdded, List<Problem> problems) {
    public ImportReport {
        problems = List.copyOf(problems == null ? List.of() : problems);
    }

    /**
     * Something the importer could not map.
     *
     * @param file    the input file
     * @param message what was skipped and why
     */
    public record Problem(String file, String message) {
    }
}
