package dev.vellum.store.folder.internal;

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
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
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
    private static final Map<String, Provenance> PROVENANCE_IDS = Arrays.stream(Provenance.values())
            .collect(Collectors.toUnmodifiableMap(Provenance::id, v -> v));

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
        try (JsonParser p = JsonValues.ITEMS.createParser(bytes)) {
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
     * annotation, with the unknown fields it was read with written back in place. An annotation's
     * {@code payloadVersion} of 1 and a {@code modified} time equal to {@code created} (annotation or
     * set) are left out: readers take them as those defaults, so the item reads back equal, and an
     * imported annotation's line is a sixth shorter.
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
        JsonText g = new JsonText(4096 + annotations * 320);
        g.raw('{');
        g.field("formatVersion", true, 1).number(Migrations.CURRENT);
        g.field("id", false, 1).string(item.id());
        g.field("dataset", false, 1).string(item.dataset());
        g.field("assets", false, 1).raw('[');
        for (int i = 0; i < item.assets().size(); i++) {
            Asset a = item.assets().get(i);
            if (i > 0) {
                g.raw(',');
            }
            g.newline(2).raw('{');
            g.field("uri", true, 3).string(a.uri());
            g.field("modality", false, 3).string(a.modalityId());
            g.field("contentHash", false, 3).string(a.contentHash());
            tree(g, "metadata", a.metadata(), "assets[" + i + "]", 3);
            extras(g, x.asset(a.uri()), ASSET_FIELDS, "assets[" + i + "]", 3);
            g.newline(2).raw('}');
        }
        if (!item.assets().isEmpty()) {
            g.newline(1);
        }
        g.raw(']');
        tree(g, "metadata", item.metadata(), "", 1);
        g.field("assignees", false, 1).raw('[');
        for (int i = 0; i < item.assignees().size(); i++) {
            if (i > 0) {
                g.raw(", ");
            }
            g.string(item.assignees().get(i));
        }
        g.raw(']');
        g.field("annotationSets", false, 1).raw('[');
        int si = 0;
        for (AnnotationSet s : item.sets()) {
            String setPath = "annotationSets[" + si + "]";
            if (si++ > 0) {
                g.raw(',');
            }
            g.newline(2).raw('{');
            g.field("annotator", true, 3).string(s.annotator());
            g.field("state", false, 3).string(s.state().id());
            g.field("guidelineVersion", false, 3).number(s.guidelineVersion());
            g.field("created", false, 3).string(s.created().toString());
            if (!s.modified().equals(s.created())) {
                g.field("modified", false, 3).string(s.modified().toString());
            }
            g.field("annotations", false, 3).raw('[');
            int ai = 0;
            Map<String, Map<String, Object>> annotationExtras = x.annotations(s.annotator());
            for (Annotation a : s.annotations()) {
                if (ai++ > 0) {
                    g.raw(',');
                }
                g.newline(4).raw('{');
                g.field("id", true, -1).string(a.id());
                g.field("type", false, -1).string(a.typeId());
                g.field("label", false, -1).string(a.label());
                tree(g, "attributes", a.attributes(), setPath, ai - 1, -1);
                if (a.payloadVersion() != 1) {
                    g.field("payloadVersion", false, -1).number(a.payloadVersion());
                }
                tree(g, "payload", a.payload(), setPath, ai - 1, -1);
                g.field("provenance", false, -1).string(a.provenance().id());
                g.field("author", false, -1).string(a.author());
                String created = times.text(a.created());
                g.field("created", false, -1).string(created);
                if (!a.modified().equals(a.created())) {
                    g.field("modified", false, -1).string(times.text(a.modified()));
                }
                if (annotationExtras != null && annotationExtras.containsKey(a.id())) {
                    extras(g, annotationExtras.get(a.id()), ANNOTATION_FIELDS, setPath + ".annotations[" + (ai - 1) + "]", -1);
                }
                g.raw('}');
            }
            if (ai > 0) {
                g.newline(3);
            }
            g.raw(']');
            extras(g, x.set(s.annotator()), SET_FIELDS, setPath, 3);
            g.newline(2).raw('}');
        }
        if (si > 0) {
            g.newline(1);
        }
        g.raw(']');
        extras(g, x.item(), ITEM_FIELDS, "", 1);
        g.newline(0).raw('}').raw('\n');
        return g.toByteArray();
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

    private static void tree(JsonText g, String field, Map<String, Object> value, String path, int level) {
        g.field(field, false, level);
        try {
            g.value(value, level);
        } catch (FormatProblem e) {
            throw new FormatProblem(Fields.child(path, field) + ": " + e.getMessage());
        }
    }

    /** As above for a field of the annotation at {@code index} of a set, whose path is only made for a message. */
    private static void tree(JsonText g, String field, Map<String, Object> value, String setPath, int index, int level) {
        g.field(field, false, level);
        try {
            g.value(value, level);
        } catch (FormatProblem e) {
            throw new FormatProblem(Fields.child(setPath + ".annotations[" + index + "]", field) + ": " + e.getMessage());
        }
    }

    private static void extras(JsonText g, Map<String, Object> fields, Set<String> known, String path, int level) {
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            // A field the model now knows must not be written twice: the model's value wins.
            if (!known.contains(e.getKey())) {
                g.field(e.getKey(), false, level);
                try {
                    g.value(e.getValue(), level);
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
            Set<String> names = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                if (!names.add(f)) {
                    throw duplicate(f);
                }
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
            Set<String> names = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                if (!names.add(f)) {
                    throw duplicate(f);
                }
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
            Set<String> names = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                if (!names.add(f)) {
                    throw duplicate(f);
                }
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
                    case "created" -> created = instant(path, f);
                    case "modified" -> modified = instant(path, f);
                    case "annotations" -> {
                        if (Fields.startArray(p, fp)) {
                            Map<String, Integer> ids = new HashMap<>();
                            // one map for the unknown fields of every annotation: most have none
                            Map<String, Object> aUnknown = new LinkedHashMap<>();
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                int index = annotations.size();
                                JsonLocation at = p.currentTokenLocation();
                                Annotation a = readAnnotation(path, index, aUnknown);
                                Integer before = ids.putIfAbsent(a.id(), index);
                                if (before != null) {
                                    throw FormatProblem.at(at, fp + "[" + index + "]", "annotation id '" + a.id() + "' appears twice in this set (also "
                                            + fp + "[" + before + "])");
                                }
                                if (!aUnknown.isEmpty()) {
                                    annotationExtras.put(a.id(), new LinkedHashMap<>(aUnknown));
                                    aUnknown.clear();
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

        /** The last time read and its text: the annotations of one import or session share their times. */
        private String lastTimeText;
        private Instant lastTime;

        private Instant instant(String path, String field) throws IOException {
            String text = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
            if (text != null && text.equals(lastTimeText)) {
                return lastTime;
            }
            Instant t = Fields.instant(p, Fields.child(path, field));
            if (text != null) {
                lastTimeText = text;
                lastTime = t;
            }
            return t;
        }

        /**
         * A field name seen twice in one object is an error, as in any project file. Item files are
         * parsed without Jackson's duplicate detection (a hash set per object, a tenth of reading a
         * large item); known fields are checked here with a bit each, unknown ones by their map.
         */
        private int seen(int seen, int bit, String field) throws IOException {
            if ((seen & bit) != 0) {
                throw duplicate(field);
            }
            return seen | bit;
        }

        private FormatProblem duplicate(String field) {
            JsonLocation l = p.currentTokenLocation();
            return new FormatProblem("invalid JSON" + (l.getLineNr() > 0 ? " at line " + l.getLineNr() + ", column " + l.getColumnNr() : "")
                    + ": Duplicate field '" + field + "'");
        }

        private void putUnknown(Map<String, Object> unknown, String f) throws IOException {
            if (unknown.containsKey(f)) {
                throw duplicate(f);
            }
            unknown.put(f, unknown());
        }

        private static String path(String setPath, int index, String field) {
            return Fields.child(setPath + ".annotations[" + index + "]", field);
        }

        // Typed reads of an annotation's fields whose path is only made for a message: a large
        // set has millions of fields.

        private String string(String setPath, int index, String f) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            return t == JsonToken.VALUE_NULL ? null : Fields.string(p, path(setPath, index, f));
        }

        private int integer(String setPath, int index, String f) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                return p.getIntValue();
            }
            return Fields.integer(p, path(setPath, index, f), 1);
        }

        private Map<String, Object> object(String setPath, int index, String f) throws IOException {
            if (p.currentToken() == JsonToken.START_OBJECT) {
                if (summaryOnly) {
                    p.skipChildren();
                    return Map.of();
                }
                return JsonValues.readObject(p);
            }
            return object(path(setPath, index, f));
        }

        /** Reads annotation {@code index} of the set at {@code setPath}; its path is only made for a message. */
        private Annotation readAnnotation(String setPath, int index, Map<String, Object> unknown) throws IOException {
            JsonLocation start = p.currentTokenLocation();
            if (!Fields.startObject(p, setPath + ".annotations[" + index + "]")) {
                throw FormatProblem.at(p, setPath + ".annotations[" + index + "]", "expected an object, found null");
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
            int seen = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                switch (f) {
                    case "id" -> seen = seen(seen, 1, f);
                    case "type" -> seen = seen(seen, 2, f);
                    case "label" -> seen = seen(seen, 4, f);
                    case "attributes" -> seen = seen(seen, 8, f);
                    case "payloadVersion" -> seen = seen(seen, 16, f);
                    case "payload" -> seen = seen(seen, 32, f);
                    case "provenance" -> seen = seen(seen, 64, f);
                    case "author" -> seen = seen(seen, 128, f);
                    case "created" -> seen = seen(seen, 256, f);
                    case "modified" -> seen = seen(seen, 512, f);
                    default -> {
                    }
                }
                p.nextToken();
                switch (f) {
                    case "id" -> id = string(setPath, index, f);
                    case "type" -> type = string(setPath, index, f);
                    case "label" -> label = string(setPath, index, f);
                    case "attributes" -> attributes = object(setPath, index, f);
                    case "payloadVersion" -> payloadVersion = integer(setPath, index, f);
                    case "payload" -> payload = object(setPath, index, f);
                    case "provenance" -> {
                        String s = string(setPath, index, f);
                        if (s != null) {
                            provenance = PROVENANCE_IDS.get(s);
                            if (provenance == null) {
                                throw FormatProblem.at(p, Fields.child(setPath + ".annotations[" + index + "]", f), "unknown provenance '" + s
                                        + "' (known: " + PROVENANCES + ")");
                            }
                        }
                    }
                    case "author" -> author = string(setPath, index, f);
                    case "created" -> created = instant(setPath + ".annotations[" + index + "]", f);
                    case "modified" -> modified = instant(setPath + ".annotations[" + index + "]", f);
                    default -> putUnknown(unknown, f);
                }
            }
            String path = setPath + ".annotations[" + index + "]";
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
