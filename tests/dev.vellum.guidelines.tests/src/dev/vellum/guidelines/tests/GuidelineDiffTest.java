package dev.vellum.guidelines.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.guidelines.GuidelineDiff;
import dev.vellum.guidelines.GuidelineDiff.Kind;
import dev.vellum.guidelines.GuidelineDiff.Row;
import dev.vellum.guidelines.GuidelineDiff.Span;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The diff on real Markdown: two versions of this repository's own architecture notes (commit
 * 554698e added a section) and two versions of a realistic annotation guideline. Every expected
 * row was checked by hand against the two texts.
 */
class GuidelineDiffTest {
    private static final List<String> LABELS = List.of("car", "person", "bicycle", "traffic-light", "PER", "ORG", "LOC", "DATE");

    /** A row as "KIND old/new [section] old text with [-marks-] | new text with {+marks+}". */
    private static String show(Row r) {
        return r.kind() + " " + r.oldLine() + "/" + r.newLine() + " [" + r.section() + "] " + mark(r.oldText(), r.oldSpans(), "[-", "-]")
                + " | " + mark(r.newText(), r.newSpans(), "{+", "+}");
    }

    private static String mark(String text, List<Span> spans, String open, String close) {
        StringBuilder sb = new StringBuilder();
        int at = 0;
        for (Span s : spans) {
            sb.append(text, at, s.start()).append(open).append(text, s.start(), s.end()).append(close);
            at = s.end();
        }
        return sb.append(text.substring(at)).toString();
    }

    private static List<String> changes(GuidelineDiff d) {
        return d.rows().stream().filter(r -> r.kind() != Kind.SAME).map(GuidelineDiffTest::show).toList();
    }

    private static GuidelineDiff streetAndNews() throws IOException {
        return GuidelineDiff.between(TestProjects.resource("street-and-news-v1.md"), TestProjects.resource("street-and-news-v2.md"));
    }

    private static GuidelineDiff architecture() throws IOException {
        return GuidelineDiff.between(TestProjects.resource("architecture-before.md"), TestProjects.resource("architecture-after.md"));
    }

    @Test
    void aGuidelineRevisionShowsEachEditedLineBesideItsNewVersionWithTheChangedWordsMarked() throws IOException {
        assertEquals(List.of(
                "CHANGED 10/10 [General rules] - Work at 100 % zoom or closer for objects smaller than [-40-] pixels."
                        + " | - Work at 100 % zoom or closer for objects smaller than {+32+} pixels.",
                "CHANGED 19/19 [Cars] - Parked cars count; cars on posters or [-billboards-] do not."
                        + " | - Parked cars count; cars on posters{+, billboards+} or {+reflected in shop windows+} do not.",
                "CHANGED 20/20 [Cars] - Set `occluded` when [-less than half-] of the car is [-visible-]."
                        + " | - Set `occluded` when {+a third or more+} of the car is {+hidden by another object+}.",
                "ADDED 0/26 [Persons]  | {+- People inside a bus or a tram are not labelled.+}",
                "CHANGED 33/34 [Traffic lights] - Label each traffic light housing as `traffic-light`[-, including-] the ones facing away."
                        + " | - Label each traffic light housing as `traffic-light`{+; skip+} the ones facing away {+from the camera+}.",
                "REMOVED 34/0 [Traffic lights] [-- Do not label the pole.-] | ",
                "CHANGED 44/44 [News texts (text)] - `DATE`: absolute and relative dates (\"3 March 2026\", \"last Tuesday\")[-,-] not times of day."
                        + " | - `DATE`: absolute and relative dates (\"3 March 2026\", \"last Tuesday\"){+;+} not times of day {+or durations+}.",
                "ADDED 0/46 [Nested names]  | {+### Nested names+}",
                "ADDED 0/47 [Nested names]  | ",
                "ADDED 0/48 [Nested names]  | {+An `ORG` whose name contains a place (\"Harbor Authority of Portmere\") is one `ORG` span; do not+}",
                "ADDED 0/49 [Nested names]  | {+mark the `LOC` inside it.+}",
                "ADDED 0/50 [Nested names]  | ",
                "CHANGED 48/53 [Review] Reviewers reject a set when a required attribute is missing or a box is more than [-5-] pixels too"
                        + " | Reviewers reject a set when a required attribute is missing or a box is more than {+3+} pixels too"),
                changes(streetAndNews()));
    }

