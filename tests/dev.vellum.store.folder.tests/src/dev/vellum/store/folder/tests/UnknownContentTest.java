package dev.vellum.store.folder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content this Vellum does not understand: payloads of uninstalled modalities, fields of newer versions. */
class UnknownContentTest {
    /** Compares numbers exactly: 0.1 is a decimal, 1.50 keeps its scale, big integers stay whole. */
    private static final ObjectMapper EXACT = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS).disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();

    private static final String PAYLOAD = """
            {"zeta": 0.1, "alpha": 1e-7, "tiny": 4.9E-324, "scale": 1.50, "big": 12345678901234567890,
             "huge": 1.7976931348623157E+309, "long": -9223372036854775808, "int": 42, "neg": -0.000001,
             "matrix": [[1, 2.50, -3], [], [{"k": null, "t": true, "f": false}]],
             "nested": {"b": {"c": [{"d": "ü\\u0000\\"x\\""}]}, "a": []}, "empty": {}}""";

    private final FolderProjectStore store = new FolderProjectStore();

    @TempDir
    Path tmp;

    private Path writeItem(String json) throws Exception {
        Path dir = tmp.resolve("p");
        store.create(dir.toString(), "p", "P").close();
        Path file = dir.resolve("items/x.json");
        Files.writeString(file, json);
        return file;
    }

    private static String item(String payload, String itemExtra, String assetExtra, String setExtra, String annotationExtra) {
        return """
                {"formatVersion": 2, "id": "x", "dataset": "", %s
                 "assets": [{"uri": "scans/x.ply", "modality": "hologram", %s "contentHash": "", "metadata": {}}],
                 "metadata": {}, "assignees": [],
                 "annotationSets": [{"annotator": "alice", %s "state": "in_progress", "guidelineVersion": 1,
                   "created": "2025-01-01T00:00:00Z", "modified": "2025-01-01T00:00:00Z",
                   "annotations": [
                     {"id": "h1", "type": "hologram.voxel", "label": "ghost", %s "attributes": {}, "payloadVersion": 3,
                      "payload": %s, "provenance": "human", "author": "alice",
                      "created": "2025-01-01T00:00:00Z", "modified": "2025-01-01T00:00:00Z"}]}]}
                """.formatted(itemExtra, assetExtra, setExtra, annotationExtra, payload);
    }

    @Test
    void aPayloadOfAnUninstalledModalityIsWrittenBackUnchanged() throws Exception {
        Path file = writeItem(item(PAYLOAD, "", "", "", ""));
        try (FolderProject p = store.open(file.getParent().getParent().toString())) {
            Item x = p.loadItem("x");
            // Change something else in the item so that it really is rewritten.
            x.set("alice").orElseThrow().setState(AnnotationState.SUBMITTED);
            p.saveItem(x);
        }
        JsonNode saved = EXACT.readTree(file.toFile());
        JsonNode payload = saved.at("/annotationSets/0/annotations/0/payload");
        assertEquals(EXACT.readTree(PAYLOAD), payload, "the payload tree is unchanged");
        List<String> keys = new ArrayList<>();
        payload.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("zeta", "alpha", "tiny", "scale", "big", "huge", "long", "int", "neg", "matrix", "nested", "empty"), keys,
                "key order is kept");
        assertEquals(List.of("b", "a"), iterableKeys(payload.get("nested")));
        String text = Files.readString(file);
        for (String literal : List.of("\"zeta\": 0.1,", "\"alpha\": 1E-7,", "\"tiny\": 4.9E-324,", "\"scale\": 1.50,",
                "\"big\": 12345678901234567890,", "\"huge\": 1.7976931348623157E+309,", "\"long\": -9223372036854775808,",
                "\"neg\": -0.000001,", "[1, 2.50, -3]")) {
            assertTrue(text.contains(literal), literal + " in\n" + text);
        }
        assertEquals(3, saved.at("/annotationSets/0/annotations/0/payloadVersion").intValue());
        assertEquals("submitted", saved.at("/annotationSets/0/state").asText());
    }

    private static List<String> iterableKeys(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void fieldsWrittenByANewerVellumAreKeptOnEveryObject() throws Exception {
        Path file = writeItem(item("{}", "\"priority\": {\"level\": 2.0},", "\"calibration\": [0.5, 1],",
                "\"reviewNote\": \"check left edge\",", "\"confidence\": 0.875,"));
        try (FolderProject p = store.open(file.getParent().getParent().toString())) {
            Item x = p.loadItem("x");
            x.set("alice").orElseThrow().setState(AnnotationState.SUBMITTED);
            p.saveItem(x);
        }
        JsonNode saved = EXACT.readTree(file.toFile());
        assertEquals(EXACT.readTree("{\"level\": 2.0}"), saved.get("priority"));
        assertEquals(EXACT.readTree("[0.5, 1]"), saved.at("/assets/0/calibration"));
        assertEquals("check left edge", saved.at("/annotationSets/0/reviewNote").asText());
        assertEquals(EXACT.readTree("0.875"), saved.at("/annotationSets/0/annotations/0/confidence"));
        try (FolderProject p = store.open(file.getParent().getParent().toString())) {
            p.saveItem(p.loadItem("x"));
        }
        assertEquals(saved, EXACT.readTree(file.toFile()), "and again on the next save");
    }

    @Test
    void unknownManifestFieldsAreKept() throws Exception {
        Path dir = tmp.resolve("p");
        store.create(dir.toString(), "p", "P").close();
        ObjectNode manifest = (ObjectNode) EXACT.readTree(dir.resolve("vellum.json").toFile());
        manifest.putObject("guidelines").put("folder", "guidelines").put("ratio", new java.math.BigDecimal("0.30"));
        Files.writeString(dir.resolve("vellum.json"), EXACT.writeValueAsString(manifest));
        try (FolderProject p = store.open(dir.toString())) {
            p.project().setName("Renamed");
            p.saveProject();
        }
        JsonNode saved = EXACT.readTree(dir.resolve("vellum.json").toFile());
        assertEquals("Renamed", saved.get("name").asText());
        assertEquals(manifest.get("guidelines"), saved.get("guidelines"));
    }
}
