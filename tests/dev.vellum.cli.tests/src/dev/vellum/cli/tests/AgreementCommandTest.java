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
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.agreement.ShapeUnits;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agreement --ratings FILE} and {@code agreement <project>}: values, JSON shape, exit codes. */
class AgreementCommandTest extends CliTestBase {
    @TempDir
    Path tmp;

    /** Three raters over four units; unit 4 has one rating only. */
    private Path ratings() throws Exception {
        Path f = tmp.resolve("ratings.csv");
        Files.writeString(f, """
                unit,rater,value
                1,ann,a
                1,bob,a
                1,cyd,a
                2,ann,b
                2,bob,b
                2,cyd,a
                3,ann,a
                3,bob,b
                3,cyd,b
                4,ann,a
                """);
        return f;
    }

    @Test
    void ratingsAsJsonCarryValueIntervalAndPairs() throws Exception {
        assertEquals(ExitCodes.OK, run("agreement", "--ratings", ratings().toString(), "--json"), err);
        JsonNode j = json();
        assertEquals("alpha", j.get("measure").asText());
        assertEquals("nominal", j.get("level").asText());
        // 9 pairable values: a 5, b 4; units 2 and 3 each hold 4 disagreeing ordered pairs / (3 - 1)
        // alpha = 1 - (9 - 1) * (2 + 2) / (81 - 25 - 16) = 0.2
        assertEquals(1 - 8.0 * 4 / 40, j.get("value").asDouble(), 1e-12);
        assertEquals(3, j.get("units").asInt());
        assertEquals(3, j.get("raters").asInt());
        assertEquals(4, j.get("unitsInFile").asInt());
        assertTrue(j.get("note").asText().contains("1 of 4 units"), j.toString());
        JsonNode ci = j.get("ci");
        assertEquals(0.95, ci.get("confidence").asDouble());
        assertEquals(1000, ci.get("samples").asInt());
        assertTrue(ci.get("low").asDouble() <= ci.get("high").asDouble());
        assertEquals(List.of("ann|bob", "ann|cyd", "bob|cyd"), iterable(j.get("byPair").fieldNames()));
        // the same seed gives the same interval
        String first = out;
        assertEquals(ExitCodes.OK, run("agreement", "--ratings", ratings().toString(), "--json"), err);
        assertEquals(first, out);
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void ratingsAsTextShowOverallThenPairs() throws Exception {
        assertEquals(ExitCodes.OK, run("agreement", "--ratings", ratings().toString(), "--measure", "fleiss", "--bootstrap", "0"), err);
        assertTrue(out.startsWith("Fleiss' kappa (nominal) over "), out);
        assertTrue(out.contains("units   3 of 4, 3 raters"), out);
        assertTrue(out.contains("By rater pair:") && out.contains("bob|cyd"), out);
        assertTrue(!out.contains("CI ["), out);
        assertEquals(ExitCodes.OK, run("agreement", "--ratings", ratings().toString(), "--no-pairs", "--json"), err);
        assertTrue(!json().has("byPair"), out);
    }

    @Test
    void exitCodesSayWhatWentWrong() throws Exception {
        Path f = ratings();
        assertEquals(ExitCodes.USAGE, run("agreement"));
        assertEquals(ExitCodes.USAGE, run("agreement", tmp.toString(), "--ratings", f.toString()));
        assertEquals(ExitCodes.USAGE, run("agreement", "--ratings", f.toString(), "--measure", "icc"));
        assertTrue(err.contains("unknown agreement measure 'icc'"), err);
        assertEquals(ExitCodes.USAGE, run("agreement", "--ratings", f.toString(), "--level", "fuzzy"));
        assertEquals(ExitCodes.USAGE, run("agreement", "--ratings", f.toString(), "--label", "car"));
        assertEquals(ExitCodes.USAGE, run("agreement", "--ratings", f.toString(), "--confidence", "2"));

        assertEquals(ExitCodes.BAD_INPUT, run("agreement", "--ratings", f.toString(), "--measure", "cohen"));
        assertTrue(err.contains(f.toString()) && err.contains("exactly two raters"), err);
        assertEquals(ExitCodes.BAD_INPUT, run("agreement", "--ratings", f.toString(), "--level", "interval"));
        assertTrue(err.contains(f.toString()) && err.contains("'a' is not a number"), err);
        Path missing = tmp.resolve("none.csv");
        assertEquals(ExitCodes.BAD_INPUT, run("agreement", "--ratings", missing.toString()));
        assertTrue(err.contains(missing.toString()), err);
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "unit,rater,value\n1,ann,a\n1,ann,b\n");
        assertEquals(ExitCodes.BAD_INPUT, run("agreement", "--ratings", bad.toString()));
        assertTrue(err.contains(bad + ":3: rater 'ann' rated unit '1' twice"), err);
    }

