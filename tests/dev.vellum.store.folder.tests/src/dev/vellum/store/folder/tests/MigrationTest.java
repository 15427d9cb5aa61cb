package dev.vellum.store.folder.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.Project;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.model.WorkflowSettings;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project written by Vellum 0.0.9 in format 1 (committed under fixtures/v1-project). */
class MigrationTest {
    private final FolderProjectStore store = new FolderProjectStore();

    @TempDir
    Path tmp;

    private Path dir;

    @BeforeEach
    void copyFixture() throws Exception {
        dir = tmp.resolve("v1");
        TestProjects.copyFixture("v1-project", dir);
    }

    @Test
    void aFormat1ProjectOpensMigrated() throws Exception {
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(1, p.manifestFormatVersion());
            assertEquals(List.of(), p.problems());
            Project project = p.project();
            assertEquals("street-scenes", project.id());
            assertEquals(Instant.parse("2024-06-03T08:15:00Z"), project.created());
            assertEquals(2, project.currentGuidelineVersion());
            assertEquals(new WorkflowSettings(2, List.of("review", "audit")), project.workflow());
            assertEquals(List.of(new LabelClass("car", "#e6194b", "", List.of()), new LabelClass("person", "#3cb44b", "", List.of())),
                    project.schema("image").orElseThrow().classes());
            assertEquals(List.of("PER"), project.schema("text").orElseThrow().classes().stream().map(LabelClass::name).toList());
            assertEquals(Map.of("dev.vellum.quality", Map.of("goldRate", new BigDecimal("0.05"))), project.extensions());
            assertEquals(List.of("note-001", "street-001"), project.itemIds());
            assertEquals(AnnotationState.SUBMITTED, project.item("street-001").orElseThrow().overallState());

            Item street = p.loadItem("street-001");
            AnnotationSet alice = street.set("alice").orElseThrow();
            assertEquals(AnnotationState.SUBMITTED, alice.state());
            assertEquals(Instant.parse("2024-06-04T09:12:30Z"), alice.modified());
            Annotation b2 = alice.annotation("b2").orElseThrow();
            assertEquals(Provenance.MODEL, b2.provenance());
            assertEquals(Map.of("occluded", true), b2.attributes());
            assertEquals(new BigDecimal("0.1"), alice.annotation("b1").orElseThrow().payload().get("y"));
            AnnotationSet bob = street.set("bob").orElseThrow();
            assertEquals(AnnotationState.ACCEPTED, bob.state());
            assertEquals(1, bob.guidelineVersion());
            assertEquals(new BigDecimal("118.50"), bob.annotations().get(0).payload().get("w"));
            assertEquals(List.of("alice", "bob"), street.assignees());
            assertEquals(Provenance.IMPORTED, p.loadItem("note-001").set("carol").orElseThrow().annotations().get(0).provenance());
            assertEquals(List.of(), p.checkMedia(street), "relative media resolve against the project folder");
        }
    }

    @Test
    void openingLeavesFormat1FilesAsTheyWere() throws Exception {
        var before = TestProjects.snapshot(dir, false);
        try (FolderProject p = store.open(dir.toString())) {
            p.loadItem("street-001");
        }
        TestProjects.assertSameFiles(before, TestProjects.snapshot(dir, false));
    }

    @Test
    void savedItemsAreWrittenInTheCurrentFormatAndTheManifestOnlyBySaveProject() throws Exception {
        ObjectMapper json = new ObjectMapper();
        byte[] manifestV1 = Files.readAllBytes(dir.resolve("vellum.json"));
        Item street;
        try (FolderProject p = store.open(dir.toString())) {
            street = p.loadItem("street-001");
            p.saveItem(street);
        }
        JsonNode saved = json.readTree(dir.resolve("items/street-001.json").toFile());
        assertEquals(2, saved.get("formatVersion").intValue());
        assertEquals("submitted", saved.at("/annotationSets/0/state").asText());
        assertEquals("alice", saved.at("/annotationSets/0/annotator").asText());
        assertFalse(saved.has("annotations"));
        assertArrayEquals(manifestV1, Files.readAllBytes(dir.resolve("vellum.json")), "saving an item leaves the manifest alone");
        assertTrue(Files.readString(dir.resolve("items/note-001.json")).contains("\"IN_PROGRESS\""), "unsaved items stay format 1");

        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(1, p.manifestFormatVersion());
            assertEquals(List.of(), p.problems(), "a project may mix item files of both formats");
            TestProjects.assertItemEquals(street, p.loadItem("street-001"));
            p.saveProject();
            assertEquals(2, p.manifestFormatVersion());
        }
        JsonNode manifest = json.readTree(dir.resolve("vellum.json").toFile());
        assertEquals(2, manifest.get("formatVersion").intValue());
        assertFalse(manifest.has("version") || manifest.has("labels") || manifest.has("annotatorsPerItem"));
        assertEquals("#e6194b", manifest.at("/labelSchemas/image/classes/0/color").asText());
        assertEquals(2, manifest.at("/workflow/annotatorsPerItem").intValue());
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(2, p.manifestFormatVersion());
            assertEquals(2, p.project().schema("image").orElseThrow().classes().size());
            assertEquals(List.of("note-001", "street-001"), p.project().itemIds());
            assertEquals(Provenance.IMPORTED, p.loadItem("note-001").set("carol").orElseThrow().annotations().get(0).provenance());
        }
    }
}
