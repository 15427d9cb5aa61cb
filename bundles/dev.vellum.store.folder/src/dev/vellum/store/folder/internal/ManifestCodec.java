package dev.vellum.store.folder.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.model.Project;
import dev.vellum.core.model.WorkflowSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes the manifest ({@code vellum.json}): what makes a folder a Vellum project, its
 * format version, settings and label schemas. Read as a Jackson tree (it is small, and migrations
 * work on trees), then decoded field by field.
 */
public final class ManifestCodec {
    /** The value of {@code "format"} that marks a Vellum project. */
    public static final String FORMAT = "vellum-project";

    private static final Set<String> FIELDS = Set.of("format", "formatVersion", "id", "name", "created", "guidelineVersion",
            "workflow", "labelSchemas", "extensions");
    private static final String TYPES = Arrays.stream(AttributeType.values()).map(AttributeType::id)
            .collect(Collectors.joining(", "));

    /**
     * A manifest as read.
     *
     * @param project     the project, with no item summaries yet
     * @param extras      top-level fields this version does not know, in file order
     * @param fileVersion the format version the file was written in
     */
    public record Decoded(Project project, Map<String, Object> extras, int fileVersion) {
    }

    private ManifestCodec() {
    }

    /**
     * Decodes a manifest in any readable format.
     *
     * @throws IOException   when the bytes are not JSON
     * @throws FormatProblem when it is not a Vellum manifest, is of a newer format, or is invalid
     */
    public static Decoded decode(byte[] bytes) throws IOException {
        JsonNode root = JsonValues.readTree(bytes);
        if (root == null) {
            throw new FormatProblem("not a Vellum project: the manifest is empty");
        }
        if (!root.isObject()) {
            throw new FormatProblem("not a Vellum project: the manifest must be a JSON object, found "
                    + JsonValues.describe(root));
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isTextual() || !FORMAT.equals(format.asText())) {
            throw new FormatProblem("not a Vellum project: expected \"format\": \"" + FORMAT + "\", found "
                    + (format == null ? "no \"format\"" : format.toString()));
        }
        // Format 1 named the field "version".
        int version = root.has("formatVersion") ? Migrations.versionOf(root.get("formatVersion"), "formatVersion", -1)
                : Migrations.versionOf(root.get("version"), "version", -1);
        if (version == -1) {
            throw new FormatProblem("missing required field \"formatVersion\"");
        }
        Migrations.checkReadable(version, root.has("formatVersion") ? "formatVersion" : "version");
        Migrations.migrateManifest((ObjectNode) root, version);
        try (JsonParser p = JsonValues.TREES.treeAsTokens(root)) {
            p.nextToken();
            return read(p, version);
        } catch (FormatProblem e) {
            throw version == Migrations.CURRENT ? e : new FormatProblem("(read as format " + version + ") " + e.getMessage());
        }
    }

