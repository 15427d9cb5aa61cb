package dev.vellum.store.folder.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Provenance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes item files ({@code items/<id>.json}). Reading streams the current format straight
 * into the model (fast, with line numbers in messages); files of an older format are read as Jackson
 * trees, migrated, and then streamed from the tree through the same code.
 */
public final class ItemCodec {
    private static final Set<String> ITEM_FIELDS = Set.of("formatVersion", "id", "dataset", "assets", "metadata", "assignees",
            "annotationSets");
    private static final Set<String> ASSET_FIELDS = Set.of("uri", "modality", "contentHash", "metadata");
    private static final Set<String> SET_FIELDS = Set.of("annotator", "state", "guidelineVersion", "created", "modified",
            "annotations");
    private static final Set<String> ANNOTATION_FIELDS = Set.of("id", "type", "label", "attributes", "payloadVersion", "payload",
            "provenance", "author", "created", "modified");
    private static final String STATES = Arrays.stream(AnnotationState.values()).map(AnnotationState::id)
            .collect(Collectors.joining(", "));
    private static final String PROVENANCES = Arrays.stream(Provenance.values()).map(Provenance::id)
            .collect(Collectors.joining(", "));

    /** An item as read, with the fields this version did not know. */
    public record Decoded(Item item, ItemExtras extras) {
    }

