package dev.vellum.modality.text.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.TextModality;

/**
 * What every text importer shares: its identity, and an import that reads the files given, and
 * in the folders given every file with one of the format's extensions (a folder without any is
 * reported), into one {@link TextFormats.Sink} for the annotator.
 */
abstract class TextImporter implements FormatImporter {
    private final String id;
    private final String displayName;
    /** The format's name in messages and progress ({@code "CoNLL-U"}). */
    final String format;
    private final Set<String> extensions;
    private final String filesName;

    /**
     * @param extensions the lower-case extensions of the format's files looked for in folders
     * @param filesName  what those files are called in the message for a folder without any
     */
    TextImporter(String id, String format, String displayName, Set<String> extensions, String filesName) {
        this.id = id;
        this.format = format;
        this.displayName = displayName;
        this.extensions = extensions;
        this.filesName = filesName;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public String modalityId() {
        return TextModality.ID;
    }

    @Override
    public ImportReport importFiles(StoredProject project, List<Path> files, String annotator, Progress progress) throws IOException, StoreException {
        TextFormats.Sink sink = new TextFormats.Sink(project, annotator);
        List<TextFormats.Input> all = TextFormats.files(files, extensions, filesName, sink);
        progress.begin("Importing " + format, all.size());
        for (TextFormats.Input in : all) {
            if (progress.isCanceled()) {
                break;
            }
            read(sink, in.root(), in.file());
            progress.worked(1);
        }
        return sink.finish();
    }

    /**
     * Reads one file's documents into {@code sink}.
     *
     * @param root the folder given that holds the file, null when the file was given itself
     * @throws IOException naming the file when it cannot be read as the format
     */
    abstract void read(TextFormats.Sink sink, Path root, Path file) throws IOException, StoreException;
}
