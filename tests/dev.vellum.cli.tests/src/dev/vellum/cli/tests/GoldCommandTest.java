package dev.vellum.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.cli.ExitCodes;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.core.spi.AgreementUnits;
import dev.vellum.modality.image.agreement.KeypointUnits;
import dev.vellum.modality.image.agreement.ShapeUnits;
import dev.vellum.modality.image.agreement.TagUnits;
import dev.vellum.modality.preference.agreement.ChoiceUnits;
import dev.vellum.modality.preference.agreement.FlagUnits;
import dev.vellum.modality.preference.agreement.RankUnits;
import dev.vellum.modality.preference.agreement.RubricUnits;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gold mark|unmark|list|accuracy} on a project of boxes, scored with the image modality's units. */
class GoldCommandTest extends CliTestBase {
    private static final Instant T = Instant.parse("2026-11-03T10:00:00Z");

    @TempDir
    Path tmp;

    @BeforeEach
    void imageUnits() {
        agreements.addUnits(new ShapeUnits());
    }

    /** A box drawn at {@code T}, the day its set is scored on. */
    private static Annotation box(String id, String label, double x) {
        return new Annotation(id, BoundingBox.TYPE, label, Map.of(), 1, new BoundingBox(x, 0, 10, 10).toPayload(), Provenance.HUMAN, "x", T, T);
    }

    private static AnnotationSet set(String annotator, AnnotationState state, Annotation... a) {
        return new AnnotationSet(annotator, state, 0, T, T, List.of(a));
    }

    /** img-1: alice (the reference to be) has a car and a person; bob has the car right and calls the person a dog; carol is drafting. */
    private Path project() throws Exception {
        Path p = tmp.resolve("proj");
        assertEquals(ExitCodes.OK, run("init", p.toString()), err);
        try (StoredProject stored = new FolderProjectStore().open(p.toString())) {
            stored.saveItem(new Item("img-1", "", List.of(new Asset("media/img-1.png", "image", "", Map.of())), Map.of(), List.of(),
                    List.of(set("alice", AnnotationState.ACCEPTED, box("a1", "car", 0), box("a2", "person", 100)),
                            set("bob", AnnotationState.SUBMITTED, box("b1", "car", 1), box("b2", "dog", 100)),
                            set("carol", AnnotationState.IN_PROGRESS))));
            stored.saveItem(new Item("img-2", "", List.of(new Asset("media/img-2.png", "image", "", Map.of())), Map.of(), List.of(),
                    List.of(set("bob", AnnotationState.SUBMITTED, box("b1", "car", 1)))));
        }
        return p;
    }

    @Test
    void markListAccuracyAndUnmarkAreAudited() throws Exception {
        Path p = project();
        assertEquals(ExitCodes.OK, run("gold", "mark", p.toString(), "img-1", "--from", "alice", "--user", "rita"), err);
        assertTrue(out.contains("img-1 is gold: 2 annotations from the set of alice"), out);

        assertEquals(ExitCodes.OK, run("gold", "list", p.toString(), "--json"), err);
        JsonNode gold = json().get("gold");
        assertEquals(1, gold.size());
        assertEquals("img-1", gold.get(0).get("item").asText());
        assertEquals("rita", gold.get(0).get("markedBy").asText());
        assertEquals(2, gold.get(0).get("annotations").asInt());

        // bob: car right, person called a dog: 1 of 2; alice scores her own reference perfectly
        assertEquals(ExitCodes.FINDINGS, run("gold", "accuracy", p.toString(), "--json"), err);
        JsonNode doc = json();
        assertEquals(1, doc.get("goldItems").asInt());
        assertEquals(0.5, doc.get("annotators").get("bob").get("accuracy").asDouble(), 1e-12);
        assertEquals(1.0, doc.get("annotators").get("alice").get("accuracy").asDouble(), 1e-12);
        assertEquals(1, doc.get("annotators").get("bob").get("byDay").get("2026-11-03").get("correct").asInt());
        assertEquals(1, doc.get("warnings").size());
        assertEquals("bob", doc.get("warnings").get(0).get("annotator").asText());
        JsonNode bobItem = doc.get("items").get(1);
        assertEquals("bob", bobItem.get("annotator").asText());
        assertEquals(1, bobItem.get("wrong").asInt());
        assertTrue(doc.get("annotators").get("carol") == null, "work in progress is not scored");

        assertEquals(ExitCodes.OK, run("gold", "accuracy", p.toString(), "--threshold", "0.5"), err);
        assertTrue(out.contains("bob") && out.contains("50.00%") && !out.contains("BELOW"), out);
        assertEquals(ExitCodes.FINDINGS, run("gold", "accuracy", p.toString()), err);
        assertTrue(out.contains("BELOW THRESHOLD: bob at 50.00%"), out);

        assertEquals(ExitCodes.OK, run("gold", "unmark", p.toString(), "img-1", "--user", "rita"), err);
        assertEquals(ExitCodes.OK, run("gold", "list", p.toString(), "--json"), err);
        assertEquals(0, json().get("gold").size());
        assertEquals(ExitCodes.OK, run("gold", "unmark", p.toString(), "img-1"), err);
        assertTrue(err.contains("not gold"), err);

        assertEquals(ExitCodes.OK, run("audit", "log", p.toString(), "--item", "img-1", "--json"), err);
        JsonNode events = json().get("events");
        assertEquals(2, events.size(), "unmarking what is not gold records nothing");
        assertEquals("gold.marked", events.get(0).get("kind").asText());
        assertEquals("rita", events.get(0).get("user").asText());
        assertEquals("alice", events.get(0).get("annotator").asText());
        assertEquals("alice", events.get(0).get("after").get("from").asText());
        assertEquals("gold.unmarked", events.get(1).get("kind").asText());
        assertEquals(2, events.get(1).get("before").get("annotations").asInt());
        assertEquals(ExitCodes.OK, run("audit", "verify", p.toString()), out + err);
    }

