package dev.vellum.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vellum.cli.ExitCodes;
import dev.vellum.core.edit.AddAnnotation;
import dev.vellum.core.edit.ChangeState;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit verify} and {@code audit log} on a project whose trail was written by real saves. */
class AuditCommandTest extends CliTestBase {
    @TempDir
    Path tmp;

    /** A project with two items, each edited and saved through a session by bob. */
    private Path project() throws Exception {
        Path p = tmp.resolve("proj");
        assertEquals(ExitCodes.OK, run("init", p.toString()), err);
        try (StoredProject stored = new FolderProjectStore().open(p.toString())) {
            for (String id : List.of("img-1", "img-2")) {
                stored.saveItem(new Item(id, "d", List.of(new Asset("media/" + id + ".png", "image", "", Map.of())), Map.of(),
                        List.of("alice"), List.of(AnnotationSet.start("alice", 0))));
            }
            ProjectSession s = new ProjectSession(stored, "bob");
            for (String id : List.of("img-1", "img-2")) {
                s.execute(new AddAnnotation(id, "alice", Annotation.create("a1", "image.bbox", "car", Map.of("x", 1), "bob"), -1, 0));
                s.execute(new ChangeState(id, "alice", AnnotationState.SUBMITTED));
            }
            s.save();
        }
        return p;
    }

    @Test
    void verifyPassesOnAnUntouchedTrailAndLogShowsOneItemsEvents() throws Exception {
        Path p = project();
        assertEquals(ExitCodes.OK, run("audit", "verify", p.toString()), out + err);
        assertTrue(out.contains("intact: 4 events"), out);
        assertEquals(ExitCodes.OK, run("audit", "log", p.toString(), "--item", "img-2", "--json"), err);
        JsonNode events = new ObjectMapper().readTree(out).get("events");
        assertEquals(2, events.size());
        List<String> kinds = new ArrayList<>();
        events.forEach(e -> kinds.add(e.get("kind").asText()));
        assertEquals(List.of("set.state", "annotation.created"), kinds);
        assertEquals("bob", events.get(1).get("user").asText());
        assertEquals("car", events.get(1).get("after").get("label").asText());
        assertEquals(ExitCodes.OK, run("audit", "log", p.toString()), err);
        assertTrue(out.contains("annotation.created") && out.contains("img-1 alice/a1") && out.contains("4 events"), out);
    }

    @Test
    void verifyExitsOneAndNamesTheFirstChangedEvent() throws Exception {
        Path p = project();
        Path log = p.resolve("audit/events.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.set(1, lines.get(1).replace("\"label\":\"car\"", "\"label\":\"bus\""));
        Files.write(log, lines);
        assertEquals(ExitCodes.FINDINGS, run("audit", "verify", p.toString()));
        assertTrue(out.contains("NOT intact") && out.contains("event #2 was changed"), out);
        assertEquals(ExitCodes.FINDINGS, run("audit", "verify", p.toString(), "--json"));
        JsonNode doc = new ObjectMapper().readTree(out);
        assertEquals(2, doc.get("firstBadLine").asInt());
        assertEquals(false, doc.get("intact").asBoolean());
    }

    @Test
    void verifyExitsOneWhenTheLastEventsWereRemoved() throws Exception {
        Path p = project();
        Path log = p.resolve("audit/events.jsonl");
        Files.write(log, Files.readAllLines(log).subList(0, 3));
        assertEquals(ExitCodes.FINDINGS, run("audit", "verify", p.toString()));
        assertTrue(out.contains("#4 to #4 were removed"), out);
    }
}
