package dev.vellum.modality.preference;

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
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where an item's {@link Comparison} is kept, and the one way to read it. Two forms are stored:
 * <ul>
 * <li><b>inline</b> (what the importers write): the comparison's JSON tree in the asset's metadata
 * under {@value #METADATA_KEY}, the asset's URI {@value #INLINE_URI}. One item file per comparison
 * and nothing else, so an import of 100,000 pairs writes 100,000 files, not 200,000.</li>
 * <li><b>a file</b>: the asset's URI names a JSON file in the project (a project document such as
 * {@code media/chat-001.json}, or any path the store resolves, as in the sample project).</li>
 * </ul>
 * Editors, rules and exporters call {@link #load} and never look at the asset themselves.
 */
public final class Comparisons {
    /** The asset metadata key holding an inline comparison. */
    public static final String METADATA_KEY = "comparison";
    /** The URI of an inline comparison's asset: not a file, so media checks skip it. */
    public static final String INLINE_URI = "inline:comparison";

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

    /** An asset holding {@code comparison} inline (with the response count, as file-backed assets have it). */
    public static Asset inline(Comparison comparison) {
        return new Asset(INLINE_URI, PreferenceModality.ID, "", Map.of(METADATA_KEY, comparison.toJson(), "responses",
                comparison.responses().size()));
    }

    /** Whether the item keeps its comparison inline. */
    public static boolean isInline(Item item) {
        return asset(item).metadata().get(METADATA_KEY) instanceof Map<?, ?>;
    }

    /**
     * The item's comparison, inline or from its file.
     *
     * @throws StoreException naming the item (and the file) when there is none or it is not a comparison
     */
    @SuppressWarnings("unchecked")
    public static Comparison load(StoredProject project, Item item) throws StoreException {
        Asset asset = asset(item);
        if (asset.metadata().get(METADATA_KEY) instanceof Map<?, ?> tree) {
            try {
                return Comparison.fromJson((Map<String, Object>) tree);
            } catch (PayloadException e) {
                throw new StoreException("item " + item.id(), "its inline comparison is not valid: " + e.getMessage());
            }
        }
        String uri = asset.uri();
        // errors name the file when the comparison is one, else the asset's URI
        String where = uri;
        URI u = null;
        try {
            u = project.resolve(asset);
            if (u != null && "file".equals(u.getScheme())) {
                where = Path.of(u).toString();
            }
        } catch (RuntimeException notAFile) {
            u = null;
        }
        Optional<String> doc = Optional.empty();
        try {
            ProjectDocuments.requireValidPath(uri);
            doc = project.documents().read(uri);
        } catch (IllegalArgumentException notADocumentPath) {
            // a file outside the project's documents (media/chat/a.json): read it below
        }
        try {
            if (doc.isPresent()) {
                return Comparison.fromJson(JSON.readValue(doc.get(), Map.class));
            }
            if (u != null && "file".equals(u.getScheme()) && Files.isRegularFile(Path.of(u))) {
                return Comparison.fromJson(JSON.readValue(Path.of(u).toFile(), Map.class));
            }
        } catch (IOException e) {
            throw new StoreException(where, "not a comparison: " + e.getMessage(), e);
        } catch (PayloadException e) {
            throw new StoreException(where, "not a comparison: " + e.getMessage(), e);
        }
        throw new StoreException(where, "item " + item.id() + ": the comparison is missing");
    }
}
