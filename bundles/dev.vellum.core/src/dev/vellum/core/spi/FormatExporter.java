package dev.vellum.core.spi;

import java.util.List;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a project's annotations in another tool's format. A DS service. */
public interface FormatExporter {
    /** Stable lower-case id, e.g. {@code coco}. */
    String id();

    /** Words for people. */
    String displayName();

    /**
     * Former ids this service still answers to, so that files and scripts written with them keep
     * working after a rename; empty by default.
     */
    default List<String> aliases() {
        return List.of();
    }

    /** The modality whose items it exports. */
    String modalityId();

    /**
     * What to export.
     *
     * @param annotator    only this annotator's sets, or null for each item's best set
     * @param acceptedOnly only sets accepted (or audited) in review
     */
    record Options(String annotator, boolean acceptedOnly) {
    }

    /**
     * Exports to {@code out} (a file or folder, as the format needs), atomically.
     *
     * @return the number of items written
     * @throws IOException    naming the file that could not be written
     * @throws StoreException when an item cannot be read
     */
    int export(StoredProject project, Options options, Path out, Progress progress) throws IOException, StoreException;

    /**
     * Exports like {@link #export} and also says what the format could not hold (shapes left out or
     * written in a lossy form). Exporters whose format can lose something override it; the default
     * reports nothing, for formats that hold everything.
     *
     * @return the items written and the problems, per item
     * @throws IOException    naming the file that could not be written
     * @throws StoreException when an item cannot be read
     */
    default ExportReport exportWithReport(StoredProject project, Options options, Path out, Progress progress) throws IOException, StoreException {
        return new ExportReport(export(project, options, out, progress), List.of());
    }
}