    @Test
    void remarkingReplacesTheReferenceAndSaysSo() throws Exception {
        Path p = project();
        assertEquals(ExitCodes.OK, run("gold", "mark", p.toString(), "img-1", "--from", "alice"), err);
        assertEquals(ExitCodes.OK, run("gold", "mark", p.toString(), "img-1", "--from", "bob"), err);
        assertTrue(out.contains("earlier reference replaced"), out);
        assertEquals(ExitCodes.FINDINGS, run("gold", "accuracy", p.toString(), "--json"), "alice is below now: " + err);
        assertEquals(1.0, json().get("annotators").get("bob").get("accuracy").asDouble(), 1e-12);
        assertEquals(0.5, json().get("annotators").get("alice").get("accuracy").asDouble(), 1e-12);
    }

    @Test
    void theProjectsGoldThresholdIsTheDefault() throws Exception {
        Path p = project();
        assertEquals(ExitCodes.OK, run("gold", "mark", p.toString(), "img-1", "--from", "alice"), err);
        assertEquals(ExitCodes.OK, run("workflow", "set", p.toString(), "--gold-threshold", "0.4"), err);
        assertEquals(ExitCodes.OK, run("gold", "accuracy", p.toString(), "--json"), err);
        assertEquals(0.4, json().get("threshold").asDouble(), 1e-12);
        assertEquals(ExitCodes.FINDINGS, run("gold", "accuracy", p.toString(), "--threshold", "0.6"), "the option wins: " + out);
    }

    /**
     * The sample project, with every image and preference units service installed: gold references
     * taken from alice on an image item of every shape type and on a preference item of rankings,
     * rubrics and flags; alice scores her own answers perfectly, bob's work is scored unit by unit,
     * and the marks extend the sample's real audit chain.
     */
    @Test
    void theSampleProjectScoredWithEveryImageAndPreferenceUnit() throws Exception {
        for (AgreementUnits u : List.<AgreementUnits>of(new TagUnits(), new KeypointUnits(), new ChoiceUnits(), new RankUnits(),
                new RubricUnits(), new FlagUnits())) {
            agreements.addUnits(u);
        }
        String p = sampleCopy(tmp);
        // the sample's own gold items (street-001, news-001) make way for the two this test knows by heart
        assertEquals(ExitCodes.OK, run("gold", "unmark", p, "street-001", "--user", "rita"), err);
        assertEquals(ExitCodes.OK, run("gold", "unmark", p, "news-001", "--user", "rita"), err);
        assertEquals(ExitCodes.OK, run("gold", "mark", p, "street-002", "--from", "alice", "--user", "rita"), err);
        assertEquals(ExitCodes.OK, run("gold", "mark", p, "chat-003", "--from", "alice", "--user", "rita"), err);
        run("gold", "accuracy", p, "--json");
        JsonNode doc = json();
        assertEquals(2, doc.get("goldItems").asInt(), out);
        assertEquals(1.0, doc.get("annotators").get("alice").get("accuracy").asDouble(), 1e-12, out);
        assertEquals(2, doc.get("annotators").get("alice").get("items").asInt());
        JsonNode bob = doc.get("annotators").get("bob");
        assertEquals(2, bob.get("items").asInt(), "bob's set on street-002 is in review and on chat-003 submitted: both scored");
        for (JsonNode item : doc.get("items")) {
            int parts = item.get("correct").asInt() + item.get("wrong").asInt() + item.get("missed").asInt() + item.get("extra").asInt();
            assertEquals(item.get("units").asInt(), parts, "every unit is correct, wrong, missed or extra: " + item);
            assertTrue(item.get("units").asInt() > 0, item.toString());
        }
        assertTrue(bob.get("accuracy").asDouble() < 1.0, "bob's street-002 lacks alice's mask: " + bob);
        assertEquals(ExitCodes.OK, run("audit", "verify", p), out + err);
    }


    @Test
    void mistakesAreUsageErrorsInOneLine() throws Exception {
        Path p = project();
        assertEquals(ExitCodes.USAGE, run("gold", "mark", p.toString(), "img-1", "--from", "dave"));
        assertTrue(err.contains("no annotation set of dave") && err.contains("alice, bob, carol"), err);
        assertEquals(ExitCodes.USAGE, run("gold", "mark", p.toString(), "img-9", "--from", "alice"));
        assertTrue(err.contains("no item 'img-9'"), err);
        assertEquals(ExitCodes.USAGE, run("gold", "mark", p.toString(), "img-1"));
        assertEquals(ExitCodes.USAGE, run("gold", "accuracy", p.toString(), "--threshold", "1.5"));
        assertTrue(err.contains("threshold"), err);
        assertEquals(ExitCodes.OK, run("gold", "accuracy", p.toString()), "no gold items: nobody is below anything");
        assertTrue(out.contains("0 gold items"), out);
    }
}
