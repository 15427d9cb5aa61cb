package dev.vellum.core.spi;

import java.util.List;

/**
 * What an export did.
 *
 * @param itemsWritten items written
 * @param problems     what the format could not hold (left out, or written in a lossy form), one entry per item and
 *                     problem; never silently dropped
 */
public record ExportReport(int itemsWritten, List<Problem> problems) {
    public ExportReport {
        problems = List.copyOf(problems == null ? List.of() : problems);
    }

    /**
     * Something the exporter could not write as it is in the project.
     *
     * @param item    the item id (or another name of where, e.g. the project's label schema)
     * @param message what was left out or changed, and why
     */
    public record Problem(String item, String message) {
    }
}
