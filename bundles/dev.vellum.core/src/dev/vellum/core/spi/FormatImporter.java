package dev.vellum.core.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads annotations made by another tool into a project. A DS service. */
public interface FormatImporter {
    /** Stable lower-case id used on the command line, e.g. {@code coco}. */
    String id();

    /** Words for people, e.g. "COCO instances JSON". */
    String displayName();

    /**
     * Former ids this service still answers to, so that files and scripts written with them keep
     * working after a rename; empty by default.
     */
    default List<String> aliases() {
        return List.of();
    }

    /** The modality the imported items belong to. */
    String modalityId();

    /** How well this importer reads {@code file}; 0 when it cannot. */
    int accepts(Path file);

    /**
     * Imports {@code files} into {@code project}, saving each item as it goes.
     *
     * @param annotator the user the imported annotation sets belong to
     * @throws IOException    when a file cannot be read at all (names the file)
     * @throws StoreException when the project cannot be written
     */
    ImportReport importFiles(StoredProject project, List<Path> files, String annotator, Progress progress)
            throws IOException, StoreException;
}