    @Test
    void everyLineOfBothTextsAppearsOnceInOrder() throws IOException {
        GuidelineDiff d = streetAndNews();
        List<String> oldLines = TestProjects.resource("street-and-news-v1.md").lines().toList();
        List<String> newLines = TestProjects.resource("street-and-news-v2.md").lines().toList();
        int o = 0;
        int n = 0;
        for (Row r : d.rows()) {
            if (r.oldLine() > 0) {
                assertEquals(++o, r.oldLine());
                assertEquals(oldLines.get(o - 1), r.oldText());
            }
            if (r.newLine() > 0) {
                assertEquals(++n, r.newLine());
                assertEquals(newLines.get(n - 1), r.newText());
            }
        }
        assertEquals(oldLines.size(), o);
        assertEquals(newLines.size(), n);
        assertEquals(49, oldLines.size());
        assertEquals(54, newLines.size());
    }

    @Test
    void anAddedSectionOfTheArchitectureNotesIsAddedRowsInTheirSections() throws IOException {
        GuidelineDiff d = architecture();
        List<Row> changed = d.rows().stream().filter(r -> r.kind() != Kind.SAME).toList();
        assertEquals(29, changed.size());
        assertTrue(changed.stream().allMatch(r -> r.kind() == Kind.ADDED && r.oldLine() == 0));
        assertEquals(168, d.rows().size(), "139 unchanged lines and 29 added ones");
        assertEquals("ADDED 0/140 [Interfaces]  | ", show(changed.get(0)));
        assertEquals("ADDED 0/141 [Interfaces]  | {+---+}", show(changed.get(1)));
        assertEquals("ADDED 0/143 [As built (foundation)]  | {+## As built (foundation)+}", show(changed.get(3)));
        assertEquals("ADDED 0/168 [As built (foundation)]  | {+  product's CLI and starts the workbench on the sample with"
                + " `-Dvellum.smoke=<report.json>`.+}", show(changed.get(28)));
        Row lastSame = d.rows().get(138);
        assertEquals(Kind.SAME, lastSame.kind());
        assertEquals("  Jobs with progress and cancel in the GUI and a progress line in the CLI.", lastSame.newText());
        assertEquals("Interfaces", lastSame.section());
        assertEquals("Vellum: the design to build toward", d.rows().get(0).section(), "the title is a heading too");
        assertEquals("Vellum: the design to build toward", d.rows().get(5).section());
        assertEquals("Layers (arrows point down only)", d.rows().get(9).section());
        assertEquals("Layers (arrows point down only)", d.rows().get(12).section(), "inside the diagram's code block");
        assertEquals(List.of("Interfaces", "As built (foundation)"), List.copyOf(d.sectionsTouched()));
    }

