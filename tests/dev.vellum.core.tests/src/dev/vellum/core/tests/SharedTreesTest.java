package dev.vellum.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Ids;
import dev.vellum.core.model.JsonTrees;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

/** What large imports rely on: copies are shared instead of copied again, ids and lookups cost no scan. */
class SharedTreesTest {
    @Test
    void aCopyIsSharedWhenCopiedAgainButAMutableMapIsCopied() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("group", "g1");
        source.put("z", List.of(1, 2));
        Map<String, Object> copy = JsonTrees.copy(source);
        assertNotSame(source, copy);
        assertSame(copy, JsonTrees.copy(copy));
        assertSame(copy, JsonTrees.copyValue(copy));
        assertEquals(source, copy);
        assertEquals(source.hashCode(), copy.hashCode());
        assertEquals(source.toString(), copy.toString());
        assertTrue(copy instanceof SequencedMap<?, ?>, "key order is kept");
        assertEquals(List.of("group", "z"), List.copyOf(copy.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> copy.put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> copy.entrySet().iterator().next().setValue("no"));
        assertThrows(UnsupportedOperationException.class, () -> copy.keySet().remove("group"));
        source.put("group", "changed");
        assertEquals("g1", copy.get("group"), "the copy does not follow its source");
        Annotation a = new Annotation("a", "image.bbox", "car", copy, 1, Map.of("x", 1), dev.vellum.core.model.Provenance.IMPORTED,
                "me", java.time.Instant.EPOCH, null);
        Annotation b = new Annotation("b", "image.polygon", "car", copy, 1, Map.of("x", 1), dev.vellum.core.model.Provenance.IMPORTED,
                "me", java.time.Instant.EPOCH, null);
        assertSame(a.attributes(), b.attributes(), "one attribute map for a group's annotations");
    }

    @Test
    void idsFollowTheSameRuleAsBefore() {
        for (String ok : List.of("a", "A9", "0.b_c-d", "x".repeat(128))) {
            assertTrue(Ids.isValid(ok), ok);
        }
        for (String bad : List.of("", ".a", "_a", "-a", "a b", "a/b", "é", "x".repeat(129))) {
            assertFalse(Ids.isValid(bad), bad);
        }
        assertFalse(Ids.isValid(null));
    }

    @Test
    void indexOfFindsPresentAndAbsentIds() {
        AnnotationSet set = AnnotationSet.start("me", 0);
        set.insert(-1, Annotation.create("a", "image.tag", "x", Map.of(), "me"));
        set.insert(-1, Annotation.create("b", "image.tag", "x", Map.of(), "me"));
        assertEquals(1, set.indexOf("b"));
        assertEquals(-1, set.indexOf("c"));
        set.removeAt(0);
        assertEquals(-1, set.indexOf("a"));
        assertEquals(0, set.indexOf("b"));
    }
}
