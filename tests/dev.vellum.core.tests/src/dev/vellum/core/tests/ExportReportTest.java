package dev.vellum.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.ExportReport.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportReportTest {
    @Test
    void repeatedMessagesAreCountedAndAnnotationsOfOneLossShareALine() {
        ExportReport r = new ExportReport.Builder().add("a", "no size").each("a", "holes left out", "s1").add("b", "other").add("a", "no size")
                .each("a", "holes left out", "s2").each("a", "holes left out", "s1").add("a", "holes left out").build(2);
        assertEquals(2, r.itemsWritten());
        assertEquals(List.of(new Problem("a", "no size (2 times)"), new Problem("a", "holes left out: 's1', 's2'"),
                new Problem("a", "holes left out"), new Problem("b", "other")), r.problems());
    }

    @Test
    void addAllAppendsAndMergesWhatAnotherBuilderCollected() {
        ExportReport.Builder first = new ExportReport.Builder().add("a", "x").each("a", "gone", "1");
        ExportReport.Builder second = new ExportReport.Builder().add("a", "x").each("a", "gone", "2").add("c", "y");
        assertTrue(new ExportReport.Builder().isEmpty());
        assertEquals(List.of(new Problem("a", "x (2 times)"), new Problem("a", "gone: '1', '2'"), new Problem("c", "y")),
                first.addAll(second).build(0).problems());
    }
}
