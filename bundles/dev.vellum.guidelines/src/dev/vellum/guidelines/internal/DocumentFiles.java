package dev.vellum.guidelines.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vellum.core.model.JsonTrees;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON documents of the guidelines and the FAQ: read leniently (unknown fields are ignored by
 * the readers and kept by the writers), written pretty-printed with two-space indents and
 * {@code \n} line ends, and every problem reported as one line naming the file.
 */
public final class DocumentFiles {
    private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final StoredProject project;

    public DocumentFiles(StoredProject project) {
        this.project = project;
    }

    /** A new, empty JSON object. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** The node for a JSON-shaped value (maps, lists, strings, numbers, booleans, null). */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** A JSON-shaped, unmodifiable copy of {@code node}, numbers normalized as the model does. */
    public static Object value(JsonNode node) {
        Object v = MAPPER.convertValue(node, Object.class);
        return JsonTrees.copyValue(v);
    }

    /** A JSON-shaped map of an object node. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Map.of();
        }
        return (Map<String, Object>) value(node);
    }

    /** The document's text, if it exists. */
    public Optional<String> readText(String path) throws StoreException {
        return project.documents().read(path);
    }

    /** Writes a text document. */
    public void writeText(String path, String text) throws StoreException {
        project.documents().write(path, text);
    }

