package dev.vellum.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;
import dev.vellum.core.model.Ids;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelTest {
    @Test
    void idsThatCannotBeFileNamesAreRejected() {
        assertTrue(Ids.isValid("img_0001.v2-a"));
        for (String bad : new String[] {"", "../etc", "a/b", "-start", "a b", "x".repeat(129), null}) {
            assertFalse(Ids.isValid(bad), String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> new Item("a/b", "", List.of(new Asset("x", "image", "", null)),
                null, null, null));
    }

    @Test
    void payloadsAreDeepCopiedAndImmutable() {
        Map<String, Object> inner = new HashMap<>();
        inner.put("x", 1);
        List<Object> points = new ArrayList<>(List.of(inner));
        Map<String, Object> payload = new HashMap<>();
        payload.put("points", points);
        Annotation a = Annotation.create("a", "image.polygon", "car", payload, "bob");
        inner.put("x", 99);
        points.add(5);
        assertEquals(List.of(Map.of("x", 1)), a.payload().get("points"));
        assertThrows(UnsupportedOperationException.class, () -> a.payload().put("y", 2));
    }

    @Test
    void nonJsonValuesInPayloadsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Annotation.create("a", "image.bbox", "car", Map.of("when", Instant.now()), "bob"));
    }

    @Test
    void schemaRejectsDuplicateLabelsAndHotkeys() {
        LabelClass car = new LabelClass("car", "#ff0000", "1", List.of());
        assertThrows(IllegalArgumentException.class, () -> new LabelSchema("image", List.of(car, car)));
        assertThrows(IllegalArgumentException.class,
                () -> new LabelSchema("image", List.of(car, new LabelClass("bus", "#00ff00", "1", List.of()))));
        assertThrows(IllegalArgumentException.class, () -> new LabelClass("x", "red", "", List.of()));
    }

    @Test
    void attributeValuesAreCheckedAgainstTheirType() {
        AttributeDef kind = new AttributeDef("kind", AttributeType.CHOICE, List.of("sedan", "suv"), true);
        assertTrue(kind.accepts("suv"));
        assertFalse(kind.accepts("tank"));
        AttributeDef tags = new AttributeDef("tags", AttributeType.MULTI_CHOICE, List.of("a", "b"), false);
        assertTrue(tags.accepts(List.of("a", "b")));
        assertFalse(tags.accepts(List.of("a", "c")));
        assertFalse(new AttributeDef("n", AttributeType.NUMBER, null, false).accepts("3"));
    }

    @Test
    void aSetRefusesTwoAnnotationsWithOneId() {
        Annotation a = Annotation.create("a", "image.bbox", "car", Map.of(), "bob");
        assertThrows(IllegalArgumentException.class,
                () -> new AnnotationSet("bob", AnnotationState.IN_PROGRESS, 0, Instant.now(), null, List.of(a, a)));
        AnnotationSet set = AnnotationSet.start("bob", 1);
        set.insert(-1, a);
        assertThrows(IllegalArgumentException.class, () -> set.insert(0, a));
    }

    @Test
    void anItemHasAtMostOneSetPerAnnotator() {
        Item item = new Item("i", "", List.of(new Asset("m.png", "image", "", null)), null, null, null);
        item.putSet(AnnotationSet.start("bob", 0));
        assertThrows(IllegalArgumentException.class, () -> item.putSet(AnnotationSet.start("bob", 0)));
    }

    @Test
    void overallStateIsTheLeastAdvancedSet() {
        Item item = new Item("i", "", List.of(new Asset("m.png", "image", "", null)), null, null, null);
        assertEquals(null, item.summary().overallState());
        AnnotationSet bob = AnnotationSet.start("bob", 0);
        bob.setState(AnnotationState.ACCEPTED);
        item.putSet(bob);
        AnnotationSet eve = AnnotationSet.start("eve", 0);
        eve.setState(AnnotationState.SUBMITTED);
        item.putSet(eve);
        assertEquals(AnnotationState.SUBMITTED, item.summary().overallState());
    }

    @Test
    void oneRejectedSetMakesTheItemRejectedWhateverTheOthersSay() {
        Item item = new Item("i", "", List.of(new Asset("m.png", "image", "", null)), null, null, null);
        AnnotationSet bob = AnnotationSet.start("bob", 0);
        bob.setState(AnnotationState.ACCEPTED);
        item.putSet(bob);
        AnnotationSet eve = AnnotationSet.start("eve", 0);
        eve.setState(AnnotationState.REJECTED);
        item.putSet(eve);
        assertEquals(AnnotationState.REJECTED, item.summary().overallState());
        AnnotationSet kim = AnnotationSet.start("kim", 0);
        item.putSet(kim);
        assertEquals(AnnotationState.REJECTED, item.summary().overallState(), "rejected work needs attention before new work");
    }

    @Test
    void stateIdsRoundTripAndUnknownOnesAreNamed() {
        for (AnnotationState s : AnnotationState.values()) {
            assertEquals(s, AnnotationState.fromId(s.id()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnnotationState.fromId("done"));
        assertTrue(e.getMessage().contains("'done'"));
    }

    @Test
    void relativeAndAbsoluteMediaReferencesAreTold() {
        assertTrue(new Asset("media/a.png", "image", "", null).isRelative());
        assertFalse(new Asset("https://example.org/a.png", "image", "", null).isRelative());
        assertFalse(new Asset("/data/a.png", "image", "", null).isRelative());
        assertFalse(new Asset("s3://bucket/a.png", "image", "", null).isRelative());
    }

    @Test
    void unorderedMapsAreCopiedWithSortedKeysAndOrderedOnesKeepTheirOrder() {
        Map<String, Object> unordered = new HashMap<>();
        for (String k : new String[] {"zeta", "alpha", "mid", "beta"}) {
            unordered.put(k, 1);
        }
        assertEquals(List.of("alpha", "beta", "mid", "zeta"), List.copyOf(dev.vellum.core.model.JsonTrees.copy(unordered).keySet()));
        Map<String, Object> ordered = new java.util.LinkedHashMap<>();
        ordered.put("y", 1);
        ordered.put("x", 2);
        Map<String, Object> copy = dev.vellum.core.model.JsonTrees.copy(ordered);
        assertEquals(List.of("y", "x"), List.copyOf(copy.keySet()));
        assertEquals(List.of("y", "x"), List.copyOf(dev.vellum.core.model.JsonTrees.copy(copy).keySet()), "a copy of a copy keeps the order");
    }

    @Test
    void numbersAreNormalizedSoTheyReadBackEqual() {
        Map<String, Object> p = dev.vellum.core.model.JsonTrees.copy(Map.of("a", 5L, "b", 0.1, "c", 1L << 40,
                "d", new java.math.BigInteger("12345678901234567890"), "e", (short) 3, "f", 2.5f));
        assertEquals(5, p.get("a"));
        assertEquals(new java.math.BigDecimal("0.1"), p.get("b"));
        assertEquals(1L << 40, p.get("c"));
        assertEquals(new java.math.BigInteger("12345678901234567890"), p.get("d"));
        assertEquals(3, p.get("e"));
        assertEquals(new java.math.BigDecimal("2.5"), p.get("f"));
        assertThrows(IllegalArgumentException.class, () -> dev.vellum.core.model.JsonTrees.copy(Map.of("n", Double.NaN)));
    }

    @Test
    void labelsInSummariesAreSorted() {
        Item item = new Item("i", "", List.of(new Asset("m.png", "image", "", null)), null, null, null);
        AnnotationSet set = AnnotationSet.start("bob", 0);
        for (String l : new String[] {"van", "bus", "car"}) {
            set.insert(-1, Annotation.create("a-" + l, "image.bbox", l, Map.of(), "bob"));
        }
        item.putSet(set);
        assertEquals(List.of("bus", "car", "van"), List.copyOf(item.summary().sets().get(0).labels()));
    }

    @Test
    void windowsPathsAreNotMistakenForUris() {
        assertFalse(new Asset("C:\\data\\a.png", "image", "", null).isRelative());
        assertFalse(new Asset("D:/data/a.png", "image", "", null).isRelative());
    }

    @Test
    void annotationIdsStayUniqueThroughInsertRemoveAndReplace() {
        AnnotationSet set = AnnotationSet.start("alice", 0);
        set.insert(-1, Annotation.create("a", "image.bbox", "car", java.util.Map.of(), "alice"));
        set.insert(-1, Annotation.create("b", "image.bbox", "car", java.util.Map.of(), "alice"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> set.insert(0, Annotation.create("a", "image.bbox", "bus", java.util.Map.of(), "alice")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> set.replaceAt(1, Annotation.create("a", "image.bbox", "bus", java.util.Map.of(), "alice")));
        set.replaceAt(1, Annotation.create("c", "image.bbox", "bus", java.util.Map.of(), "alice"));
        set.insert(-1, Annotation.create("b", "image.bbox", "car", java.util.Map.of(), "alice"));
        set.removeAt(0);
        set.insert(-1, Annotation.create("a", "image.bbox", "car", java.util.Map.of(), "alice"));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("c", "b", "a"),
                set.annotations().stream().map(Annotation::id).toList());
    }

    @Test
    void anAssetsExtensionIgnoresQueryFragmentAndFolderDots() {
        assertEquals("png", new Asset("media/a.PNG?x=1#page=2", "image", "", null).extension());
        assertEquals("tif", new Asset("scan.tif#page=3", "image", "", null).extension());
        assertEquals("", new Asset("dir.png/file", "image", "", null).extension());
        assertEquals("", new Asset("dir.png\\file", "image", "", null).extension());
        assertEquals("", new Asset("png", "image", "", null).extension());
    }

    @Test
    void aPayloadNewerThanAModalityReadsIsNamed() {
        Annotation a = new Annotation("a1", "image.bbox", "car", Map.of(), 3, Map.of(), dev.vellum.core.model.Provenance.HUMAN, "alice", Instant.EPOCH, Instant.EPOCH);
        assertEquals(java.util.Optional.of("image.bbox: payload version 3 is newer than this Vellum reads (1)"),
                dev.vellum.core.spi.Modality.newerPayload(a, 1));
        assertEquals(java.util.Optional.empty(), dev.vellum.core.spi.Modality.newerPayload(a, 3));
    }

    @Test
    void aReviewStepMovesModifiedButNotLastAnnotated() {
        Instant made = Instant.parse("2026-11-03T10:00:00Z");
        Annotation a = new Annotation("a1", "image.tag", "car", Map.of(), 1, Map.of(), dev.vellum.core.model.Provenance.HUMAN, "alice",
                made.minusSeconds(60), made);
        AnnotationSet set = new AnnotationSet("alice", AnnotationState.SUBMITTED, 0, made.minusSeconds(3600), made, List.of(a));
        set.setState(AnnotationState.ACCEPTED);
        assertTrue(set.modified().isAfter(made), "a state change is a change of the set");
        assertEquals(made, set.lastAnnotated(), "but not of the work: charts over time keep it on the day it was done");
        AnnotationSet empty = new AnnotationSet("bob", AnnotationState.IN_PROGRESS, 0, made, made, List.of());
        assertEquals(made, empty.lastAnnotated(), "no annotation: when the set was started");
    }
}
