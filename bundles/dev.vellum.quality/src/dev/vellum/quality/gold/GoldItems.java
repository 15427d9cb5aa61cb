package dev.vellum.quality.gold;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.ProjectDocuments;
import dev.vellum.core.spi.StoreException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The project's gold items and their reference answers. A reference answer is an annotation set kept
 * apart from the item, in the project document {@code gold/<item id>}: the item file stays exactly as
 * any other, so nothing an annotator sees (the item, its sets, its summary in the explorer) tells a
 * gold item from another, and exports of the items never carry the answers.
 */
public final class GoldItems {
    /** The document folder. */
    public static final String FOLDER = "gold";
    /** The annotator name a reference set carries when it is compared with annotators' sets. */
    public static final String GOLD_ANNOTATOR = "gold";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProjectDocuments documents;

    /** @param documents the project's documents */
    public GoldItems(ProjectDocuments documents) {
        this.documents = Objects.requireNonNull(documents);
    }

    /** One gold item: its reference answer, who marked it and when. */
    public record Gold(String itemId, AnnotationSet reference, String markedBy, Instant marked) {
    }

    /** The ids of the gold items, sorted. */
    public List<String> itemIds() throws StoreException {
        return documents.list(FOLDER);
    }

    /** Whether the item is gold. */
    public boolean isGold(String itemId) throws StoreException {
        return documents.read(FOLDER + "/" + itemId).isPresent();
    }

    /**
     * The gold record of the item, if it is gold. Its reference set's annotator is {@link #GOLD_ANNOTATOR}.
     *
     * @throws StoreException naming the document when it cannot be read or parsed
     */
    public Optional<Gold> get(String itemId) throws StoreException {
        String path = FOLDER + "/" + itemId;
        Optional<String> text = documents.read(path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Map<String, Object> doc = JSON.readValue(text.get(), new TypeReference<Map<String, Object>>() { });
            return Optional.of(new Gold(itemId, readSet(doc), string(doc, "markedBy"), Instant.parse(string(doc, "marked"))));
        } catch (IOException | RuntimeException e) {
            throw new StoreException(path, "the gold reference cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Marks the item gold with {@code reference} as its answer (a copy of it is kept, under the
     * annotator {@link #GOLD_ANNOTATOR}), replacing an earlier answer.
     */
    public Gold mark(String itemId, AnnotationSet reference, String user) throws StoreException {
        Instant now = Instant.now();
        AnnotationSet copy = new AnnotationSet(GOLD_ANNOTATOR, AnnotationState.ACCEPTED, reference.guidelineVersion(),
                reference.created(), reference.modified(), reference.annotations());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("item", itemId);
        doc.put("markedBy", user);
        doc.put("marked", now.toString());
        doc.put("guidelineVersion", copy.guidelineVersion());
        List<Object> annotations = new ArrayList<>();
        for (Annotation a : copy.annotations()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("type", a.typeId());
            m.put("label", a.label());
            m.put("attributes", a.attributes());
            m.put("payloadVersion", a.payloadVersion());
            m.put("payload", a.payload());
            m.put("provenance", a.provenance().id());
            m.put("author", a.author());
            m.put("created", a.created().toString());
            m.put("modified", a.modified().toString());
            annotations.add(m);
        }
        try {
            documents.write(FOLDER + "/" + itemId, text(doc, annotations));
        } catch (IOException e) {
            throw new StoreException(FOLDER + "/" + itemId, "the gold reference cannot be written: " + e.getMessage(), e);
        }
        return new Gold(itemId, copy, user, now);
    }

    /** Makes the item an ordinary one again; returns whether it was gold. */
    public boolean unmark(String itemId) throws StoreException {
        return documents.delete(FOLDER + "/" + itemId);
    }

    /**
     * The document as text: the header fields one per line, then one annotation per line, as item
     * files are written, so a diff shows which annotation changed and a reference of thousands of
     * shapes stays compact to read back.
     */
    private static String text(Map<String, Object> header, List<Object> annotations) throws IOException {
        StringBuilder b = new StringBuilder("{\n");
        for (Map.Entry<String, Object> e : header.entrySet()) {
            b.append("  ").append(JSON.writeValueAsString(e.getKey())).append(": ").append(JSON.writeValueAsString(e.getValue()))
                    .append(",\n");
        }
        b.append("  \"annotations\": [");
        for (int i = 0; i < annotations.size(); i++) {
            b.append(i == 0 ? "\n    " : ",\n    ").append(JSON.writeValueAsString(annotations.get(i)));
        }
        return b.append(annotations.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    @SuppressWarnings("unchecked")
    private static AnnotationSet readSet(Map<String, Object> doc) {
        List<Annotation> annotations = new ArrayList<>();
        Object list = doc.get("annotations");
        if (!(list instanceof List<?> l)) {
            throw new IllegalArgumentException("no 'annotations' list");
        }
        for (Object o : l) {
            Map<String, Object> m = (Map<String, Object>) o;
            annotations.add(new Annotation(string(m, "id"), string(m, "type"), (String) m.get("label"),
                    (Map<String, Object>) m.get("attributes"), ((Number) m.getOrDefault("payloadVersion", 1)).intValue(),
                    (Map<String, Object>) m.get("payload"), Provenance.fromId(string(m, "provenance")), (String) m.get("author"),
                    Instant.parse(string(m, "created")), Instant.parse(string(m, "modified"))));
        }
        Instant marked = Instant.parse(string(doc, "marked"));
        return new AnnotationSet(GOLD_ANNOTATOR, AnnotationState.ACCEPTED, ((Number) doc.getOrDefault("guidelineVersion", 0)).intValue(),
                marked, marked, annotations);
    }

    private static String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("'" + key + "' is missing or not text");
        }
        return s;
    }
}
