package dev.vellum.store.folder.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jackson set up for project files, and the bridge between JSON and the model's JSON-shaped trees
 * ({@code Map<String,Object>}, {@code List}, String, Number, Boolean, null).
 *
 * <p>Numbers keep their exact value so that payloads of modalities that are not installed survive a
 * save unchanged: integers become Integer, Long or BigInteger by size, and every number with a
 * fraction or exponent becomes a BigDecimal ({@code 0.1} stays {@code 0.1}, {@code 1.50} keeps its
 * scale). Objects keep their key order.
 */
public final class JsonValues {
    /** For project files: duplicate keys are an error rather than a silent last-one-wins. */
    public static final JsonFactory FILES = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * For item files, whose reader ({@code ItemCodec}) finds duplicate keys itself, at far less cost
     * than Jackson's check (a hash set per object, and an item has an object per annotation).
     */
    public static final JsonFactory ITEMS = JsonFactory.builder().build();

    /** For the disposable summary cache, which only this code writes: no duplicate check, for speed. */
    public static final JsonFactory CACHE = JsonFactory.builder().build();

    /** Jackson trees for migrations: exact decimals (no doubles, no stripped zeros), key order kept. */
    public static final ObjectMapper TREES = JsonMapper.builder(FILES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private JsonValues() {
    }

    /**
     * Reads the value at the parser's current token as a JSON-shaped tree.
     *
     * @throws FormatProblem when the token is not a value (cannot happen on well-formed input)
     */
    public static Object readValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw FormatProblem.at(p, "", "unexpected end of input");
        }
        switch (t) {
            case START_OBJECT:
                return readObject(p);
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> p.getIntValue();
                    case LONG -> p.getLongValue();
                    default -> p.getBigIntegerValue();
                };
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case VALUE_EMBEDDED_OBJECT: {
                // Tree parsers hand numbers of unusual node types over as embedded objects.
                Object o = p.getEmbeddedObject();
                if (o == null || o instanceof Number || o instanceof String || o instanceof Boolean) {
                    return o instanceof Double || o instanceof Float ? new BigDecimal(o.toString()) : o;
                }
                throw FormatProblem.at(p, "", "unsupported embedded value " + o.getClass().getSimpleName());
            }
            default:
                throw FormatProblem.at(p, "", "unexpected " + t);
        }
    }

    /**
     * Reads the object at the parser's current token (a START_OBJECT) as a map in key order.
     *
     * @throws FormatProblem when a key appears twice (as Jackson's duplicate check would say it)
     */
    public static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (map.containsKey(key)) {
                JsonLocation at = p.currentTokenLocation();
                throw new FormatProblem("invalid JSON" + (at.getLineNr() > 0 ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : "")
                        + ": Duplicate field '" + key + "'");
            }
            p.nextToken();
            map.put(key, readValue(p));
        }
        return map;
    }

    /**
     * Writes a JSON-shaped tree as the model holds it ({@code JsonTrees}: whole numbers as Integer,
     * Long or BigInteger, others as BigDecimal; NaN and infinities never get in). Arrays of scalars
     * are laid out on one line when the generator uses a {@link StablePrettyPrinter}.
     *
     * @throws FormatProblem for anything else; callers prefix the message with where the value sits
     */
    public static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof BigInteger bi) {
            g.writeNumber(bi);
        } else if (v instanceof BigDecimal bd) {
            g.writeNumber(bd);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            if (g.getPrettyPrinter() instanceof StablePrettyPrinter pp && allScalars(l)) {
                pp.inlineNextArray();
            }
            g.writeStartArray();
            for (Object o : l) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else {
            throw new FormatProblem("a " + v.getClass().getName() + " is not a JSON value");
        }
    }

    /** Writes a list of strings (on one line in pretty output). */
    public static void writeStrings(JsonGenerator g, List<String> strings) throws IOException {
        if (g.getPrettyPrinter() instanceof StablePrettyPrinter pp) {
            pp.inlineNextArray();
        }
        g.writeStartArray();
        for (String s : strings) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private static boolean allScalars(List<?> l) {
        for (Object o : l) {
            if (o instanceof Map || o instanceof List) {
                return false;
            }
        }
        return true;
    }

    /** A generator laid out by a fresh {@link StablePrettyPrinter}, writing UTF-8 into {@code out}. */
    public static JsonGenerator prettyGenerator(ByteArrayOutputStream out) throws IOException {
        JsonGenerator g = FILES.createGenerator(out, JsonEncoding.UTF8);
        g.setPrettyPrinter(new StablePrettyPrinter());
        return g;
    }

    /** Reads the tree of a whole file; null when the file holds no JSON at all. */
    public static JsonNode readTree(byte[] bytes) throws IOException {
        JsonNode root = TREES.readTree(bytes);
        return root == null || root.isMissingNode() ? null : root;
    }

    /**
     * One line for users about a file Jackson could not read: truncated, not JSON (with line and
     * column), not UTF-8, or not readable at all.
     */
    public static String describe(IOException e) {
        if (e instanceof JsonProcessingException jpe) {
            // Jackson reports most truncations as JsonEOFException, some ("within/between Array
            // entries") as a plain parse error that says "end-of-input".
            if (jpe instanceof JsonEOFException || String.valueOf(jpe.getOriginalMessage()).contains("end-of-input")) {
                return "the JSON is truncated: the file ends" + at(jpe.getLocation()) + " before the document is complete";
            }
            return "invalid JSON" + at(jpe.getLocation()) + ": " + oneLine(jpe.getOriginalMessage());
        }
        if (e instanceof CharConversionException) {
            return "not UTF-8 text: " + oneLine(e.getMessage());
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return "cannot be read: " + oneLine(String.valueOf(e.getMessage()));
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() <= 0 ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    /** Words for the kind of a tree node: "an array", "a string"... */
    public static String describe(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING, BINARY -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> "null";
        };
    }

    /** The first line of {@code s}, so that messages stay one line. */
    public static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
