package dev.vellum.guidelines.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.guidelines.ui.internal.ProjectImages;
import dev.vellum.core.ui.widgets.MarkdownViewer;
import dev.vellum.core.ui.widgets.MarkdownViewer.HeadingRef;
import dev.vellum.core.ui.widgets.MarkdownViewer.ImageRef;
import dev.vellum.core.ui.widgets.MarkdownViewer.LinkRef;
import dev.vellum.core.ui.widgets.MarkdownViewer.Loaded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Markdown viewer lays commonmark's syntax tree out as styles, indents and objects at the right places. */
class MarkdownViewerTest {
    @TempDir
    Path tmp;
    private Shell shell;
    private MarkdownViewer viewer;

    @BeforeEach
    void setUp() {
        shell = new Shell(Display.getDefault());
        shell.setSize(700, 600);
        shell.setLayout(new org.eclipse.swt.layout.FillLayout());
        viewer = new MarkdownViewer(shell, SWT.NONE);
        shell.open();
    }

    @AfterEach
    void tearDown() {
        shell.dispose();
    }

    private StyledText text() {
        return viewer.getControl();
    }

    /** The offset of the first {@code word} in the rendered text. */
    private int at(String word) {
        int i = text().getText().indexOf(word);
        assertTrue(i >= 0, "'" + word + "' is not in the rendered text: " + text().getText());
        return i;
    }

    private StyleRange style(String word) {
        return text().getStyleRangeAtOffset(at(word));
    }

    /** The one style range that covers exactly {@code word}, failing when it is cut or spills over. */
    private StyleRange exactly(String word) {
        int start = at(word);
        int from = Math.max(0, start - 1);
        int to = Math.min(text().getCharCount(), start + word.length() + 1);
        StyleRange[] ranges = text().getStyleRanges(from, to - from);
        assertEquals(1, ranges.length, "one style range around '" + word + "'");
        assertEquals(start, ranges[0].start, "the style starts with '" + word + "'");
        assertEquals(word.length(), ranges[0].length, "the style ends with '" + word + "'");
        return ranges[0];
    }

    private static FontData font(StyleRange r) {
        assertNotNull(r, "no style");
        assertNotNull(r.font, "no font");
        return r.font.getFontData()[0];
    }

    private int baseHeight() {
        return text().getFont().getFontData()[0].getHeight();
    }

    @Test
    void headingsAreBoldAndLargerByLevelAndMarkupIsNotShown() {
        viewer.setMarkdown("# Title one\n\n## Second level\n\nPlain words.\n");
        assertFalse(text().getText().contains("#"), "the heading marks are syntax, not text");
        FontData h1 = font(style("Title"));
        FontData h2 = font(style("Second"));
        assertTrue((h1.getStyle() & SWT.BOLD) != 0);
        assertTrue(h1.getHeight() > h2.getHeight(), "h1 " + h1.getHeight() + " is larger than h2 " + h2.getHeight());
        assertTrue(h2.getHeight() > baseHeight());
        assertNull(style("Plain"), "plain text has no style range");
        List<HeadingRef> headings = viewer.headings();
        assertEquals(List.of("Title one", "Second level"), headings.stream().map(HeadingRef::text).toList());
        assertEquals(List.of(1, 2), headings.stream().map(HeadingRef::level).toList());
        assertEquals(at("Second"), headings.get(1).offset());
    }

    @Test
    void emphasisStrongAndCodeStyleExactlyTheirWords() {
        viewer.setMarkdown("Some **strong** and *slanted* and `code` here.");
        assertEquals("Some strong and slanted and code here.", text().getText());
        StyleRange strong = exactly("strong");
        assertTrue((font(strong).getStyle() & SWT.BOLD) != 0);
        assertTrue((font(exactly("slanted")).getStyle() & SWT.ITALIC) != 0);
        StyleRange code = exactly("code");
        assertEquals(JFaceResources.getTextFont().getFontData()[0].getName(), font(code).getName(), "code is monospaced");
        assertNotNull(code.background, "inline code has a background");
        assertNull(text().getStyleRangeAtOffset(at(" and ") + 1), "the words between are plain");
    }

