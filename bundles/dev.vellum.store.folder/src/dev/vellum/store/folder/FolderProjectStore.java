package dev.vellum.store.folder;

import dev.vellum.core.spi.ProjectStore;
import dev.vellum.core.spi.StoreException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * The embedded default store: a project is a folder of JSON files on the local file system. Accepts
 * folder paths and {@code file:} URIs; leaves database URLs and other schemes to other stores.
 * Stateless; {@code new FolderProjectStore()} works outside OSGi.
 */
@Component(service = ProjectStore.class)
public final class FolderProjectStore implements ProjectStore {
    /** This store's id. */
    public static final String ID = "folder";

    /** A URL scheme of two or more characters, so that Windows drive letters ({@code C:\}) stay paths. */
    private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]+:.*");

    /** A store; it holds no state, so one instance serves every project. */
    public FolderProjectStore() {
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * 100 for a Vellum project folder (or its {@code vellum.json}), 10 for another folder or a path
     * that does not exist yet (where {@link #create} can make a project), 0 for anything else: other
     * URL schemes, regular files, strings that are not paths.
     */
    @Override
    public int accepts(String location) {
        Path p = toPath(location);
        if (p == null) {
            return 0;
        }
        if (Files.isDirectory(p)) {
            return Files.isRegularFile(p.resolve(FolderProject.MANIFEST)) ? 100 : 10;
        }
        if (isManifest(p)) {
            return 100;
        }
        return Files.exists(p) ? 0 : 10;
    }

    /**
     * Creates a project in a folder that is empty or does not exist yet: writes the manifest and
     * makes {@code items/}.
     *
     * @throws StoreException naming the folder when it is not empty or not writable, or the id is invalid
     */
    @Override
    public FolderProject create(String location, String projectId, String name) throws StoreException {
        return FolderProject.create(folderOf(location), location, projectId, name);
    }

    /**
     * Opens the project folder at {@code location} (or the folder of a {@code vellum.json} given
     * directly), migrating an older format in memory.
     *
     * @throws StoreException naming the file when the manifest is missing, invalid, or of a newer format;
     *                        unreadable item files do not fail opening, see {@link FolderProject#problems()}
     */
    @Override
    public FolderProject open(String location) throws StoreException {
        Path p = folderOf(location);
        return FolderProject.open(isManifest(p) ? p.toAbsolutePath().getParent() : p, location);
    }

    private static Path folderOf(String location) throws StoreException {
        Path p = toPath(location);
        if (p == null) {
            throw new StoreException(String.valueOf(location), "not a folder path or file: URI");
        }
        return p;
    }

    private static boolean isManifest(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().equals(FolderProject.MANIFEST) && Files.isRegularFile(p);
    }

    /** The path a location names, or null when it names no local path. */
    static Path toPath(String location) {
        if (location == null || location.isBlank()) {
            return null;
        }
        String s = location.strip();
        if (SCHEME.matcher(s).matches()) {
            if (!s.regionMatches(true, 0, "file:", 0, 5)) {
                return null;
            }
            try {
                return Path.of(URI.create(s));
            } catch (IllegalArgumentException | FileSystemNotFoundException e) {
                return null;
            }
        }
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