    /**
     * The document at {@code path} as a JSON object, if it exists.
     *
     * @throws StoreException naming the file when it is not a JSON object
     */
    public Optional<ObjectNode> readObject(String path) throws StoreException {
        Optional<String> text = project.documents().read(path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text.get());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new StoreException(where(path), "invalid JSON" + where + ": " + e.getOriginalMessage().replace('\n', ' '));
        }
        if (node == null || !node.isObject()) {
            throw new StoreException(where(path), "is not a JSON object");
        }
        return Optional.of((ObjectNode) node);
    }

    /**
     * Writes a JSON document the way the folder store lays out its files: two-space indents,
     * {@code "key": value}, one entry per line except arrays of scalars, which stay on one line, and
     * a final newline.
     */
    public void writeObject(String path, JsonNode node) throws StoreException {
        StringBuilder sb = new StringBuilder();
        try {
            layout(node, sb, 0);
        } catch (JsonProcessingException e) {
            throw new StoreException(where(path), "cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        project.documents().write(path, sb.append('\n').toString());
    }

    private static void layout(JsonNode node, StringBuilder sb, int level) throws JsonProcessingException {
        if (node.isObject()) {
            if (node.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                sb.append(first ? "\n" : ",\n");
                first = false;
                indent(sb, level + 1);
                sb.append(MAPPER.writeValueAsString(e.getKey())).append(": ");
                layout(e.getValue(), sb, level + 1);
            }
            sb.append('\n');
            indent(sb, level);
            sb.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                sb.append("[]");
                return;
            }
            boolean scalars = true;
            for (JsonNode v : node) {
                scalars &= !v.isContainerNode();
            }
            sb.append('[');
            boolean first = true;
            for (JsonNode v : node) {
                if (scalars) {
                    sb.append(first ? "" : ", ");
                } else {
                    sb.append(first ? "\n" : ",\n");
                    indent(sb, level + 1);
                }
                first = false;
                layout(v, sb, level + 1);
            }
            if (!scalars) {
                sb.append('\n');
                indent(sb, level);
            }
            sb.append(']');
        } else {
            sb.append(MAPPER.writeValueAsString(node));
        }
    }

    private static void indent(StringBuilder sb, int level) {
        sb.append("  ".repeat(level));
    }

    /** Deletes a document; whether it existed. */
    public boolean delete(String path) throws StoreException {
        return project.documents().delete(path);
    }

    /** Names of the documents in a folder. */
    public List<String> list(String folder) throws StoreException {
        return project.documents().list(folder);
    }

    /** How errors name a document: the project's location and the document's path in it. */
    public String where(String path) {
        String loc = project.location();
        if (loc == null || loc.isEmpty()) {
            return path;
        }
        if (loc.endsWith("/vellum.json") || loc.endsWith("\\vellum.json")) {
            loc = loc.substring(0, loc.length() - "/vellum.json".length());
        }
        while (loc.length() > 1 && (loc.endsWith("/") || loc.endsWith("\\"))) {
            loc = loc.substring(0, loc.length() - 1);
        }
        return loc + "/" + path;
    }

    /** Reads fields of one object of one document, naming the file and field in every complaint. */
    public final class Fields {
        private final String path;
        private final String prefix;
        private final JsonNode node;

        public Fields(String path, String prefix, JsonNode node) throws StoreException {
            this.path = path;
            this.prefix = prefix;
            if (node == null || !node.isObject()) {
                throw new StoreException(where(path), (prefix.isEmpty() ? "the document" : prefix) + ": expected a JSON object");
            }
            this.node = node;
        }

        public JsonNode node() {
            return node;
        }

        public StoreException problem(String field, String problem) {
            return new StoreException(where(path), name(field) + ": " + problem);
        }

        private String name(String field) {
            return prefix.isEmpty() ? field : prefix + "." + field;
        }

        /** A string field; {@code dflt} when absent or null. */
        public String text(String field, String dflt) throws StoreException {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isTextual()) {
                throw problem(field, "expected a string, found " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            return v.asText();
        }

        /** A required string field. */
        public String requiredText(String field) throws StoreException {
            String s = text(field, null);
            if (s == null) {
                throw problem(field, "missing");
            }
            return s;
        }

        /** A whole-number field; {@code dflt} when absent or null. */
        public int integer(String field, int dflt) throws StoreException {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
                throw problem(field, "expected a whole number from 0, found " + v);
            }
            return v.asInt();
        }

        /** A required whole-number field. */
        public int requiredInteger(String field) throws StoreException {
            if (node.get(field) == null || node.get(field).isNull()) {
                throw problem(field, "missing");
            }
            return integer(field, 0);
        }

        /** A boolean field; {@code dflt} when absent or null. */
        public boolean bool(String field, boolean dflt) throws StoreException {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isBoolean()) {
                throw problem(field, "expected true or false, found " + v);
            }
            return v.asBoolean();
        }

        /** An ISO-8601 time field; {@code null} when absent or null. */
        public Instant time(String field) throws StoreException {
            String s = text(field, null);
            if (s == null || s.isEmpty()) {
                return null;
            }
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                throw problem(field, "'" + s + "' is not an ISO-8601 time");
            }
        }

        /** A required time field. */
        public Instant requiredTime(String field) throws StoreException {
            Instant t = time(field);
            if (t == null) {
                throw problem(field, "missing");
            }
            return t;
        }

        /** An array of strings; empty when absent or null. */
        public List<String> texts(String field) throws StoreException {
            List<String> out = new ArrayList<>();
            for (JsonNode v : array(field)) {
                if (!v.isTextual()) {
                    throw problem(field, "expected strings only, found " + v);
                }
                out.add(v.asText());
            }
            return out;
        }

        /** An array field's elements; empty when absent or null. */
        public List<JsonNode> array(String field) throws StoreException {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw problem(field, "expected an array");
            }
            List<JsonNode> out = new ArrayList<>();
            v.forEach(out::add);
            return out;
        }

        /** An object field as JSON-shaped data; empty when absent or null. */
        public Map<String, Object> object(String field) throws StoreException {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return Map.of();
            }
            if (!v.isObject()) {
                throw problem(field, "expected an object");
            }
            return map(v);
        }

        /** The fields of an object field, for nested reading. */
        public Fields nested(String field) throws StoreException {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return new Fields(path, name(field), DocumentFiles.object());
            }
            return new Fields(path, name(field), v);
        }

        /** The fields of one element of an array field. */
        public Fields element(String field, int index, JsonNode element) throws StoreException {
            return new Fields(path, name(field) + "[" + index + "]", element);
        }
    }
}