    @Test
    void linksAreUnderlinedAndCarryTheirDestination() {
        List<String> followed = new ArrayList<>();
        viewer.addLinkListener(followed::add);
        viewer.setMarkdown("See the [FAQ entry](q7) or [cars](#cars).\n\n## Cars\n");
        StyleRange link = exactly("FAQ entry");
        assertTrue(link.underline);
        assertEquals(new LinkRef("q7", at("FAQ entry"), at("FAQ entry") + "FAQ entry".length()), link.data);
        assertEquals(List.of("q7", "#cars"), viewer.links().stream().map(LinkRef::destination).toList());
        viewer.follow("q7");
        assertEquals(List.of("q7"), followed, "links that are no web address go to the listeners");
        viewer.follow("#cars");
        assertEquals(List.of("q7"), followed, "in-page anchors scroll instead");
    }

    @Test
    void listItemsGetAMarkerAndAHangingIndentNestedDeeper() {
        viewer.setMarkdown("- first item\n- second item\n  - nested item\n\n1. one\n2. two\n");
        StyledText t = text();
        int first = t.getLineAtOffset(at("first item"));
        int nested = t.getLineAtOffset(at("nested item"));
        int ordered = t.getLineAtOffset(at("two"));
        assertEquals(MarkdownViewer.OBJECT, t.getText().charAt(t.getOffsetAtLine(first)), "a marker object starts each item");
        StyleRange marker = t.getStyleRangeAtOffset(t.getOffsetAtLine(first));
        assertNotNull(marker.metrics);
        assertTrue(t.getLineWrapIndent(first) >= t.getLineIndent(first) + marker.metrics.width,
                "wrapped lines of an item start under its text, not under its marker");
        assertTrue(t.getLineIndent(nested) > t.getLineIndent(first), "a nested list is indented further");
        assertEquals(t.getLineIndent(first), t.getLineIndent(ordered));
    }

    @Test
    void codeBlocksAreMonospacedOnATintedBackgroundLineByLine() {
        viewer.setMarkdown("Before.\n\n```\nline one\nline two\n```\n\nAfter.\n");
        StyledText t = text();
        int one = t.getLineAtOffset(at("line one"));
        assertNotNull(t.getLineBackground(one));
        assertEquals(t.getLineBackground(one), t.getLineBackground(one + 1));
        assertNull(t.getLineBackground(t.getLineAtOffset(at("After"))));
        assertEquals(JFaceResources.getTextFont().getFontData()[0].getName(), font(style("line two")).getName());
        assertTrue(t.getLineIndent(one) > 0);
    }

    @Test
    void blockQuotesAreIndentedAndMuted() {
        viewer.setMarkdown("Normal.\n\n> Quoted words.\n");
        StyledText t = text();
        assertTrue(t.getLineIndent(t.getLineAtOffset(at("Quoted"))) > t.getLineIndent(t.getLineAtOffset(at("Normal"))));
        assertNotNull(style("Quoted").foreground);
    }

    @Test
    void tablesPutCellsAtTabStopsWithABoldHeader() {
        viewer.setMarkdown("| Attribute | Values |\n|---|---|\n| kind | sedan, suv |\n");
        StyledText t = text();
        int header = t.getLineAtOffset(at("Attribute"));
        assertEquals("\tAttribute\tValues", t.getLine(header));
        assertEquals("\tkind\tsedan, suv", t.getLine(header + 1));
        assertTrue((font(style("Values")).getStyle() & SWT.BOLD) != 0);
        assertNull(style("kind"), "body cells are plain");
        int[] stops = t.getLineTabStops(header);
        assertEquals(2, stops.length, "one stop per column");
        assertTrue(stops[1] - stops[0] > t.getLineWrapIndent(header) + 40, "a column is as wide as its widest cell");
    }