    @Test
    void theUnifiedRenderingIsGitLikeWithMarkedWords() throws IOException {
        assertEquals("""
                --- v1
                +++ v2
                @@ -9,3 +9,3 @@ General rules
                 - When in doubt between two labels, pick the more specific one and raise a question.
                -- Work at 100 % zoom or closer for objects smaller than [-40-] pixels.
                +- Work at 100 % zoom or closer for objects smaller than {+32+} pixels.
                \s
                @@ -18,4 +18,4 @@ Cars
                 - Label every passenger car, SUV, van and truck as `car` and set `kind`.
                -- Parked cars count; cars on posters or [-billboards-] do not.
                -- Set `occluded` when [-less than half-] of the car is [-visible-].
                +- Parked cars count; cars on posters{+, billboards+} or {+reflected in shop windows+} do not.
                +- Set `occluded` when {+a third or more+} of the car is {+hidden by another object+}.
                \s
                @@ -25,2 +25,3 @@ Persons
                 - A cyclist gets two boxes: one `person` and one `bicycle`.
                +- People inside a bus or a tram are not labelled.
                \s
                @@ -32,4 +33,3 @@ Traffic lights
                \s
                -- Label each traffic light housing as `traffic-light`[-, including-] the ones facing away.
                -- Do not label the pole.
                +- Label each traffic light housing as `traffic-light`{+; skip+} the ones facing away {+from the camera+}.
                \s
                @@ -43,7 +43,12 @@ News texts (text)
                 - `LOC`: places: cities, regions, streets, harbours, geographic features.
                -- `DATE`: absolute and relative dates ("3 March 2026", "last Tuesday")[-,-] not times of day.
                +- `DATE`: absolute and relative dates ("3 March 2026", "last Tuesday"){+;+} not times of day {+or durations+}.
                \s
                +### Nested names
                +
                +An `ORG` whose name contains a place ("Harbor Authority of Portmere") is one `ORG` span; do not
                +mark the `LOC` inside it.
                +
                 ## Review
                \s
                -Reviewers reject a set when a required attribute is missing or a box is more than [-5-] pixels too
                +Reviewers reject a set when a required attribute is missing or a box is more than {+3+} pixels too
                 loose on any side.
                """, streetAndNews().unified("v1", "v2", 1));
    }

    @Test
    void hunksOfTheArchitectureNotesCountLinesLikeGit() throws IOException {
        String u = architecture().unified("a/docs/architecture.md", "b/docs/architecture.md", 3);
        List<String> lines = u.lines().toList();
        assertEquals("--- a/docs/architecture.md", lines.get(0));
        assertEquals("+++ b/docs/architecture.md", lines.get(1));
        assertEquals("@@ -137,3 +137,32 @@ Interfaces", lines.get(2), "the same numbers git diff prints for commit 554698e");
        assertEquals("   recorded in annotation sets and the audit trail.", lines.get(3), "a context line: ' ' and the line");
        assertEquals(2 + 1 + 3 + 29, lines.size(), "file names, one hunk header, 3 context lines, 29 added lines");
        assertEquals(29, lines.stream().filter(l -> l.startsWith("+") && !l.startsWith("+++")).count());
    }

    @Test
    void identicalTextsHaveAnEmptyDiff() throws IOException {
        String v1 = TestProjects.resource("street-and-news-v1.md");
        GuidelineDiff d = GuidelineDiff.between(v1, v1.replace("\n", "\r\n"));
        assertTrue(d.isEmpty(), "Windows line ends are not a change");
        assertEquals("", d.unified("a", "b", 3));
        assertEquals(Set.of(), d.sectionsTouched());
        assertEquals(Set.of(), d.labelsTouched(LABELS));
        assertFalse(streetAndNews().isEmpty());
    }

    @Test
    void wordSpansAreExactOffsetsOfTheChangedWords() {
        Row r = GuidelineDiff.between("The quick brown fox.\n", "The quick red fox!\n").rows().get(0);
        assertEquals(Kind.CHANGED, r.kind());
        assertEquals(List.of(new Span(10, 15), new Span(19, 20)), r.oldSpans(), "'brown' and '.'");
        assertEquals(List.of(new Span(10, 13), new Span(17, 18)), r.newSpans(), "'red' and '!'");

        Row merged = GuidelineDiff.between("Always keep the red car here for now.", "Always keep a blue van here for now.").rows().get(0);
        assertEquals(Kind.CHANGED, merged.kind());
        assertEquals(List.of(new Span(12, 23)), merged.oldSpans(), "changes separated only by white space are one span");
        assertEquals(List.of(new Span(12, 22)), merged.newSpans());

        Row inserted = GuidelineDiff.between("Label the car.", "Label the parked car.").rows().get(0);
        assertEquals(List.of(), inserted.oldSpans(), "nothing of the old line changed");
        assertEquals(List.of(new Span(10, 16)), inserted.newSpans(), "the inserted word, without the space after it");

        Row spaces = GuidelineDiff.between("a  b", "a b").rows().get(0);
        assertEquals(List.of(new Span(1, 3)), spaces.oldSpans(), "a change of white space only is marked as it is");
        assertEquals(List.of(new Span(1, 2)), spaces.newSpans());
    }

