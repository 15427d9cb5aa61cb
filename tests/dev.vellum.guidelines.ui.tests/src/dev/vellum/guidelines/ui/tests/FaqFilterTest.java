package dev.vellum.guidelines.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.guidelines.FaqContext;
import dev.vellum.guidelines.FaqEntry;
import dev.vellum.guidelines.FaqExample;
import dev.vellum.guidelines.FaqStatus;
import dev.vellum.guidelines.ui.internal.FaqFilter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the FAQ view shows for each filter: statuses, label, version, words; newest first. */
class FaqFilterTest {
    private final FaqFilter filter = new FaqFilter();

    private static FaqEntry entry(int n, FaqStatus status, String label, int version, String question, String answer, String note) {
        FaqContext context = new FaqContext("street-00" + n, "alice", "a1", label, "image", Map.of(), version);
        List<FaqExample> examples = note.isEmpty() ? List.of() : List.of(new FaqExample("street-001", "a1", true, note));
        Instant raised = Instant.parse("2026-11-0" + n + "T10:00:00Z");
        boolean decided = status != FaqStatus.OPEN;
        return new FaqEntry("q" + n, question, status, context, "alice", raised, Set.of(label), answer, examples, decided ? "carol" : "",
                decided ? raised.plusSeconds(60) : null, "", "", "", 0);
    }

    @BeforeEach
    void setUp() {
        filter.setEntries(List.of(
                entry(1, FaqStatus.DECIDED, "car", 1, "Is a parked car on the kerb a car?", "Yes, parked cars are labelled.", ""),
                entry(2, FaqStatus.OPEN, "person", 1, "Is a reflected person labelled?", "", ""),
                entry(3, FaqStatus.PROMOTED, "car", 2, "A car on a transporter?", "Label the car, not the transporter.", "see the lorry"),
                entry(4, FaqStatus.WITHDRAWN, "LOC", 2, "The Rhine valley: one LOC?", "", "")));
    }

    private List<String> shown() {
        return filter.shown().stream().map(FaqEntry::id).toList();
    }

    @Test
    void everythingNewestFirstWithoutAFilter() {
        assertEquals(List.of("q4", "q3", "q2", "q1"), shown());
        assertFalse(filter.isFiltering());
    }

    @Test
    void statusesKeepOnlyTheirEntries() {
        filter.setStatuses(Set.of(FaqStatus.DECIDED, FaqStatus.PROMOTED));
        assertEquals(List.of("q3", "q1"), shown());
        filter.setStatuses(Set.of(FaqStatus.OPEN));
        assertEquals(List.of("q2"), shown());
        assertTrue(filter.isFiltering());
    }

    @Test
    void labelAndVersionNarrowTogether() {
        filter.setLabel("car");
        assertEquals(List.of("q3", "q1"), shown());
        filter.setVersion(2);
        assertEquals(List.of("q3"), shown());
        filter.setLabel("");
        assertEquals(List.of("q4", "q3"), shown());
    }

    @Test
    void searchNeedsEveryWordInQuestionAnswerOrNotes() {
        filter.setText("parked car");
        assertEquals(List.of("q1"), shown());
        filter.setText("LORRY");
        assertEquals(List.of("q3"), shown(), "examples' notes are searched, ignoring case");
        filter.setText("transporter reflected");
        assertEquals(List.of(), shown());
        filter.setText("  ");
        assertEquals(4, shown().size());
    }

    @Test
    void theChoicesOfferedComeFromTheEntries() {
        assertEquals(List.of("car", "LOC", "person"), filter.labels());
        assertEquals(List.of(1, 2), filter.versions());
        assertEquals(1, filter.count(FaqStatus.OPEN));
        filter.setLabel("bicycle");
        assertTrue(filter.labels().contains("bicycle"), "a label filtered by stays offered even without entries");
        assertEquals(List.of(), shown());
    }
}
