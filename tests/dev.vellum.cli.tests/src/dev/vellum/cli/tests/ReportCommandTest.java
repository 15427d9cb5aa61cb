package dev.vellum.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.cli.ExitCodes;
import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report}: the self-contained HTML quality report. */
class ReportCommandTest extends CliTestBase {
    @TempDir
    Path tmp;

    /** Two items of alice and bob handed in on 2 and 3 Nov 2026, and a rejection with a reason on 4 Nov. */
    private Path project() throws Exception {
        Path p = tmp.resolve("proj");
        assertEquals(ExitCodes.OK, run("init", p.toString(), "--name", "Street <scenes>"), err);
        try (StoredProject stored = new FolderProjectStore().open(p.toString())) {
            stored.saveItem(item("img-1", set("alice", AnnotationState.ACCEPTED, "2026-11-02T10:00:00Z", "car", "car"),
                    set("bob", AnnotationState.SUBMITTED, "2026-11-03T10:00:00Z", "person")));
            stored.saveItem(item("img-2", set("bob", AnnotationState.REJECTED, "2026-11-04T12:00:00Z", "car")));
            stored.audit().append(List.of(new AuditEvent(0, Instant.parse("2026-11-04T12:00:00Z"), "rita", 0, "review.rejected", "img-2",
                    "bob", "", null, null, "box too loose", "")));
        }
        return p;
    }

    private static Item item(String id, AnnotationSet... sets) {
        return new Item(id, "", List.of(new Asset("media/" + id + ".png", "image", "", Map.of())), Map.of(), List.of(), List.of(sets));
    }

    private static AnnotationSet set(String annotator, AnnotationState state, String modified, String... labels) {
        Instant t = Instant.parse(modified);
        List<Annotation> as = new java.util.ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            as.add(new Annotation("a" + i, "image.tag", labels[i], Map.of(), 1, Map.of(), Provenance.HUMAN, annotator, t, t));
        }
        return new AnnotationSet(annotator, state, 0, t, t, as);
    }

    @Test
    void writesOneSelfContainedHtmlFileWithTheChartsAndTables() throws Exception {
        Path p = project();
        Path html = tmp.resolve("out/report.html");
        assertEquals(ExitCodes.OK, run("report", p.toString(), "--out", html.toString()), out + err);
        assertTrue(out.contains("Wrote ") && out.contains("2 annotators"), out);
        String doc = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(doc.contains("Quality report: Street &lt;scenes&gt;"));
        assertEquals(5, doc.split("<svg\\b", -1).length - 1, "five inline charts");
        assertTrue(doc.contains("box too loose"), "the rejection's reason");
        assertTrue(doc.contains("<td>alice</td><td class=\"n\">1</td>"), "alice handed in one set");
        assertFalse(doc.replace("http://www.w3.org/2000/svg", "").contains("http"), "no external reference");
        // agreement over alice's and bob's shared item (no agreement units installed here: no units, no value)
        assertTrue(doc.contains("Krippendorff&#39;s alpha"), "the agreement table");
        assertFalse(doc.contains("not available"), "agreement is computed");
        assertTrue(doc.contains("0 findings") || doc.contains(" finding"), "validation ran");
    }

    @Test
    void aPeriodLeavesOutOtherDaysAndJsonSaysWhatWasWritten() throws Exception {
        Path p = project();
        Path html = tmp.resolve("period.html");
        assertEquals(ExitCodes.OK, run("report", p.toString(), "--out", html.toString(), "--from", "2026-11-03", "--to", "2026-11-04",
                "--json"), out + err);
        JsonNode j = json();
        assertEquals("2026-11-03", j.get("from").asText());
        assertEquals(html.toAbsolutePath().toString(), j.get("out").asText());
        assertEquals(2, j.get("reviewDays").asInt(), j.toString()); // bob's submission on 3 Nov, the rejection on 4 Nov
        // bob's hand-in on 3 Nov and his edited (then rejected) set on 4 Nov; not alice's work of 2 Nov
        assertEquals(2, j.get("throughputDays").asInt(), j.toString());
        String doc = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(doc.contains("period: 2026-11-03 to 2026-11-04"));
    }

    @Test
    void badDatesAndMissingProjectsAreOneLineErrors() throws Exception {
        Path p = project();
        Path html = tmp.resolve("r.html");
        assertEquals(ExitCodes.USAGE, run("report", p.toString(), "--out", html.toString(), "--from", "3.11.2026"));
        assertTrue(err.contains("--from '3.11.2026' is not a date"), err);
        assertEquals(ExitCodes.USAGE, run("report", p.toString(), "--out", html.toString(), "--from", "2026-11-05", "--to", "2026-11-01"));
        assertTrue(err.contains("before --from"), err);
        assertEquals(ExitCodes.USAGE, run("report", p.toString()));
        assertEquals(ExitCodes.BAD_INPUT, run("report", tmp.resolve("nothing").toString(), "--out", html.toString()));
        assertFalse(Files.exists(html), "nothing is written when the report fails");
    }
}
