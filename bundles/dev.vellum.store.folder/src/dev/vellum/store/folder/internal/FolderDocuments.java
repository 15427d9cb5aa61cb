package dev.vellum.store.folder.internal;

import dev.vellum.core.spi.ProjectDocuments;
import dev.vellum.core.spi.StoreException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Project documents as UTF-8 files in sub-folders of the project folder ({@code guidelines/v3.md}),
 * each written atomically. The folders the store itself uses are refused.
 */
public final class FolderDocuments implements ProjectDocuments {
    private final Path dir;
    private final Set<String> reserved;

    /**
     * @param dir      the project folder
     * @param reserved first path segments that belong to the store (items, cache, audit)
     */
    public FolderDocuments(Path dir, Set<String> reserved) {
        this.dir = dir;
        this.reserved = Set.copyOf(reserved);
    }

    @Override
    public Optional<String> read(String path) throws StoreException {
        Path file = file(path);
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (CharacterCodingException e) {
            throw new StoreException(file.toString(), "is not UTF-8 text");
        } catch (IOException e) {
            throw new StoreException(file.toString(), JsonValues.describe(e), e);
        }
    }

    @Override
    public void write(String path, String text) throws StoreException {
        Path file = file(path);
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StoreException(file.toString(), "cannot be written: " + JsonValues.oneLine(e.toString()), e);
        }
    }

    @Override
    public List<String> list(String folder) throws StoreException {
        Path d = folder(folder);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> !AtomicFiles.isTemp(n))
                    .sorted().toList();
        } catch (IOException e) {
            throw new StoreException(d.toString(), "cannot be listed: " + JsonValues.oneLine(e.toString()), e);
        }
    }

    @Override
    public boolean delete(String path) throws StoreException {
        Path file = file(path);
        try {
            return AtomicFiles.delete(file);
        } catch (IOException e) {
            throw new StoreException(file.toString(), "cannot be deleted: " + JsonValues.oneLine(e.toString()), e);
        }
    }

    private Path file(String path) {
        ProjectDocuments.requireValidPath(path);
        folder(path.substring(0, path.indexOf('/')));
        return dir.resolve(path);
    }

    private Path folder(String folder) {
        if (reserved.contains(folder) || folder.startsWith(".") || folder.contains("/") || folder.isEmpty()) {
            throw new IllegalArgumentException("'" + folder + "' is not a folder for documents: " + reserved
                    + " belong to the store");
        }
        return dir.resolve(folder);
    }
}
