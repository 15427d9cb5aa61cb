package dev.vellum.guidelines.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.guidelines.GuidelineDiff;
import dev.vellum.guidelines.GuidelineDiff.Kind;
import dev.vellum.guidelines.GuidelineDiff.Row;
import dev.vellum.guidelines.GuidelineDiff.Span;
import dev.vellum.guidelines.ui.viewers.DiffViewer;
import java.util.List;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The side-by-side diff: one row per line on both sides, the right backgrounds, word marks, level rows, one scroll. */
class DiffViewerTest {
    private static final String OLD = "# Cars\n\nBoxes are tight: 2 pixels.\nDo not label reflections.\nKeep this.\n";
    private static final String NEW = "# Cars\n\nBoxes are tight: 3 pixels.\nKeep this.\nLabel parked cars.\n";

    private Shell shell;
    private DiffViewer viewer;

    @BeforeEach
    void setUp() {
        shell = new Shell(Display.getDefault());
        shell.setSize(900, 500);
        shell.setLayout(new FillLayout());
        viewer = new DiffViewer(shell);
        shell.open();
        shell.layout(true, true);
    }

    @AfterEach
    void tearDown() {
        shell.dispose();
    }

    private void spin() {
        while (Display.getDefault().readAndDispatch()) {
            // until idle
        }
    }

    private static RGB rgb(Color c) {
        return c == null ? null : c.getRGB();
    }

    private int row(Kind kind) {
        List<Row> rows = viewer.rows();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).kind() == kind) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " row in " + rows);
    }

    @Test
    void eachSideHasOneLinePerRowWithTheBackgroundOfItsKind() {
        viewer.setInput(GuidelineDiff.between(OLD, NEW));
        StyledText left = viewer.left();
        StyledText right = viewer.right();
        List<Row> rows = viewer.rows();
        assertEquals(rows.size(), left.getLineCount());
        assertEquals(rows.size(), right.getLineCount());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).oldText(), left.getLine(i), "old side, row " + i);
            assertEquals(rows.get(i).newText(), right.getLine(i), "new side, row " + i);
        }
        int same = row(Kind.SAME);
        assertNull(left.getLineBackground(same));
        assertNull(right.getLineBackground(same));
        int changed = row(Kind.CHANGED);
        assertEquals(DiffViewer.REMOVED, rgb(left.getLineBackground(changed)));
        assertEquals(DiffViewer.ADDED, rgb(right.getLineBackground(changed)));
        int removed = row(Kind.REMOVED);
        assertEquals(DiffViewer.REMOVED, rgb(left.getLineBackground(removed)));
        assertEquals(DiffViewer.FILLER, rgb(right.getLineBackground(removed)));
        assertEquals("", right.getLine(removed), "the side without the line shows an empty filler");
        int added = row(Kind.ADDED);
        assertEquals(DiffViewer.FILLER, rgb(left.getLineBackground(added)));
        assertEquals(DiffViewer.ADDED, rgb(right.getLineBackground(added)));
    }

    @Test
    void aNewInputKeepsNothingOfTheOldOne() {
        viewer.setInput(GuidelineDiff.between("a\nb\nc\n" + "x ".repeat(300) + "\n", "a\nB\nc\nshort\n"));
        viewer.setInput(GuidelineDiff.between("same\nsame\nsame\nsame\n", "same\nsame\nsame\nsame\n"));
        for (int i = 0; i < viewer.rows().size(); i++) {
            assertNull(viewer.left().getLineBackground(i), "old side, row " + i);
            assertNull(viewer.right().getLineBackground(i), "new side, row " + i);
            assertEquals(0, viewer.right().getLineVerticalIndent(i), "no spacing left over, row " + i);
        }
    }

    @Test
    void changedWordsAreMarkedAtTheirOffsetsAndNothingElseIs() {
        viewer.setInput(GuidelineDiff.between(OLD, NEW));
        int changed = row(Kind.CHANGED);
        Row r = viewer.rows().get(changed);
        assertFalse(r.newSpans().isEmpty(), "the model marks the changed word");
        for (boolean old : new boolean[] { true, false }) {
            StyledText t = old ? viewer.left() : viewer.right();
            String line = old ? r.oldText() : r.newText();
            Span span = (old ? r.oldSpans() : r.newSpans()).get(0);
            int lineStart = t.getOffsetAtLine(changed);
            assertEquals(old ? "2" : "3", line.substring(span.start(), span.end()));
            StyleRange[] marks = t.getStyleRanges(lineStart, line.length());
            assertEquals(1, marks.length, "one mark on the line");
            StyleRange mark = marks[0];
            assertEquals(old ? DiffViewer.REMOVED_WORDS : DiffViewer.ADDED_WORDS, rgb(mark.background));
            assertEquals(lineStart + span.start(), mark.start);
            assertEquals(span.end() - span.start(), mark.length);
            assertNull(t.getStyleRangeAtOffset(lineStart + line.indexOf("tight")), "unchanged words of the line are not marked");
        }
    }

    @Test
    void rowsStayLevelWhenOneSideWraps() {
        String longLine = "word ".repeat(80).strip();
        viewer.setInput(GuidelineDiff.between("a\n" + longLine + "\nb\nc\n", "a\nshort\nb\nc\n"));
        viewer.align();
        spin();
        StyledText left = viewer.left();
        StyledText right = viewer.right();
        assertTrue(left.getLinePixel(2) - left.getLinePixel(1) > 2 * left.getLineHeight(), "the long line wraps");
        for (int i = 0; i < viewer.rows().size(); i++) {
            // A row's text starts below the spacing that levels it (the line's vertical indent).
            assertEquals(left.getLinePixel(i) + left.getLineVerticalIndent(i), right.getLinePixel(i) + right.getLineVerticalIndent(i),
                    "row " + i + " starts level on both sides");
        }
        assertEquals(left.getLinePixel(viewer.rows().size() - 1), right.getLinePixel(viewer.rows().size() - 1));
    }

    @Test
    void scrollingOneSideScrollsTheOther() {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            a.append("line ").append(i).append('\n');
            b.append(i % 17 == 0 ? "changed " : "line ").append(i).append('\n');
        }
        viewer.setInput(GuidelineDiff.between(a.toString(), b.toString()));
        spin();
        viewer.left().setTopPixel(600);
        viewer.left().getVerticalBar().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        spin();
        assertEquals(600, viewer.right().getTopPixel());
        viewer.right().setTopPixel(1200);
        viewer.right().notifyListeners(org.eclipse.swt.SWT.MouseVerticalWheel, new org.eclipse.swt.widgets.Event());
        spin();
        assertEquals(1200, viewer.left().getTopPixel(), "also when the other side scrolled by itself (wheel, keys)");
    }

    @Test
    void changesAreSteppedThroughInOrder() {
        viewer.setInput(GuidelineDiff.between("a\nb\nc\nd\ne\nf\n", "a\nB\nc\nd\nE\nf\n"));
        assertEquals(2, viewer.changeCount());
        assertEquals(-1, viewer.currentChange());
        List<Integer> moves = new java.util.ArrayList<>();
        viewer.addChangeListener(() -> moves.add(viewer.currentChange()));
        assertTrue(viewer.nextChange());
        assertEquals(1, viewer.change(0)[0]);
        assertTrue(viewer.nextChange());
        assertEquals(4, viewer.change(viewer.currentChange())[0]);
        assertFalse(viewer.nextChange(), "no change after the last");
        assertTrue(viewer.previousChange());
        assertEquals(List.of(0, 1, 0), moves);
    }
}
