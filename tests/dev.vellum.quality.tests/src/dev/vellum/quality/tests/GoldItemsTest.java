package dev.vellum.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.ProjectDocuments;
import dev.vellum.core.spi.StoreException;
import dev.vellum.quality.gold.GoldItems;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoldItemsTest {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void referenceRoundTripsApartFromTheItem() throws Exception {
        ProjectDocuments docs = ProjectDocuments.inMemory();
        GoldItems gold = new GoldItems(docs);
        Annotation box = new Annotation("a1", "image.bbox", "car", Map.of("occluded", true), 1,
                Map.of("x", 1.5, "y", 2, "w", 30, "h", 40), Provenance.HUMAN, "alice", T0, T0);
        AnnotationSet alice = new AnnotationSet("alice", AnnotationState.ACCEPTED, 3, T0, T0, List.of(box));

        gold.mark("street-001", alice, "rita");

        assertTrue(gold.isGold("street-001"));
        assertFalse(gold.isGold("street-002"));
        assertEquals(List.of("street-001"), gold.itemIds());
        GoldItems.Gold g = gold.get("street-001").orElseThrow();
        assertEquals("rita", g.markedBy());
        assertEquals(GoldItems.GOLD_ANNOTATOR, g.reference().annotator());
        assertEquals(3, g.reference().guidelineVersion());
        assertEquals(List.of(box), g.reference().annotations());
        assertTrue(gold.unmark("street-001"));
        assertFalse(gold.isGold("street-001"));
    }

    @Test
    void referenceIsWrittenOneAnnotationPerLineAndAnEmptyOneReadsBack() throws Exception {
        ProjectDocuments docs = ProjectDocuments.inMemory();
        GoldItems gold = new GoldItems(docs);
        Annotation a = new Annotation("a1", "image.tag", "day", Map.of(), 1, Map.of(), Provenance.HUMAN, "alice", T0, T0);
        Annotation b = new Annotation("a2", "image.tag", "urban", Map.of(), 1, Map.of(), Provenance.HUMAN, "alice", T0, T0);
        gold.mark("x1", new AnnotationSet("alice", AnnotationState.SUBMITTED, 1, T0, T0, List.of(a, b)), "rita");
        List<String> lines = docs.read("gold/x1").orElseThrow().lines().toList();
        assertEquals(2, lines.stream().filter(l -> l.strip().startsWith("{\"id\"")).count(), String.join("\n", lines));
        assertEquals(List.of(a, b), gold.get("x1").orElseThrow().reference().annotations());
        gold.mark("x2", new AnnotationSet("bob", AnnotationState.SUBMITTED, 1, T0, T0, List.of()), "rita");
        assertEquals(List.of(), gold.get("x2").orElseThrow().reference().annotations());
    }

    @Test
    void damagedReferenceIsAnErrorNamingTheDocument() throws Exception {
        ProjectDocuments docs = ProjectDocuments.inMemory();
        docs.write("gold/x1", "{\"annotations\": 3}");
        StoreException e = assertThrows(StoreException.class, () -> new GoldItems(docs).get("x1"));
        assertTrue(e.getMessage().contains("gold/x1"), e.getMessage());
    }
}