    /** Thrown inside the fast path when the file is of another format: the slow path takes over. */
    private static final class OtherFormat extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OtherFormat() {
            super(null, null, false, false);
        }
    }

    private ItemCodec() {
    }

    /**
     * Decodes an item file in any readable format.
     *
     * @throws IOException   when the bytes are not JSON (truncated, invalid); see {@link JsonValues#describe}
     * @throws FormatProblem when the JSON is not a valid item of a readable format
     */
    public static Decoded decode(byte[] bytes) throws IOException {
        return decode(bytes, false);
    }

    /**
     * Reads an item file for its summary only: checks it exactly as {@link #decode(byte[])} does
     * (the same problems are found), but skips building payloads, attributes and metadata, which a
     * summary does not need. Opening a project without a summary cache reads every file this way.
     *
     * @throws IOException   when the bytes are not JSON
     * @throws FormatProblem when the JSON is not a valid item of a readable format
     */
    public static Item decodeForSummary(byte[] bytes) throws IOException {
        return decode(bytes, true).item();
    }

    private static Decoded decode(byte[] bytes, boolean summaryOnly) throws IOException {
        FormatProblem fastProblem = null;
        Reader fast = null;
        try (JsonParser p = JsonValues.FILES.createParser(bytes)) {
            fast = new Reader(p, summaryOnly);
            Decoded d = fast.readDocument();
            if (fast.version == Migrations.CURRENT) {
                return d;
            }
        } catch (FormatProblem e) {
            if (fast != null && fast.version == Migrations.CURRENT) {
                throw e;
            }
            fastProblem = e;
        } catch (OtherFormat e) {
            // an explicit older version: read it as a tree below
        }
        JsonNode root = JsonValues.readTree(bytes);
        if (root == null) {
            throw new FormatProblem("the file is empty");
        }
        if (!root.isObject()) {
            throw new FormatProblem("an item file holds one JSON object, found " + JsonValues.describe(root));
        }
        int version = Migrations.versionOf(root.get("formatVersion"), "formatVersion", 1);
        Migrations.checkReadable(version, "formatVersion");
        if (version == Migrations.CURRENT) {
            throw fastProblem != null ? fastProblem : new FormatProblem("not a valid item file");
        }
        Migrations.migrateItem((ObjectNode) root, version);
        try (JsonParser tp = JsonValues.TREES.treeAsTokens(root)) {
            return new Reader(tp, summaryOnly).readDocument();
        } catch (FormatProblem e) {
            throw new FormatProblem("(read as format " + version + ") " + e.getMessage());
        }
    }

    /**
     * Encodes an item in the current format, pretty-printed with a stable key order and one line per
     * annotation, with the unknown
     * fields it was read with written back in place.
     *
     * @param extras unknown fields to keep, or null
     * @throws FormatProblem when a value is not JSON-shaped
     */
    public static byte[] encode(Item item, ItemExtras extras) throws IOException {
        ItemExtras x = extras == null ? new ItemExtras() : extras;
        InstantText times = new InstantText();
        int annotations = 0;
        for (AnnotationSet s : item.sets()) {
            annotations += s.annotations().size();
        }
        // sized for the usual line per annotation, so that large items are not copied while they grow
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096 + annotations * 400);
        try (JsonGenerator g = JsonValues.prettyGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("formatVersion", Migrations.CURRENT);
            g.writeStringField("id", item.id());
            g.writeStringField("dataset", item.dataset());
            g.writeArrayFieldStart("assets");
            for (int i = 0; i < item.assets().size(); i++) {
                Asset a = item.assets().get(i);
                g.writeStartObject();
                g.writeStringField("uri", a.uri());
                g.writeStringField("modality", a.modalityId());
                g.writeStringField("contentHash", a.contentHash());
                tree(g, "metadata", a.metadata(), "assets[" + i + "]");
                extras(g, x.asset(a.uri()), ASSET_FIELDS, "assets[" + i + "]");
                g.writeEndObject();
            }
            g.writeEndArray();
            tree(g, "metadata", item.metadata(), "");
            g.writeFieldName("assignees");
            JsonValues.writeStrings(g, item.assignees());
            g.writeArrayFieldStart("annotationSets");
            int si = 0;
            for (AnnotationSet s : item.sets()) {
                String setPath = "annotationSets[" + si++ + "]";
                g.writeStartObject();
                g.writeStringField("annotator", s.annotator());
                g.writeStringField("state", s.state().id());
                g.writeNumberField("guidelineVersion", s.guidelineVersion());
                g.writeStringField("created", s.created().toString());
                g.writeStringField("modified", s.modified().toString());
                g.writeArrayFieldStart("annotations");
                int ai = 0;
                for (Annotation a : s.annotations()) {
                    String path = setPath + ".annotations[" + ai++ + "]";
                    if (g.getPrettyPrinter() instanceof StablePrettyPrinter pp) {
                        pp.flatNextObject();
                    }
                    g.writeStartObject();
                    g.writeStringField("id", a.id());
                    g.writeStringField("type", a.typeId());
                    g.writeStringField("label", a.label());
                    tree(g, "attributes", a.attributes(), path);
                    g.writeNumberField("payloadVersion", a.payloadVersion());
                    tree(g, "payload", a.payload(), path);
                    g.writeStringField("provenance", a.provenance().id());
                    g.writeStringField("author", a.author());
                    g.writeStringField("created", times.text(a.created()));
                    g.writeStringField("modified", times.text(a.modified()));
                    extras(g, x.annotation(s.annotator(), a.id()), ANNOTATION_FIELDS, path);
                    g.writeEndObject();
                }
                g.writeEndArray();
                extras(g, x.set(s.annotator()), SET_FIELDS, setPath);
                g.writeEndObject();
            }
            g.writeEndArray();
            extras(g, x.item(), ITEM_FIELDS, "");
            g.writeEndObject();
            g.writeRaw('\n');
        }
        return out.toByteArray();
    }

    /**
     * Instant.toString with the last answer kept: the annotations of one import or one edit session
     * share their times, and formatting an Instant is a visible part of writing large items.
     */
    private static final class InstantText {
        private Instant last;
        private String text;

        String text(Instant t) {
            if (!t.equals(last)) {
                last = t;
                text = t.toString();
            }
            return text;
        }
    }

    private static void tree(JsonGenerator g, String field, Map<String, Object> value, String path) throws IOException {
        g.writeFieldName(field);
        try {
            JsonValues.writeValue(g, value);
        } catch (FormatProblem e) {
            throw new FormatProblem(Fields.child(path, field) + ": " + e.getMessage());
        }
    }

    private static void extras(JsonGenerator g, Map<String, Object> fields, Set<String> known, String path) throws IOException {
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            // A field the model now knows must not be written twice: the model's value wins.
            if (!known.contains(e.getKey())) {
                g.writeFieldName(e.getKey());
                try {
                    JsonValues.writeValue(g, e.getValue());
                } catch (FormatProblem p) {
                    throw new FormatProblem(Fields.child(path, e.getKey()) + ": " + p.getMessage());
                }
            }
        }
    }

    /** Streaming reader of one item document in the current format. */
    private static final class Reader {
        private final JsonParser p;
        /** Skip what a summary does not need (payloads, attributes, metadata, unknown fields), checking only its shape. */
        private final boolean summaryOnly;
        private final ItemExtras extras = new ItemExtras();
        /** The format the document declares; 0 until its "formatVersion" is read (absent means 1). */
        int version;

        Reader(JsonParser p, boolean summaryOnly) {
            this.p = p;
            this.summaryOnly = summaryOnly;
        }

        private Map<String, Object> object(String path) throws IOException {
            return summaryOnly ? Fields.skipObject(p, path) : Fields.object(p, path);
        }

        private Object unknown() throws IOException {
            if (summaryOnly) {
                p.skipChildren();
                return null;
            }
            return JsonValues.readValue(p);
        }

        Decoded readDocument() throws IOException {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new FormatProblem("the file is empty");
            }
            if (t != JsonToken.START_OBJECT) {
                throw FormatProblem.at(p, "", "an item file holds one JSON object, found " + Fields.describe(t));
            }
            Item item = readItem();
            if (p.nextToken() != null) {
                throw FormatProblem.at(p, "", "unexpected content after the item's closing brace");
            }
            return new Decoded(item, extras);
        }

        private Item readItem() throws IOException {
            JsonLocation start = p.currentTokenLocation();
            String id = null;
            String dataset = null;
            List<Asset> assets = null;
            Map<String, Object> metadata = Map.of();
            List<String> assignees = List.of();
            List<AnnotationSet> sets = new ArrayList<>();
            Map<String, Integer> annotators = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                switch (f) {
                    case "formatVersion" -> {
                        version = Fields.integer(p, f, 1);
                        if (version != Migrations.CURRENT) {
                            throw new OtherFormat();
                        }
                    }
                    case "id" -> id = Fields.string(p, f);
                    case "dataset" -> dataset = Fields.string(p, f);
                    case "assets" -> {
                        assets = new ArrayList<>();
                        if (Fields.startArray(p, f)) {
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                assets.add(readAsset("assets[" + assets.size() + "]"));
                            }
                        }
                    }
                    case "metadata" -> metadata = object(f);
                    case "assignees" -> assignees = Fields.strings(p, f);
                    case "annotationSets" -> {
                        if (Fields.startArray(p, f)) {
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                String path = "annotationSets[" + sets.size() + "]";
                                JsonLocation at = p.currentTokenLocation();
                                AnnotationSet s = readSet(path);
                                Integer before = annotators.putIfAbsent(s.annotator(), sets.size());
                                if (before != null) {
                                    throw FormatProblem.at(at, path, "a second annotation set of '" + s.annotator()
                                            + "' (the first is annotationSets[" + before + "])");
                                }
                                sets.add(s);
                            }
                        }
                    }
                    default -> {
                        Object v = unknown();
                        if (!summaryOnly) {
                            extras.putItem(f, v);
                        }
                    }
                }
            }
            if (id == null) {
                throw Fields.missing(start, "", "id");
            }
            if (assets == null) {
                throw Fields.missing(start, "", "assets");
            }
            try {
                return new Item(id, dataset, assets, metadata, assignees, sets);
            } catch (IllegalArgumentException e) {
                throw FormatProblem.at(start, "", e.getMessage());
            }
        }

        private Asset readAsset(String path) throws IOException {
            JsonLocation start = p.currentTokenLocation();
            if (!Fields.startObject(p, path)) {
                throw FormatProblem.at(p, path, "expected an object, found null");
            }
            String uri = null;
            String modality = null;
            String hash = null;
            Map<String, Object> metadata = Map.of();
            Map<String, Object> unknown = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                switch (f) {
                    case "uri" -> uri = Fields.string(p, Fields.child(path, f));
                    case "modality" -> modality = Fields.string(p, Fields.child(path, f));
                    case "contentHash" -> hash = Fields.string(p, Fields.child(path, f));
                    case "metadata" -> metadata = object(Fields.child(path, f));
                    default -> unknown.put(f, unknown());
                }
            }
            if (uri == null || uri.isEmpty()) {
                throw Fields.missing(start, path, "uri");
            }
            if (modality == null || modality.isEmpty()) {
                throw Fields.missing(start, path, "modality");
            }
            extras.putAsset(uri, unknown);
            return new Asset(uri, modality, hash, metadata);
        }

        private AnnotationSet readSet(String path) throws IOException {
            JsonLocation start = p.currentTokenLocation();
            if (!Fields.startObject(p, path)) {
                throw FormatProblem.at(p, path, "expected an object, found null");
            }
            String annotator = null;
            AnnotationState state = null;
            int guidelineVersion = 0;
            Instant created = null;
            Instant modified = null;
            List<Annotation> annotations = new ArrayList<>();
            Map<String, Object> unknown = new LinkedHashMap<>();
            Map<String, Map<String, Object>> annotationExtras = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                String fp = Fields.child(path, f);
                switch (f) {
                    case "annotator" -> annotator = Fields.string(p, fp);
                    case "state" -> {
                        String s = Fields.string(p, fp);
                        if (s != null) {
                            try {
                                state = AnnotationState.fromId(s);
                            } catch (IllegalArgumentException e) {
                                throw FormatProblem.at(p, fp, "unknown annotation state '" + s + "' (known: " + STATES + ")");
                            }
                        }
                    }
                    case "guidelineVersion" -> guidelineVersion = Fields.integer(p, fp, 0);
                    case "created" -> created = Fields.instant(p, fp);
                    case "modified" -> modified = Fields.instant(p, fp);
                    case "annotations" -> {
                        if (Fields.startArray(p, fp)) {
                            Map<String, Integer> ids = new HashMap<>();
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                String ap = fp + "[" + annotations.size() + "]";
                                JsonLocation at = p.currentTokenLocation();
                                Map<String, Object> aUnknown = new LinkedHashMap<>();
                                Annotation a = readAnnotation(ap, aUnknown);
                                Integer before = ids.putIfAbsent(a.id(), annotations.size());
                                if (before != null) {
                                    throw FormatProblem.at(at, ap, "annotation id '" + a.id() + "' appears twice in this set (also "
                                            + fp + "[" + before + "])");
                                }
                                if (!aUnknown.isEmpty()) {
                                    annotationExtras.put(a.id(), aUnknown);
                                }
                                annotations.add(a);
                            }
                        }
                    }
                    default -> unknown.put(f, unknown());
                }
            }
            if (annotator == null) {
                throw Fields.missing(start, path, "annotator");
            }
            if (state == null) {
                throw Fields.missing(start, path, "state");
            }
            if (created == null) {
                throw Fields.missing(start, path, "created");
            }
            extras.putSet(annotator, unknown);
            extras.putAnnotations(annotator, annotationExtras);
            try {
                return new AnnotationSet(annotator, state, guidelineVersion, created, modified, annotations);
            } catch (IllegalArgumentException e) {
                throw FormatProblem.at(start, path, e.getMessage());
            }
        }

        private Annotation readAnnotation(String path, Map<String, Object> unknown) throws IOException {
            JsonLocation start = p.currentTokenLocation();
            if (!Fields.startObject(p, path)) {
                throw FormatProblem.at(p, path, "expected an object, found null");
            }
            String id = null;
            String type = null;
            String label = null;
            Map<String, Object> attributes = Map.of();
            int payloadVersion = 1;
            Map<String, Object> payload = Map.of();
            Provenance provenance = null;
            String author = null;
            Instant created = null;
            Instant modified = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                switch (f) {
                    case "id" -> id = Fields.string(p, Fields.child(path, f));
                    case "type" -> type = Fields.string(p, Fields.child(path, f));
                    case "label" -> label = Fields.string(p, Fields.child(path, f));
                    case "attributes" -> attributes = object(Fields.child(path, f));
                    case "payloadVersion" -> payloadVersion = Fields.integer(p, Fields.child(path, f), 1);
                    case "payload" -> payload = object(Fields.child(path, f));
                    case "provenance" -> {
                        String s = Fields.string(p, Fields.child(path, f));
                        if (s != null) {
                            try {
                                provenance = Provenance.fromId(s);
                            } catch (IllegalArgumentException e) {
                                throw FormatProblem.at(p, Fields.child(path, f), "unknown provenance '" + s + "' (known: "
                                        + PROVENANCES + ")");
                            }
                        }
                    }
                    case "author" -> author = Fields.string(p, Fields.child(path, f));
                    case "created" -> created = Fields.instant(p, Fields.child(path, f));
                    case "modified" -> modified = Fields.instant(p, Fields.child(path, f));
                    default -> unknown.put(f, unknown());
                }
            }
            if (id == null) {
                throw Fields.missing(start, path, "id");
            }
            if (type == null || type.isEmpty()) {
                throw Fields.missing(start, path, "type");
            }
            if (provenance == null) {
                throw Fields.missing(start, path, "provenance");
            }
            if (created == null) {
                throw Fields.missing(start, path, "created");
            }
            try {
                return new Annotation(id, type, label, attributes, payloadVersion, payload, provenance, author, created, modified);
            } catch (IllegalArgumentException e) {
                throw FormatProblem.at(start, path, e.getMessage());
            }
        }
    }
}
