package dev.vellum.modality.preference;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.ProjectDocuments;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.PayloadException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a preference item's {@link Comparison}: the item's JSON asset, found as a file through
 * {@link StoredProject#resolve(Asset)} or else as a project document of the asset's path (stores
 * that keep documents elsewhere than in files), so rules, agreement and editors need no store API
 * of their own.
 */
public final class Comparisons {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Comparisons() {
    }

    /** The item's comparison asset: the first asset of the preference modality, else the first asset. */
    public static Asset asset(Item item) {
        for (Asset a : item.assets()) {
            if (PreferenceModality.ID.equals(a.modalityId())) {
                return a;
            }
        }
        return item.assets().get(0);
    }

    /**
     * The item's comparison.
     *
     * @throws StoreException naming the file or URI when it is missing, unreadable, not JSON or not
     *                        a comparison
     */
    public static Comparison load(StoredProject stored, Item item) throws StoreException {
        Asset asset = asset(item);
        URI uri = stored.resolve(asset);
        if ("file".equals(uri.getScheme())) {
            Path file = Path.of(uri);
            try {
                return parse(Files.readString(file), file.toString());
            } catch (NoSuchFileException e) {
                throw new StoreException(file.toString(), "comparison file is missing");
            } catch (IOException e) {
                throw new StoreException(file.toString(), "comparison file cannot be read: " + e.getMessage(), e);
            }
        }
        if (asset.isRelative()) {
            try {
                Optional<String> text = stored.documents().read(ProjectDocuments.requireValidPath(asset.uri()));
                if (text.isPresent()) {
                    return parse(text.get(), asset.uri());
                }
            } catch (IllegalArgumentException e) {
                // not a document path either: fall through to the error below
            }
        }
        throw new StoreException(asset.uri(), "comparison cannot be read from " + uri + " (only files and project documents are)");
    }

    /**
     * Parses a comparison's JSON text.
     *
     * @param location the file or document, named in the error
     * @throws StoreException naming {@code location} when the text is not JSON or not a comparison
     */
    @SuppressWarnings("unchecked")
    public static Comparison parse(String text, String location) throws StoreException {
        try {
            Object tree = JSON.readValue(text, Object.class);
            if (!(tree instanceof Map<?, ?> m)) {
                throw new StoreException(location, "not a comparison: a JSON object with 'prompt' and 'responses' is expected");
            }
            return Comparison.fromJson((Map<String, Object>) m);
        } catch (JacksonException e) {
            throw new StoreException(location, "not a comparison: " + e.getOriginalMessage(), e);
        } catch (PayloadException e) {
            throw new StoreException(location, "not a comparison: " + e.getMessage(), e);
        }
    }
}