    @Test
    void aTableTooWideForTheViewIsStackedRowByRow() {
        shell.setSize(260, 600);
        shell.layout(true, true);
        viewer.setMarkdown("| Kind | What it looks like |\n|---|---|\n| sedan | A low body with a separate boot |\n| van | A tall, boxy body |\n");
        StyledText t = text();
        assertFalse(t.getText().contains("\t"), "no columns: " + t.getText());
        int sedan = t.getLineAtOffset(at("sedan"));
        assertEquals("sedan", t.getLine(sedan));
        assertEquals("What it looks like: A low body with a separate boot", t.getLine(sedan + 1));
        assertTrue((font(exactly("sedan")).getStyle() & SWT.BOLD) != 0, "the first cell heads its row");
        assertTrue(t.getLineIndent(sedan + 1) > t.getLineIndent(sedan));
        shell.setSize(700, 600);
        shell.layout(true, true);
        viewer.setMarkdown(viewer.markdown());
        assertTrue(t.getText().contains("\tsedan\tA low body"), "wide enough again: columns");
    }

    @Test
    void aMissingImageIsAVisiblePlaceholderNamingIt() {
        viewer.setImageSource(d -> Loaded.missing("not found"));
        viewer.setMarkdown("Text.\n\n![A parked car](media/none.png)\n");
        String shown = text().getText();
        assertTrue(shown.contains("Image not shown: media/none.png (not found)"), shown);
        assertTrue(shown.contains("A parked car"), "the alt text says what is missing");
        StyleRange r = style("Image not shown");
        assertEquals(new RGB(0x9a, 0x1c, 0x1c), r.foreground.getRGB());
        assertNotNull(r.background);
        assertEquals(List.of(new ImageRef("media/none.png", at("Image not shown") - 3, false, "not found")), viewer.images());
    }

    @Test
    void anImageOfTheProjectFolderIsEmbeddedAtItsSize() throws Exception {
        try (var project = new dev.vellum.store.folder.FolderProjectStore().create(tmp.resolve("project").toString(), "img", "Images")) {
            Path media = Files.createDirectories(tmp.resolve("project/media"));
            ImageData data = new ImageData(40, 30, 24, new PaletteData(0xff0000, 0xff00, 0xff));
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            loader.save(media.resolve("box.png").toString(), SWT.IMAGE_PNG);
            viewer.setImageSource(new ProjectImages(project));
            viewer.setMarkdown("An image: ![box](media/box.png) and ![escape](../outside.png)");
            List<ImageRef> images = viewer.images();
            assertTrue(images.get(0).shown(), images.toString());
            StyleRange object = text().getStyleRangeAtOffset(images.get(0).offset());
            assertEquals(MarkdownViewer.OBJECT, text().getText().charAt(images.get(0).offset()));
            assertEquals(40, object.metrics.width);
            assertEquals(30, object.metrics.ascent);
            assertFalse(images.get(1).shown(), "a path out of the project folder is not shown");
            assertEquals("outside the project folder", images.get(1).problem());
        }
    }

    @Test
    void aHeadingMentioningALabelIsFoundWithItsPlural() {
        viewer.setMarkdown("# Guide\n\n## General rules\n\n## Cars\n\n## Organisations (ORG)\n");
        assertEquals("Cars", viewer.headingMentioning("car").orElseThrow().text());
        assertEquals("Organisations (ORG)", viewer.headingMentioning("ORG").orElseThrow().text());
        assertTrue(viewer.headingMentioning("org").isPresent(), "lower case labels match any case");
        assertTrue(viewer.headingMentioning("person").isEmpty());
        assertTrue(viewer.headingMentioning("rule").isPresent());
        assertEquals("cars", MarkdownViewer.slug("Cars"));
    }

    @Test
    void nothingOfTheTextShownBeforeSurvivesANewOne() {
        viewer.setMarkdown("```\ncode\n```\n\n> quoted\n\n- item\n");
        viewer.setMarkdown("plain\n\nplain\n\nplain\n");
        StyledText t = text();
        for (int i = 0; i < t.getLineCount(); i++) {
            assertNull(t.getLineBackground(i), "line " + i);
            assertEquals(0, t.getLineIndent(i), "line " + i);
            assertEquals(0, t.getLineWrapIndent(i), "line " + i);
        }
    }

    @Test
    void escapedTextShowsLiterally() {
        viewer.setMarkdown(MarkdownViewer.escape("a *star* and [brackets] and # hash"));
        assertEquals("a *star* and [brackets] and # hash", text().getText());
    }
}
