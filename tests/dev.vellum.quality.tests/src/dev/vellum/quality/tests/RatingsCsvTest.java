package dev.vellum.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.quality.agreement.RatingTable;
import dev.vellum.quality.agreement.RatingsCsv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ratings CSV: header by name, RFC 4180 quoting, numbers or labels, and errors naming file and line. */
class RatingsCsvTest {
    private static final Path FILE = Path.of("ratings.csv");

    private static RatingTable read(String text) throws IOException {
        return RatingsCsv.read(FILE, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(String text) {
        return assertThrows(RatingsCsv.FormatException.class, () -> read(text)).getMessage();
    }

    @Test
    void readsNumbersIntoANumericTable() throws IOException {
        RatingTable t = read("unit,rater,value\nu1,alice,1\nu1,bob,2.5\nu2,alice,-3\nu2,bob,1e1\n");
        assertTrue(t.isNumeric());
        assertEquals(List.of("u1", "u2"), t.units());
        assertEquals(List.of("alice", "bob"), t.raters());
        assertEquals(2.5, t.cell(0, 1));
        assertEquals(-3, t.cell(1, 0));
        assertEquals(10, t.cell(1, 1));
    }

    @Test
    void oneLabelMakesEveryValueALabel() throws IOException {
        RatingTable t = read("unit,rater,value\nu1,alice,1\nu1,bob,NaN\nu2,alice,2\n");
        assertFalse(t.isNumeric());
        assertEquals(List.of("1", "NaN", "2"), t.categories());
        assertEquals(1, t.cell(0, 1));
        assertTrue(t.isMissing(1, 1));
    }

    @Test
    void columnsAreFoundByNameInAnyOrderAndOthersIgnored() throws IOException {
        RatingTable t = read("Value, note ,RATER,unit\nyes,first,alice,u1\nno,,bob,u1\n");
        assertEquals(List.of("u1"), t.units());
        assertEquals(List.of("alice", "bob"), t.raters());
        assertEquals(List.of("yes", "no"), t.categories());
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() throws IOException {
        RatingTable t = read("\uFEFFunit,rater,value\r\n\"u,1\",\"al\"\"ice\",\"a\nb\"\r\n\r\n\"u,1\",bob,plain\r\n");
        assertEquals(List.of("u,1"), t.units());
        assertEquals(List.of("al\"ice", "bob"), t.raters());
        assertEquals(List.of("a\nb", "plain"), t.categories());
    }

    @Test
    void blankLinesAndEmptyValuesAreSkipped() throws IOException {
        RatingTable t = read("\n\nunit,rater,value\n\nu1,a,x\n   \nu1,b,\nu2,b,y");
        assertEquals(List.of("u1", "u2"), t.units());
        assertEquals(List.of("a", "b"), t.raters());
        assertTrue(t.isMissing(0, 1));
        assertEquals(1, t.cell(1, 1));
    }

    @Test
    void aRaterRatingAUnitTwiceIsAnErrorNamingBothLines() {
        String m = error("unit,rater,value\nu1,alice,1\nu2,alice,1\nu1,alice,2\n");
        assertEquals("ratings.csv:4: rater 'alice' rated unit 'u1' twice (first on line 2)", m);
    }

    @Test
    void errorsNameTheFileAndLine() {
        assertTrue(error("").startsWith("ratings.csv: empty file"));
        assertEquals("ratings.csv:1: the header must name the columns unit, rater and value; found item,annotator,label",
                error("item,annotator,label\nu1,a,x\n"));
        assertEquals("ratings.csv:3: expected 3 fields as in the header, found 2", error("unit,rater,value\nu1,a,x\nu2,b\n"));
        assertEquals("ratings.csv:2: a quoted field is not closed", error("unit,rater,value\n\"u1,a,x\nu2,b,y\n"));
        assertEquals("ratings.csv:2: unexpected text after a closing quote", error("unit,rater,value\n\"u1\"x,a,x\n"));
        assertEquals("ratings.csv:2: the rater is empty", error("unit,rater,value\nu1,,x\n"));
        assertEquals("ratings.csv:1: the header names the column 'unit' twice", error("unit,rater,value,unit\n"));
        // a line break inside quotes counts: the bad row is on line 4
        assertEquals("ratings.csv:4: expected 3 fields as in the header, found 1",
                error("unit,rater,value\n\"u\n1\",a,x\nlonely\n"));
    }

    @Test
    void readsFromDiskAndNamesAMissingFile(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("r.csv");
        Files.writeString(f, "unit,rater,value\nu1,a,x\n");
        assertEquals(1, RatingsCsv.read(f).unitCount());
        assertThrows(NoSuchFileException.class, () -> RatingsCsv.read(tmp.resolve("none.csv")));
    }

    @Test
    void manyRowsReadQuickly() throws IOException {
        StringBuilder sb = new StringBuilder("unit,rater,value\n");
        int units = 1_000_000;
        for (int u = 0; u < units; u++) {
            for (int r = 0; r < 3; r++) {
                sb.append("item-").append(u).append(",annotator").append(r).append(',').append((u + r) % 5 + 1).append('\n');
            }
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        long best = Long.MAX_VALUE;
        RatingTable t = null;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            t = RatingsCsv.read(FILE, bytes);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("ratings CSV, 3,000,000 rows (%d MB): %.1f ms (best of 3)%n", bytes.length >> 20, best / 1e6);
        assertEquals(units, t.unitCount());
        assertEquals(3, t.raterCount());
        assertTrue(t.isNumeric());
        assertEquals((units - 1 + 2) % 5 + 1, t.cell(units - 1, 2));
        assertTrue(best < 3_000_000_000L, "reading took " + best / 1e6 + " ms");
    }
}