    private static Decoded read(JsonParser p, int version) throws IOException {
        JsonLocation start = p.currentTokenLocation();
        String id = null;
        String name = null;
        Instant created = null;
        int guidelineVersion = 0;
        WorkflowSettings workflow = WorkflowSettings.DEFAULT;
        List<LabelSchema> schemas = new ArrayList<>();
        Map<String, Object> extensions = Map.of();
        Map<String, Object> extras = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
                case "format", "formatVersion" -> p.skipChildren();
                case "id" -> id = Fields.string(p, f);
                case "name" -> name = Fields.string(p, f);
                case "created" -> created = Fields.instant(p, f);
                case "guidelineVersion" -> guidelineVersion = Fields.integer(p, f, 0);
                case "workflow" -> workflow = readWorkflow(p);
                case "labelSchemas" -> schemas = readSchemas(p);
                case "extensions" -> extensions = Fields.object(p, f);
                default -> extras.put(f, JsonValues.readValue(p));
            }
        }
        if (id == null) {
            throw Fields.missing(start, "", "id");
        }
        if (name == null) {
            throw Fields.missing(start, "", "name");
        }
        if (created == null) {
            throw Fields.missing(start, "", "created");
        }
        try {
            return new Decoded(new Project(id, name, created, schemas, workflow, guidelineVersion, extensions), extras, version);
        } catch (IllegalArgumentException e) {
            throw new FormatProblem(e.getMessage());
        }
    }

    private static WorkflowSettings readWorkflow(JsonParser p) throws IOException {
        if (!Fields.startObject(p, "workflow")) {
            return WorkflowSettings.DEFAULT;
        }
        int annotators = WorkflowSettings.DEFAULT.annotatorsPerItem();
        List<String> stages = WorkflowSettings.DEFAULT.reviewStages();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
                case "annotatorsPerItem" -> annotators = Fields.integer(p, "workflow.annotatorsPerItem", annotators);
                case "reviewStages" -> stages = Fields.strings(p, "workflow.reviewStages");
                default -> p.skipChildren();
            }
        }
        try {
            return new WorkflowSettings(annotators, stages);
        } catch (IllegalArgumentException e) {
            throw new FormatProblem("workflow: " + e.getMessage());
        }
    }

    private static List<LabelSchema> readSchemas(JsonParser p) throws IOException {
        List<LabelSchema> schemas = new ArrayList<>();
        if (!Fields.startObject(p, "labelSchemas")) {
            return schemas;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String modality = p.currentName();
            String path = "labelSchemas." + modality;
            p.nextToken();
            List<LabelClass> classes = new ArrayList<>();
            if (Fields.startObject(p, path)) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    p.nextToken();
                    if (f.equals("classes") && Fields.startArray(p, path + ".classes")) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            classes.add(readClass(p, path + ".classes[" + classes.size() + "]"));
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            }
            try {
                schemas.add(new LabelSchema(modality, classes));
            } catch (IllegalArgumentException e) {
                throw new FormatProblem(path + ": " + e.getMessage());
            }
        }
        return schemas;
    }

    private static LabelClass readClass(JsonParser p, String path) throws IOException {
        if (!Fields.startObject(p, path)) {
            throw new FormatProblem(path + ": expected an object, found null");
        }
        String name = null;
        String color = null;
        String hotkey = null;
        List<AttributeDef> attributes = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
                case "name" -> name = Fields.string(p, path + ".name");
                case "color" -> color = Fields.string(p, path + ".color");
                case "hotkey" -> hotkey = Fields.string(p, path + ".hotkey");
                case "attributes" -> {
                    if (Fields.startArray(p, path + ".attributes")) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            attributes.add(readAttribute(p, path + ".attributes[" + attributes.size() + "]"));
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (name == null) {
            throw Fields.missing(null, path, "name");
        }
        try {
            return new LabelClass(name, color, hotkey, attributes);
        } catch (IllegalArgumentException e) {
            throw new FormatProblem(path + ": " + e.getMessage());
        }
    }

    private static AttributeDef readAttribute(JsonParser p, String path) throws IOException {
        if (!Fields.startObject(p, path)) {
            throw new FormatProblem(path + ": expected an object, found null");
        }
        String name = null;
        AttributeType type = null;
        List<String> allowed = List.of();
        boolean required = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
                case "name" -> name = Fields.string(p, path + ".name");
                case "type" -> {
                    String s = Fields.string(p, path + ".type");
                    if (s != null) {
                        try {
                            type = AttributeType.fromId(s);
                        } catch (IllegalArgumentException e) {
                            throw new FormatProblem(path + ".type: unknown attribute type '" + s + "' (known: " + TYPES + ")");
                        }
                    }
                }
                case "allowedValues" -> allowed = Fields.strings(p, path + ".allowedValues");
                case "required" -> required = Fields.bool(p, path + ".required", false);
                default -> p.skipChildren();
            }
        }
        if (name == null) {
            throw Fields.missing(null, path, "name");
        }
        if (type == null) {
            throw Fields.missing(null, path, "type");
        }
        return new AttributeDef(name, type, allowed, required);
    }

    /**
     * Encodes the manifest in the current format with a stable key order, writing back the unknown
     * top-level fields it was read with.
     *
     * @throws FormatProblem when an extension value cannot be stored in JSON
     */
    public static byte[] encode(Project project, Map<String, Object> extras) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JsonValues.prettyGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("formatVersion", Migrations.CURRENT);
            g.writeStringField("id", project.id());
            g.writeStringField("name", project.name());
            g.writeStringField("created", project.created().toString());
            g.writeNumberField("guidelineVersion", project.currentGuidelineVersion());
            g.writeObjectFieldStart("workflow");
            g.writeNumberField("annotatorsPerItem", project.workflow().annotatorsPerItem());
            g.writeFieldName("reviewStages");
            JsonValues.writeStrings(g, project.workflow().reviewStages());
            g.writeEndObject();
            g.writeObjectFieldStart("labelSchemas");
            for (LabelSchema s : project.schemas().values()) {
                g.writeObjectFieldStart(s.modalityId());
                g.writeArrayFieldStart("classes");
                for (LabelClass c : s.classes()) {
                    g.writeStartObject();
                    g.writeStringField("name", c.name());
                    g.writeStringField("color", c.color());
                    g.writeStringField("hotkey", c.hotkey());
                    g.writeArrayFieldStart("attributes");
                    for (AttributeDef a : c.attributes()) {
                        g.writeStartObject();
                        g.writeStringField("name", a.name());
                        g.writeStringField("type", a.type().id());
                        g.writeFieldName("allowedValues");
                        JsonValues.writeStrings(g, a.allowedValues());
                        g.writeBooleanField("required", a.required());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeFieldName("extensions");
            write(g, project.extensions(), "extensions");
            if (extras != null) {
                for (Map.Entry<String, Object> e : extras.entrySet()) {
                    if (!FIELDS.contains(e.getKey())) {
                        g.writeFieldName(e.getKey());
                        write(g, e.getValue(), e.getKey());
                    }
                }
            }
            g.writeEndObject();
            g.writeRaw('\n');
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Object value, String path) throws IOException {
        try {
            JsonValues.writeValue(g, value);
        } catch (FormatProblem e) {
            throw new FormatProblem(path + ": " + e.getMessage());
        }
    }
}
