package dev.vellum.quality.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.Finding.Severity;
import dev.vellum.quality.ui.parts.FindingTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Problems view's title, counts and orders, without widgets. */
class FindingTableTest {
    private static Finding f(Severity s, String rule, String item) {
        return new Finding(rule, s, item, "alice", "a1", "m");
    }

    @Test
    void theTitleCountsEachSeverityThatOccurs() {
        assertEquals("Problems", FindingTable.title(List.of()));
        assertEquals("Problems (1 error)", FindingTable.title(List.of(f(Severity.ERROR, "r", "i"))));
        assertEquals("Problems (3 errors, 2 warnings, 1 info)", FindingTable.title(List.of(f(Severity.ERROR, "r", "i"),
                f(Severity.WARNING, "r", "i"), f(Severity.ERROR, "r", "i"), f(Severity.INFO, "r", "i"), f(Severity.ERROR, "r", "i"),
                f(Severity.WARNING, "r", "i"))));
    }

    @Test
    void severityOrdersWorstFirstThenByItem() {
        List<Finding> l = new ArrayList<>(List.of(f(Severity.INFO, "a", "x"), f(Severity.ERROR, "b", "y"), f(Severity.ERROR, "c", "x"),
                f(Severity.WARNING, "d", "")));
        l.sort(FindingTable.Column.SEVERITY.order());
        assertEquals(List.of("c", "b", "d", "a"), l.stream().map(Finding::ruleId).toList());
        l.sort(FindingTable.Column.ITEM.order());
        assertEquals("(project)", FindingTable.Column.ITEM.text(l.get(0)), "'(' sorts before letters");
    }
}