    @Test
    void editedLinesArePairedBySimilarityNotByPosition() {
        String before = """
                ## Cars
                - Boxes must be tight around the car.
                - Ignore reflections.
                """;
        String after = """
                ## Cars
                - A new first rule about parked bicycles.
                - Boxes must be tight around every car.
                - Ignore reflections in shop windows.
                """;
        assertEquals(List.of(
                "ADDED 0/2 [Cars]  | {+- A new first rule about parked bicycles.+}",
                "CHANGED 2/3 [Cars] - Boxes must be tight around [-the-] car. | - Boxes must be tight around {+every+} car.",
                "CHANGED 3/4 [Cars] - Ignore reflections. | - Ignore reflections {+in shop windows+}."),
                changes(GuidelineDiff.between(before, after)));

        assertEquals(List.of(
                "REMOVED 2/0 [Cars] [-- Never box a shadow.-] | ",
                "ADDED 0/2 [Cars]  | {+- Person boxes include what they carry.+}"),
                changes(GuidelineDiff.between("## Cars\n- Never box a shadow.\n", "## Cars\n- Person boxes include what they carry.\n")),
                "unrelated lines are not shown as one changed line");
    }

    @Test
    void hashLinesInFencedCodeAreNotHeadings() {
        String before = "## Export\n\n```sh\n# run this\nvellum cli export p\n```\nDone.\n";
        String after = "## Export\n\n```sh\n# run this\nvellum cli export p --accepted-only\n```\nDone.\n";
        List<Row> rows = GuidelineDiff.between(before, after).rows();
        assertEquals(Kind.CHANGED, rows.get(4).kind());
        assertEquals("Export", rows.get(4).section());
        assertEquals(Set.of("Export"), GuidelineDiff.between(before, after).sectionsTouched());
        assertEquals("Export", rows.get(3).section(), "'# run this' is a shell comment");
    }

    @Test
    void labelsAreTouchedByChangedLinesAndByTheHeadingsOfChangedSections() throws IOException {
        GuidelineDiff d = streetAndNews();
        // car: changed lines; person: an added line in "Persons" (a plural heading); traffic-light,
        // DATE: changed lines; ORG and LOC: the added nested-names paragraph. bicycle and PER only
        // appear on unchanged lines.
        assertEquals(List.of("car", "person", "traffic-light", "ORG", "LOC", "DATE"), List.copyOf(d.labelsTouched(LABELS)));
        assertEquals(Set.of(), d.labelsTouched(List.of("bicycle", "PER")));
        assertEquals(List.of("General rules", "Cars", "Persons", "Traffic lights", "News texts (text)", "Nested names", "Review"),
                List.copyOf(d.sectionsTouched()));

        GuidelineDiff arch = architecture();
        assertEquals(List.of("registry", "store", "item"), List.copyOf(arch.labelsTouched(List.of("registry", "store", "item", "modality"))),
                "'ModalityRegistry' is not the word 'modality'");
        assertEquals(Set.of(), arch.labelsTouched(List.of("PER")), "'per item' does not mention the label PER");

        GuidelineDiff lower = GuidelineDiff.between("## Cars\nBox them.\n", "## Cars\nBox them tightly.\n");
        assertEquals(Set.of("car"), lower.labelsTouched(List.of("car", "bicycle")), "a changed line under the heading 'Cars'");
        assertEquals(Set.of("Car"), GuidelineDiff.between("", "every CAR counts").labelsTouched(List.of("Car")), "case is ignored");
        assertEquals(Set.of(), GuidelineDiff.between("", "a carpet").labelsTouched(List.of("car")), "whole words only");

        GuidelineDiff blank = GuidelineDiff.between("## Cars\nBox cars.\n", "## Cars\n\nBox cars.\n\n");
        assertFalse(blank.isEmpty());
        assertEquals(Set.of(), blank.sectionsTouched(), "adding blank lines changes nothing a reader sees");
        assertEquals(Set.of(), blank.labelsTouched(List.of("car")));
    }
}