    private static final Instant T = Instant.parse("2026-11-03T10:00:00Z");

    private static Annotation box(String id, String label, double x) {
        return Annotation.create(id, BoundingBox.TYPE, label, new BoundingBox(x, 0, 10, 10).toPayload(), "x");
    }

    private static AnnotationSet set(String annotator, Annotation... a) {
        return new AnnotationSet(annotator, AnnotationState.SUBMITTED, 0, T, T, List.of(a));
    }

    /** img-1: both see a car, alice a person where bob sees a dog; img-2: both see a car. */
    private Path project() throws Exception {
        Path p = tmp.resolve("proj");
        assertEquals(ExitCodes.OK, run("init", p.toString()), err);
        try (StoredProject stored = new FolderProjectStore().open(p.toString())) {
            stored.saveItem(new Item("img-1", "", List.of(new Asset("media/img-1.png", "image", "", Map.of())), Map.of(), List.of(),
                    List.of(set("alice", box("a1", "car", 0), box("a2", "person", 100)),
                            set("bob", box("b1", "car", 1), box("b2", "dog", 100)))));
            stored.saveItem(new Item("img-2", "", List.of(new Asset("media/img-2.png", "image", "", Map.of())), Map.of(), List.of(),
                    List.of(set("alice", box("a1", "car", 0)), set("bob", box("b1", "car", 0)))));
        }
        return p;
    }

    @Test
    void projectAgreementOverImageUnits() throws Exception {
        agreements.addUnits(new ShapeUnits());
        Path p = project();
        assertEquals(ExitCodes.OK, run("agreement", p.toString(), "--json"), err);
        JsonNode j = json();
        // units (car, car), (person, dog), (car, car): n = 6, car 4; alpha = 1 - 5 * 2 / (36 - 16 - 1 - 1)
        assertEquals(1 - 10.0 / 18, j.get("value").asDouble(), 1e-12, j.toString());
        assertEquals(3, j.get("units").asInt());
        assertEquals(2, j.get("items").asInt());
        assertTrue(j.get("byPair").has("alice|bob"), j.toString());
        assertTrue(j.get("byKind").size() >= 1, j.toString());
        assertTrue(j.get("byLabel").has("car"), j.toString());
        assertTrue(j.get("overTime").isArray());
        assertTrue(j.get("ci").has("low"), j.toString());

        // Cohen: p_o = 2/3, p_e = (2/3)^2 = 4/9: kappa = 0.4
        assertEquals(ExitCodes.OK, run("agreement", p.toString(), "--measure", "cohen", "--json"), err);
        assertEquals(0.4, json().get("value").asDouble(), 1e-12, out);

        assertEquals(ExitCodes.OK, run("agreement", p.toString(), "--label", "car"), err);
        assertTrue(out.startsWith("Krippendorff's alpha over " + p + ": 2 items"), out);
        assertTrue(out.contains("By annotator pair:") && out.contains("alice|bob"), out);

        assertEquals(ExitCodes.BAD_INPUT, run("agreement", tmp.resolve("nothing").toString()));
    }
}
