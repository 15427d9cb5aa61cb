package dev.vellum.modality.preference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.modality.preference.model.Blinding;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each annotator sees an order of their own, the same every time. */
class BlindingTest {
    @Test
    void theOrderIsAStablePermutationOfTheIds() {
        List<String> ids = List.of("A", "B", "C", "D");
        List<String> order = Blinding.order("chat-003", "alice", ids);
        assertEquals(Set.copyOf(ids), Set.copyOf(order));
        assertEquals(order, Blinding.order("chat-003", "alice", ids), "reopening shows the same order");
        assertEquals(order, Blinding.order("chat-003", "alice", List.of("D", "C", "B", "A")), "whatever order the ids come in");
        // pinned: the sample's recorded orders were made with it, so the algorithm must not change
        assertEquals(List.of("A", "B", "D", "C"), order);
        assertEquals(List.of("D", "A", "C", "B"), Blinding.order("chat-003", "bob", ids));
        assertEquals(List.of("B", "A"), Blinding.order("chat-001", "alice", List.of("A", "B")));
    }

    @Test
    void annotatorsAndItemsGetDifferentOrders() {
        int swapped = 0;
        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            if (Blinding.order("item-" + i, "alice", List.of("r1", "r2")).get(0).equals("r2")) {
                swapped++;
            }
            orders.add(Blinding.order("item-" + (i % 10), "annotator-" + i, List.of("A", "B", "C")));
        }
        assertTrue(swapped > 430 && swapped < 570, "about half of the pairs are swapped, found " + swapped);
        assertEquals(6, orders.size(), "every order of three responses occurs");
        assertNotEquals(Blinding.order("x", "alice", List.of("A", "B", "C", "D", "E")), Blinding.order("x", "bob", List.of("A", "B", "C", "D", "E")));
    }

    @Test
    void aRecordedOrderWinsAndBlindingCanBeOff() {
        List<String> ids = List.of("A", "B", "C");
        assertEquals(List.of("C", "A", "B"), Blinding.order("i", "u", ids, List.of("C", "A", "B"), true));
        assertEquals(Blinding.order("i", "u", ids), Blinding.order("i", "u", ids, List.of("A", "B"), true), "a partial order is not what was shown");
        assertEquals(ids, Blinding.order("i", "u", ids, List.of(), false));
        assertThrows(IllegalArgumentException.class, () -> Blinding.order("i", "u", List.of("A", "A")));
    }

    @Test
    void positionsAreLabelledWithLetters() {
        assertEquals("A", Blinding.label(0));
        assertEquals("D", Blinding.label(3));
        assertEquals("Z", Blinding.label(25));
        assertEquals("AA", Blinding.label(26));
        assertEquals("AB", Blinding.label(27));
    }
}
