package dev.vellum.core.ui.widgets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Cursor;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.GlyphMetrics;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

/**
 * Shows Markdown (CommonMark with GFM tables) as formatted, read-only text: headings, emphasis,
 * lists, code, block quotes, links, tables, rules and images. The text is parsed by commonmark-java
 * and its syntax tree is laid out into one {@link StyledText}: styles for inline formatting, line
 * indents and spacing for blocks, and embedded objects (painted here) for images, rules and list
 * markers. Images come from an {@link ImageSource}; one that cannot be shown becomes a visible
 * placeholder naming it. Several documents can be shown as titled sections on their own backgrounds
 * (a conversation's turns), ranges of the shown text marked over the formatting (differences,
 * flagged passages), and positions of the shown text traced back to the Markdown source.
 * Shared by the guidelines views and the modality editors (responses of the preference editor).
 */
public final class MarkdownViewer {
    /** The character that stands for an embedded object (image, rule, list marker) in the text. */
    public static final char OBJECT = '\uFFFC';

    /** A heading of the document, for outlines and jumps. */
    public record HeadingRef(int level, String text, int offset, int sourceLine) {
    }

    /** An image reference and whether it could be shown. */
    public record ImageRef(String destination, int offset, boolean shown, String problem) {
    }

    /** A link in the text. */
    public record LinkRef(String destination, int start, int end) {
    }

    /** Where images come from. */
    public interface ImageSource {
        /** The pixels of the image {@code destination} names, or a one-line reason why it cannot be shown. */
        Loaded load(String destination);
    }

    /**
     * What {@link ImageSource#load} found.
     *
     * @param data    the image, or null
     * @param problem why there is none, or empty
     */
    public record Loaded(ImageData data, String problem) {
        public static Loaded of(ImageData data) {
            return new Loaded(data, "");
        }

        public static Loaded missing(String problem) {
            return new Loaded(null, problem);
        }
    }

    /**
     * A titled part of a document shown with {@link #setSections}: a turn of a conversation, say.
     *
     * @param title      shown in bold above the part, or empty for none
     * @param markdown   the part's Markdown
     * @param background the colour behind all its lines, or null for none
     */
    public record Section(String title, String markdown, RGB background) {
        public Section {
            title = title == null ? "" : title;
            markdown = markdown == null ? "" : markdown;
        }
    }

    /**
     * A range of the shown text to mark with a background colour, over the formatting (a difference,
     * a flagged passage).
     *
     * @param start      first char of the shown text ({@link StyledText#getText()})
     * @param end        one past the last
     * @param background the colour
     */
    public record Highlight(int start, int end, RGB background) {
    }

    /** Widest an image is shown, in pixels; larger ones are scaled down. */
    public static final int MAX_IMAGE_WIDTH = 720;

    private static final RGB LINK = new RGB(0x0b, 0x5c, 0xad);
    private static final RGB MUTED = new RGB(0x59, 0x63, 0x6e);
    private static final RGB RULE = new RGB(0xd0, 0xd7, 0xde);
    private static final RGB CODE_BG = new RGB(0xf3, 0xf4, 0xf6);
    private static final RGB CODE_FG = new RGB(0x24, 0x29, 0x2f);
    private static final RGB QUOTE_BAR = new RGB(0xc8, 0xce, 0xd6);
    private static final RGB PLACEHOLDER_FG = new RGB(0x9a, 0x1c, 0x1c);
    private static final RGB PLACEHOLDER_BG = new RGB(0xfd, 0xec, 0xea);
    private static final int LIST_STEP = 22;
    private static final int QUOTE_STEP = 18;
    private static final int CELL_PAD = 10;
    private static final int TABLE_PAD_TOP = 3;
    private static final int TABLE_PAD_BOTTOM = 3;

    private final StyledText text;
    private final LocalResourceManager resources;
    private final Parser parser = Parser.builder().extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
    private final Map<String, Font> fonts = new HashMap<>();
    private final List<org.eclipse.swt.graphics.Image> images = new ArrayList<>();
    private final List<Consumer<String>> linkListeners = new CopyOnWriteArrayList<>();
    private final Cursor hand;
    private ImageSource imageSource = d -> Loaded.missing("no project to load images from");
    private Layout layout = new Layout();
    private String markdown = "";
    private List<Section> sections;
    private StyleRange[] baseRanges = new StyleRange[0];
    private List<Highlight> highlights = List.of();
    private final List<Runnable> renderListeners = new CopyOnWriteArrayList<>();
    private int renderedWidth = -1;
    private int resizeGeneration;

    /**
     * @param parent the composite the text goes in
     * @param style  extra {@link StyledText} styles, e.g. {@link SWT#BORDER}
     */
    public MarkdownViewer(Composite parent, int style) {
        text = new StyledText(parent, style | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL | SWT.MULTI);
        resources = new LocalResourceManager(JFaceResources.getResources(), text);
        text.setMargins(16, 12, 16, 16);
        text.setBackground(text.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        text.setForeground(color(new RGB(0x1f, 0x23, 0x28)));
        text.setCaret(null);
        hand = new Cursor(text.getDisplay(), SWT.CURSOR_HAND);
        text.addPaintObjectListener(e -> paintObject(e.gc, e.x, e.y, e.ascent, e.descent, e.style));
        text.addListener(SWT.Paint, this::paintDecorations);
        text.addListener(SWT.MouseUp, this::clicked);
        text.addListener(SWT.MouseMove, e -> text.setCursor(linkAt(new Point(e.x, e.y)).isPresent() ? hand : null));
        text.addListener(SWT.Resize, e -> resized());
        // Scrolling moves what is painted without painting it again, and the decorations drawn over
        // the text do not always move with it: paint everything once a scroll is done.
        text.getVerticalBar().addListener(SWT.Selection, e -> redrawSoon());
        text.addListener(SWT.MouseVerticalWheel, e -> redrawSoon());
        text.addListener(SWT.KeyDown, e -> redrawSoon());
        text.addDisposeListener(e -> {
            disposeImages();
            hand.dispose();
        });
    }

    private void redrawSoon() {
        text.getDisplay().asyncExec(() -> {
            if (!text.isDisposed()) {
                text.redraw();
            }
        });
    }

    /** Scrolls so that the characters from {@code start} to {@code end} are shown, and selects them. */
    public void showRange(int start, int end) {
        text.setSelection(start, end);
        int line = text.getLineAtOffset(start);
        int y = text.getLinePixel(line);
        int height = text.getClientArea().height;
        if (y < 0 || y > height * 2 / 3) {
            text.setTopPixel(Math.max(0, text.getTopPixel() + y - height / 3));
        }
        text.redraw();
    }

    /** The widget. */
    public StyledText getControl() {
        return text;
    }

    /** Where images come from; applies from the next {@link #setMarkdown}. */
    public void setImageSource(ImageSource source) {
        imageSource = Objects.requireNonNull(source);
    }

    /** Tells {@code listener} the destination of each link clicked that is not a web or in-page link. */
    public void addLinkListener(Consumer<String> listener) {
        linkListeners.add(listener);
    }

    /** The Markdown shown. */
    public String markdown() {
        return markdown;
    }

    /** Shows {@code source}, keeping the scroll position when the text is long enough. */
    public void setMarkdown(String source) {
        markdown = source == null ? "" : source;
        sections = null;
        render(b -> b.render(parser.parse(markdown)));
    }

    /**
     * Shows several Markdown documents one after the other, each under its title in bold and on its
     * own background (the turns of a conversation); {@link #markdown()} is then empty and
     * {@link #sourceOffset} knows no sources.
     */
    public void setSections(List<Section> parts) {
        markdown = "";
        sections = List.copyOf(parts);
        render(b -> b.renderSections(sections));
    }

    /**
     * Marks ranges of the shown text with background colours over its formatting, replacing the
     * ranges marked before; an empty list clears them. Laying the text out again (a new text, a
     * resize that changes the layout) clears them too: listeners added with
     * {@link #addRenderListener} hear of it and may mark again.
     */
    public void setHighlights(List<Highlight> marks) {
        if (!highlights.isEmpty()) {
            text.setStyleRanges(baseRanges);
        }
        highlights = List.copyOf(marks);
        int length = text.getCharCount();
        for (Highlight h : highlights) {
            int start = Math.max(0, Math.min(h.start(), length));
            int end = Math.max(start, Math.min(h.end(), length));
            if (end > start) {
                overlay(start, end, color(h.background()));
            }
        }
    }

    /** The ranges marked now. */
    public List<Highlight> highlights() {
        return highlights;
    }

    /** Runs {@code listener} after every lay-out of the text (new text, or a resize that lays it out again). */
    public void addRenderListener(Runnable listener) {
        renderListeners.add(listener);
    }

    // Gives [start, end) the background, keeping each style range's font, colours and objects.
    private void overlay(int start, int end, Color background) {
        List<StyleRange> out = new ArrayList<>();
        int pos = start;
        for (StyleRange r : text.getStyleRanges(start, end - start)) {
            if (r.start > pos) {
                out.add(plain(pos, r.start - pos, background));
            }
            StyleRange c = (StyleRange) r.clone();
            if (c.metrics == null) {
                c.background = background;
            }
            out.add(c);
            pos = r.start + r.length;
        }
        if (pos < end) {
            out.add(plain(pos, end - pos, background));
        }
        text.replaceStyleRanges(start, end - start, out.toArray(StyleRange[]::new));
    }

    private static StyleRange plain(int start, int length, Color background) {
        StyleRange r = new StyleRange();
        r.start = start;
        r.length = length;
        r.background = background;
        return r;
    }

    /**
     * Where a position of the shown text comes from in the Markdown of {@link #setMarkdown}: the
     * offset in the source of the character shown there, or, between runs of source text (list
     * markers, line breaks), the end of the source text shown before it. -1 when nothing is known
     * (sections, or no text).
     */
    public int sourceOffset(int shownOffset) {
        List<int[]> map = layout.sourceMap;
        if (sections != null || map.isEmpty()) {
            return -1;
        }
        int lo = 0;
        int hi = map.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (map.get(mid)[0] <= shownOffset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return map.get(0)[1];
        }
        int[] run = map.get(found);
        return run[1] + Math.min(shownOffset - run[0], run[2]);
    }

    /**
     * The inverse of {@link #sourceOffset}: where a position of the Markdown source is shown, or, when
     * it is not shown (markup), where the next text shown from the source starts. -1 when nothing
     * is known.
     */
    public int shownOffset(int sourceOffset) {
        List<int[]> map = layout.sourceMap;
        if (sections != null || map.isEmpty()) {
            return -1;
        }
        for (int[] run : map) {
            if (sourceOffset < run[1]) {
                return run[0];
            }
            if (sourceOffset <= run[1] + run[2]) {
                return run[0] + sourceOffset - run[1];
            }
        }
        int[] last = map.get(map.size() - 1);
        return last[0] + last[2];
    }

    private void render(Consumer<Builder> content) {
        int top = text.getTopPixel();
        Layout next = new Layout();
        renderedWidth = text.getClientArea().width;
        content.accept(new Builder(next));
        text.setRedraw(false);
        try {
            disposeImages();
            layout = next;
            apply(next);
            // StyledText estimates the height of lines it has not laid out, without their vertical
            // indents, and scrolls and paints by that estimate: lay every line out now.
            text.setTopPixel(0);
            text.getLinePixel(text.getLineCount() - 1);
            text.setTopPixel(top);
        } finally {
            text.setRedraw(true);
        }
        highlights = List.of();
        // Decorations are drawn over the text: paint all of it again, not only what moved.
        text.redraw();
        renderListeners.forEach(Runnable::run);
    }

    /** The headings, in document order. */
    public List<HeadingRef> headings() {
        return List.copyOf(layout.headings);
    }

    /** The images referenced, in document order. */
    public List<ImageRef> images() {
        return List.copyOf(layout.images);
    }

    /** The links, in document order. */
    public List<LinkRef> links() {
        return List.copyOf(layout.links);
    }

    /** Scrolls so that {@code heading} is at the top. */
    public void reveal(HeadingRef heading) {
        int line = text.getLineAtOffset(Math.min(heading.offset(), text.getCharCount()));
        text.setTopPixel(Math.max(0, text.getTopPixel() + text.getLinePixel(line) - 8));
        text.redraw();
    }

    /**
     * The first heading that mentions {@code word} as a whole word, plural included ("car" finds
     * "Cars"); case-insensitive unless the word is all capitals ("ORG" does not find "org"), as the
     * guidelines model matches labels.
     */
    public Optional<HeadingRef> headingMentioning(String word) {
        if (word == null || word.isBlank()) {
            return Optional.empty();
        }
        boolean capitals = word.codePoints().anyMatch(Character::isLetter)
                && word.codePoints().filter(Character::isLetter).allMatch(Character::isUpperCase);
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}_])" + java.util.regex.Pattern.quote(word)
                + "(?:e?s)?(?![\\p{L}\\p{N}_])", capitals ? 0 : java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);
        return layout.headings.stream().filter(h -> p.matcher(h.text()).find()).findFirst();
    }

    /** Scrolls so that the block that starts at or before source line {@code line} (from 0) is in view. */
    public void revealSourceLine(int line) {
        Integer offset = null;
        for (Map.Entry<Integer, Integer> e : layout.sourceLines.entrySet()) {
            if (e.getKey() <= line) {
                offset = e.getValue();
            } else {
                break;
            }
        }
        if (offset == null) {
            text.setTopPixel(0);
            return;
        }
        int outLine = text.getLineAtOffset(Math.min(offset, text.getCharCount()));
        int y = text.getLinePixel(outLine);
        int height = text.getClientArea().height;
        if (y < 0 || y > height - 40) {
            text.setTopPixel(Math.max(0, text.getTopPixel() + y - height / 3));
            text.redraw();
        }
    }

    /** The heading of the section shown at the top of the view, if any. */
    public Optional<HeadingRef> headingAtTop() {
        int topOffset = text.getOffsetAtLine(text.getTopIndex());
        HeadingRef found = null;
        for (HeadingRef h : layout.headings) {
            if (h.offset() <= topOffset + 1) {
                found = h;
            }
        }
        return Optional.ofNullable(found);
    }

    // ---- layout: what the syntax tree becomes ----

    /** Inline style of a run of text. */
    private record Style(int heading, boolean bold, boolean italic, boolean code, boolean codeBlock, boolean muted,
            String link, boolean placeholder) {
        static final Style PLAIN = new Style(0, false, false, false, false, false, null, false);

        Style heading(int level) {
            return new Style(level, true, italic, code, codeBlock, muted, link, placeholder);
        }

        Style withBold() {
            return new Style(heading, true, italic, code, codeBlock, muted, link, placeholder);
        }

        Style withItalic() {
            return new Style(heading, bold, true, code, codeBlock, muted, link, placeholder);
        }

        Style withCode() {
            return new Style(heading, bold, italic, true, codeBlock, muted, link, placeholder);
        }

        Style asCodeBlock() {
            return new Style(heading, bold, italic, true, true, muted, link, placeholder);
        }

        Style withMuted() {
            return new Style(heading, bold, italic, code, codeBlock, true, link, placeholder);
        }

        Style link(String destination) {
            return new Style(heading, bold, italic, code, codeBlock, muted, destination, placeholder);
        }

        Style asPlaceholder() {
            return new Style(heading, bold, italic, code, codeBlock, muted, link, true);
        }
    }

    private record Run(int start, int length, Style style, Object object, int width, int ascent, int descent) {
    }

    /** How one line of the output is laid out. */
    private static final class Line {
        int indent;
        int wrapIndent;
        int spacing;
        RGB background;
        List<Integer> quoteBars = List.of();
        int[] tabStops;
        int headingRule;
        TableLine table;
    }

    private record TableLine(int[] columnEdges, boolean header, boolean last) {
    }

    private record Marker(String text) {
    }

    private record Rule() {
    }

    private record Picture(ImageData data, int width, int height) {
    }

    private static final class Layout {
        final StringBuilder out = new StringBuilder();
        final List<Run> runs = new ArrayList<>();
        final List<Line> lines = new ArrayList<>();
        final List<HeadingRef> headings = new ArrayList<>();
        final List<ImageRef> images = new ArrayList<>();
        final List<LinkRef> links = new ArrayList<>();
        final java.util.TreeMap<Integer, Integer> sourceLines = new java.util.TreeMap<>();
        boolean hasTables;
        /** Runs of shown text found in the source: {shown start, source start, length}, by shown start. */
        final List<int[]> sourceMap = new ArrayList<>();
        int sourceCursor;
    }

    /** Block context: where lines start, what is drawn beside them. */
    private record Context(int indent, List<Integer> quoteBars, RGB background, boolean quote) {
    }

    private final class Builder extends AbstractVisitor {
        private final Layout l;
        private final Deque<Context> contexts = new ArrayDeque<>();
        private final Deque<Style> styles = new ArrayDeque<>();
        private boolean lineOpen;
        private int pendingSpacing;
        private Marker pendingMarker;
        private int pendingMarkerWidth;
        private int[] pendingTabStops;
        private TableLine pendingTable;
        private RGB pendingBackground;
        private final Deque<int[]> listCounters = new ArrayDeque<>();
        private final Deque<Boolean> tightLists = new ArrayDeque<>();

        Builder(Layout layout) {
            this.l = layout;
            contexts.push(new Context(0, List.of(), null, false));
            styles.push(Style.PLAIN);
        }

        void render(Node document) {
            document.accept(this);
        }

        private Context ctx() {
            return contexts.peek();
        }

        private Style style() {
            return styles.peek();
        }

        private void blockStart(int spacing, Node node) {
            lineOpen = false;
            pendingSpacing = Math.max(pendingSpacing, spacing);
            List<SourceSpan> spans = node.getSourceSpans();
            if (!spans.isEmpty()) {
                l.sourceLines.putIfAbsent(spans.get(0).getLineIndex(), l.out.length() + (l.lines.isEmpty() ? 0 : 1));
            }
        }

        private void lineBreak() {
            lineOpen = false;
        }

        private void ensureLine() {
            if (lineOpen) {
                return;
            }
            if (!l.lines.isEmpty()) {
                l.out.append('\n');
            }
            Line line = new Line();
            Context c = ctx();
            line.spacing = l.lines.isEmpty() ? 0 : pendingSpacing;
            pendingSpacing = 0;
            line.indent = c.indent();
            line.wrapIndent = c.indent();
            line.quoteBars = c.quoteBars();
            line.background = pendingBackground != null ? pendingBackground : c.background();
            line.tabStops = pendingTabStops;
            line.table = pendingTable;
            pendingTabStops = null;
            pendingTable = null;
            pendingBackground = null;
            l.lines.add(line);
            lineOpen = true;
            if (pendingMarker != null) {
                line.indent = c.indent() - pendingMarkerWidth;
                Marker m = pendingMarker;
                pendingMarker = null;
                // As tall as the text beside it: an object without height unsettles the line's layout.
                object(m, pendingMarkerWidth, baseMetrics()[0], baseMetrics()[1]);
            }
        }

        private Line currentLine() {
            return l.lines.get(l.lines.size() - 1);
        }

        private void write(String s) {
            write(s, style());
        }

        private void write(String s, Style st) {
            if (s.isEmpty()) {
                return;
            }
            ensureLine();
            int start = l.out.length();
            l.out.append(s);
            l.runs.add(new Run(start, s.length(), st, null, 0, 0, 0));
        }

        private void object(Object o, int width, int ascent, int descent) {
            ensureLine();
            int start = l.out.length();
            l.out.append(OBJECT);
            l.runs.add(new Run(start, 1, style(), o, width, ascent, descent));
        }

        private void withStyle(Style st, Runnable r) {
            styles.push(st);
            try {
                r.run();
            } finally {
                styles.pop();
            }
        }

        private void withContext(Context c, Runnable r) {
            contexts.push(c);
            try {
                r.run();
            } finally {
                contexts.pop();
            }
        }

        private boolean inTightList(Node n) {
            Node p = n.getParent();
            return p instanceof ListItem && p.getParent() instanceof ListBlock list && list.isTight();
        }

        @Override
        public void visit(Heading heading) {
            int level = heading.getLevel();
            blockStart(level == 1 ? 22 : level == 2 ? 20 : level == 3 ? 14 : 10, heading);
            int start = l.out.length() + (l.lines.isEmpty() ? 0 : 1);
            withStyle(style().heading(level), () -> visitChildren(heading));
            ensureLine();
            if (level <= 2) {
                currentLine().headingRule = level;
            }
            String plain = l.out.substring(Math.min(start, l.out.length())).replace(String.valueOf(OBJECT), "").strip();
            int sourceLine = heading.getSourceSpans().isEmpty() ? -1 : heading.getSourceSpans().get(0).getLineIndex();
            l.headings.add(new HeadingRef(level, plain, start, sourceLine));
            pendingSpacing = level <= 2 ? 12 : 6;
            lineOpen = false;
        }

        @Override
        public void visit(Paragraph paragraph) {
            boolean firstInItem = paragraph.getParent() instanceof ListItem && paragraph.getPrevious() == null;
            blockStart(firstInItem ? 0 : inTightList(paragraph) ? 2 : 10, paragraph);
            visitChildren(paragraph);
            lineOpen = false;
        }

        @Override
        public void visit(BlockQuote quote) {
            blockStart(10, quote);
            Context c = ctx();
            List<Integer> bars = new ArrayList<>(c.quoteBars());
            bars.add(c.indent() + 3);
            withContext(new Context(c.indent() + QUOTE_STEP, List.copyOf(bars), c.background(), true),
                    () -> withStyle(style().withMuted(), () -> visitChildren(quote)));
            lineOpen = false;
        }

        @Override
        public void visit(BulletList list) {
            list(list, null);
        }

        @Override
        public void visit(OrderedList list) {
            Integer start = list.getMarkerStartNumber();
            list(list, start == null ? 1 : start);
        }

        private void list(ListBlock list, Integer start) {
            boolean nested = list.getParent() instanceof ListItem;
            blockStart(nested ? 2 : 10, list);
            listCounters.push(new int[] { start == null ? -1 : start });
            tightLists.push(list.isTight());
            try {
                visitChildren(list);
            } finally {
                listCounters.pop();
                tightLists.pop();
            }
            lineOpen = false;
            pendingSpacing = Math.max(pendingSpacing, nested ? 2 : 10);
        }

        @Override
        public void visit(ListItem item) {
            int[] counter = listCounters.peek();
            String marker;
            int depth = listCounters.size();
            if (counter[0] < 0) {
                marker = switch ((depth - 1) % 3) {
                    case 0 -> "\u2022";
                    case 1 -> "\u25e6";
                    default -> "\u25aa";
                };
            } else {
                marker = counter[0]++ + ".";
            }
            boolean tight = Boolean.TRUE.equals(tightLists.peek());
            boolean first = item.getPrevious() == null;
            blockStart(first ? 0 : tight ? 3 : 8, item);
            Context c = ctx();
            int width = LIST_STEP + (marker.length() > 2 ? 8 * (marker.length() - 2) : 0);
            pendingMarker = new Marker(marker);
            pendingMarkerWidth = width;
            withContext(new Context(c.indent() + width, c.quoteBars(), c.background(), c.quote()), () -> {
                visitChildren(item);
                if (pendingMarker != null) {
                    // An empty item still shows its marker.
                    ensureLine();
                }
            });
            lineOpen = false;
        }

        @Override
        public void visit(FencedCodeBlock code) {
            codeBlock(code.getLiteral(), code);
        }

        @Override
        public void visit(IndentedCodeBlock code) {
            codeBlock(code.getLiteral(), code);
        }

        @Override
        public void visit(HtmlBlock html) {
            codeBlock(html.getLiteral(), html);
        }

        private void codeBlock(String literal, Node node) {
            blockStart(inTightList(node) ? 4 : 10, node);
            String body = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
            Context c = ctx();
            withContext(new Context(c.indent() + 10, c.quoteBars(), CODE_BG, c.quote()), () -> {
                for (String line : body.split("\n", -1)) {
                    ensureLine();
                    mapped(line.replace("\t", "    "), style().asCodeBlock());
                    if (line.isEmpty()) {
                        // An empty code line still shows its background.
                        write(" ", style().asCodeBlock());
                    }
                    lineBreak();
                }
            });
            lineOpen = false;
        }

        @Override
        public void visit(ThematicBreak rule) {
            blockStart(10, rule);
            object(new Rule(), 1, 8, 8);
            lineOpen = false;
        }

        @Override
        public void visit(Text t) {
            mapped(t.getLiteral(), style());
        }

        @Override
        public void visit(Code code) {
            mapped(code.getLiteral(), style().withCode());
        }

        // Writes a literal and, when it is found in the source after what was found before, records
        // where it came from. Escapes and entities are not found; positions there map to the end of
        // the last run found.
        private void mapped(String literal, Style st) {
            if (literal.isEmpty()) {
                return;
            }
            ensureLine();
            int shown = l.out.length();
            write(literal, st);
            if (sections == null) {
                int at = markdown.indexOf(literal, l.sourceCursor);
                if (at >= 0) {
                    l.sourceMap.add(new int[] {shown, at, literal.length()});
                    l.sourceCursor = at + literal.length();
                }
            }
        }

        void renderSections(List<Section> parts) {
            for (Section section : parts) {
                Context c = new Context(8, List.of(), section.background(), false);
                withContext(c, () -> {
                    lineOpen = false;
                    pendingSpacing = Math.max(pendingSpacing, l.lines.isEmpty() ? 0 : 16);
                    if (!section.title().isEmpty()) {
                        write(section.title(), Style.PLAIN.withBold().withMuted());
                        lineOpen = false;
                        pendingSpacing = 4;
                    }
                    parser.parse(section.markdown()).accept(this);
                    lineOpen = false;
                });
            }
        }

        @Override
        public void visit(Emphasis emphasis) {
            withStyle(style().withItalic(), () -> visitChildren(emphasis));
        }

        @Override
        public void visit(StrongEmphasis strong) {
            withStyle(style().withBold(), () -> visitChildren(strong));
        }

        @Override
        public void visit(Link link) {
            int start = l.out.length() + (lineOpen ? 0 : l.lines.isEmpty() ? 0 : 1);
            withStyle(style().link(link.getDestination()), () -> visitChildren(link));
            l.links.add(new LinkRef(link.getDestination(), start, l.out.length()));
        }

        @Override
        public void visit(Image image) {
            String destination = image.getDestination();
            Loaded loaded;
            try {
                loaded = imageSource.load(destination);
            } catch (RuntimeException e) {
                loaded = Loaded.missing(String.valueOf(e.getMessage()));
            }
            if (loaded == null) {
                loaded = Loaded.missing("not found");
            }
            ensureLine();
            int offset = l.out.length();
            if (loaded.data() != null) {
                ImageData d = loaded.data();
                int w = d.width;
                int h = d.height;
                int room = imageRoom(ctx().indent());
                if (w > room) {
                    h = Math.max(1, h * room / w);
                    w = room;
                }
                object(new Picture(d, w, h), w, h, 0);
                l.images.add(new ImageRef(destination, offset, true, ""));
            } else {
                String alt = altText(image);
                String label = "\u26a0 Image not shown: " + destination + (loaded.problem().isEmpty() ? "" : " (" + loaded.problem() + ")")
                        + (alt.isEmpty() ? "" : " \u2014 " + alt);
                write(" " + label + " ", style().asPlaceholder());
                l.images.add(new ImageRef(destination, offset, false, loaded.problem()));
            }
        }

        private String altText(Node image) {
            StringBuilder b = new StringBuilder();
            for (Node n = image.getFirstChild(); n != null; n = n.getNext()) {
                if (n instanceof Text t) {
                    b.append(t.getLiteral());
                } else if (n instanceof Code c) {
                    b.append(c.getLiteral());
                }
            }
            return b.toString().strip();
        }

        @Override
        public void visit(SoftLineBreak br) {
            write(" ");
        }

        @Override
        public void visit(HardLineBreak br) {
            lineBreak();
        }

        @Override
        public void visit(HtmlInline html) {
            write(html.getLiteral(), style().withMuted().withCode());
        }

        @Override
        public void visit(CustomBlock block) {
            if (block instanceof TableBlock table) {
                table(table);
            } else {
                visitChildren(block);
            }
        }

        @Override
        public void visit(CustomNode node) {
            visitChildren(node);
        }

        private void table(TableBlock table) {
            blockStart(10, table);
            List<TableRow> rows = new ArrayList<>();
            List<Boolean> header = new ArrayList<>();
            for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
                for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                    if (row instanceof TableRow r) {
                        rows.add(r);
                        header.add(section instanceof TableHead);
                    }
                }
            }
            int columns = rows.stream().mapToInt(r -> cells(r).size()).max().orElse(0);
            int[] widths = new int[columns];
            GC gc = new GC(text);
            try {
                gc.setFont(font(Style.PLAIN.withBold()));
                for (TableRow r : rows) {
                    List<TableCell> cells = cells(r);
                    for (int i = 0; i < cells.size(); i++) {
                        widths[i] = Math.max(widths[i], gc.textExtent(plainText(cells.get(i))).x);
                    }
                }
            } finally {
                gc.dispose();
            }
            int indent = ctx().indent();
            int[] edges = new int[columns + 1];
            edges[0] = indent;
            for (int i = 0; i < columns; i++) {
                edges[i + 1] = edges[i] + Math.max(40, widths[i] + 2 * CELL_PAD);
            }
            l.hasTables = true;
            int room = text.getClientArea().width - text.getLeftMargin() - text.getRightMargin();
            if (room > 100 && edges[columns] > room && columns > 1) {
                stacked(rows, header);
                return;
            }
            int[] stops = new int[columns];
            for (int i = 0; i < columns; i++) {
                stops[i] = edges[i] + CELL_PAD;
            }
            for (int r = 0; r < rows.size(); r++) {
                boolean head = header.get(r);
                lineOpen = false;
                pendingTabStops = stops;
                pendingTable = new TableLine(edges, head, r == rows.size() - 1);
                pendingSpacing = r == 0 ? pendingSpacing + TABLE_PAD_TOP : TABLE_PAD_TOP + TABLE_PAD_BOTTOM;
                ensureLine();
                List<TableCell> cells = cells(rows.get(r));
                for (int i = 0; i < columns; i++) {
                    write("\t");
                    if (i < cells.size()) {
                        TableCell cell = cells.get(i);
                        withStyle(head ? style().withBold() : style(), () -> visitChildren(cell));
                    }
                }
            }
            lineOpen = false;
            pendingSpacing = Math.max(pendingSpacing, 10 + TABLE_PAD_BOTTOM);
        }

        // A table wider than the view: each row becomes a block, its first cell in bold and the others
        // below it as "Header: value", so that nothing is cut and nothing wraps across columns.
        private void stacked(List<TableRow> rows, List<Boolean> header) {
            List<TableCell> names = rows.isEmpty() || !header.get(0) ? List.of() : cells(rows.get(0));
            Context c = ctx();
            boolean first = true;
            for (int r = 0; r < rows.size(); r++) {
                if (header.get(r)) {
                    continue;
                }
                List<TableCell> cells = cells(rows.get(r));
                if (cells.isEmpty()) {
                    continue;
                }
                lineOpen = false;
                pendingSpacing = Math.max(pendingSpacing, first ? 10 : 8);
                first = false;
                withStyle(style().withBold(), () -> visitChildren(cells.get(0)));
                withContext(new Context(c.indent() + LIST_STEP, c.quoteBars(), c.background(), c.quote()), () -> {
                    for (int i = 1; i < cells.size(); i++) {
                        lineOpen = false;
                        pendingSpacing = 1;
                        if (i < names.size()) {
                            TableCell name = names.get(i);
                            withStyle(style().withMuted(), () -> visitChildren(name));
                            write(": ", style().withMuted());
                        }
                        TableCell cell = cells.get(i);
                        visitChildren(cell);
                    }
                });
            }
            lineOpen = false;
            pendingSpacing = Math.max(pendingSpacing, 10);
        }

        private List<TableCell> cells(TableRow row) {
            List<TableCell> cells = new ArrayList<>();
            for (Node n = row.getFirstChild(); n != null; n = n.getNext()) {
                if (n instanceof TableCell c) {
                    cells.add(c);
                }
            }
            return cells;
        }

        private String plainText(Node node) {
            StringBuilder b = new StringBuilder();
            node.accept(new AbstractVisitor() {
                @Override
                public void visit(Text t) {
                    b.append(t.getLiteral());
                }

                @Override
                public void visit(Code c) {
                    b.append(c.getLiteral()).append("  ");
                }
            });
            return b.toString();
        }
    }

    private int[] baseMetrics;

    // The ascent and descent of the text's font, measured once.
    private int[] baseMetrics() {
        if (baseMetrics == null) {
            GC gc = new GC(text);
            try {
                gc.setFont(text.getFont());
                org.eclipse.swt.graphics.FontMetrics fm = gc.getFontMetrics();
                baseMetrics = new int[] { fm.getAscent() + fm.getLeading(), fm.getDescent() };
            } finally {
                gc.dispose();
            }
        }
        return baseMetrics;
    }

    // The widest an image may be drawn at the given indent: the view's width, at most MAX_IMAGE_WIDTH.
    private int imageRoom(int indent) {
        int client = text.getClientArea().width - text.getLeftMargin() - text.getRightMargin() - indent - 4;
        return client < 100 ? MAX_IMAGE_WIDTH : Math.min(MAX_IMAGE_WIDTH, client);
    }

    // Images and tables are fitted to the view, and every line's height is measured, when laid out:
    // lay out again when the width changes.
    private void resized() {
        int width = text.getClientArea().width;
        if (Math.abs(width - renderedWidth) < 8) {
            text.redraw();
            return;
        }
        int generation = ++resizeGeneration;
        text.getDisplay().timerExec(150, () -> {
            if (generation == resizeGeneration && !text.isDisposed()) {
                if (sections != null) {
                    setSections(sections);
                } else {
                    setMarkdown(markdown);
                }
            }
        });
    }

    // ---- applying the layout to the widget ----

    private void apply(Layout l) {
        text.setText(l.out.toString());
        List<StyleRange> ranges = new ArrayList<>();
        StyleRange last = null;
        Style lastStyle = null;
        for (Run run : l.runs) {
            if (run.object() == null && run.style().equals(Style.PLAIN)) {
                last = null;
                continue;
            }
            if (run.object() == null && last != null && run.style().equals(lastStyle) && last.start + last.length == run.start()) {
                last.length += run.length();
                continue;
            }
            StyleRange r = styleRange(run);
            ranges.add(r);
            last = run.object() == null ? r : null;
            lastStyle = run.style();
        }
        baseRanges = ranges.toArray(StyleRange[]::new);
        text.setStyleRanges(baseRanges);
        // Every line attribute is set to what the layout says, also where that is none: what the
        // widget kept from the text before must not survive.
        for (int i = 0; i < l.lines.size() && i < text.getLineCount(); i++) {
            Line line = l.lines.get(i);
            if (text.getLineIndent(i) != line.indent) {
                text.setLineIndent(i, 1, line.indent);
            }
            if (text.getLineWrapIndent(i) != line.wrapIndent) {
                text.setLineWrapIndent(i, 1, line.wrapIndent);
            }
            if (text.getLineVerticalIndent(i) != line.spacing) {
                text.setLineVerticalIndent(i, line.spacing);
            }
            Color background = line.background == null ? null : color(line.background);
            if (!java.util.Objects.equals(text.getLineBackground(i), background)) {
                text.setLineBackground(i, 1, background);
            }
            int[] stops = line.tabStops == null ? null : line.tabStops;
            if (stops != null || text.getLineTabStops(i) != null && !java.util.Arrays.equals(text.getLineTabStops(i), text.getTabStops())) {
                text.setLineTabStops(i, 1, stops);
            }
        }
    }

    private StyleRange styleRange(Run run) {
        Style s = run.style();
        StyleRange r = new StyleRange();
        r.start = run.start();
        r.length = run.length();
        r.font = font(s);
        r.fontStyle = (s.bold() ? SWT.BOLD : 0) | (s.italic() ? SWT.ITALIC : 0);
        if (s.link() != null) {
            r.foreground = color(LINK);
            r.underline = true;
            r.underlineStyle = SWT.UNDERLINE_SINGLE;
            r.data = new LinkRef(s.link(), run.start(), run.start() + run.length());
        } else if (s.placeholder()) {
            r.foreground = color(PLACEHOLDER_FG);
            r.background = color(PLACEHOLDER_BG);
            r.borderStyle = SWT.BORDER_SOLID;
            r.borderColor = color(new RGB(0xe5, 0xa3, 0x9e));
        } else if (s.muted()) {
            r.foreground = color(MUTED);
        } else if (s.code()) {
            r.foreground = color(CODE_FG);
        }
        if (s.code() && !s.codeBlock()) {
            r.background = color(CODE_BG);
        }
        if (run.object() != null) {
            r.metrics = new GlyphMetrics(run.ascent(), run.descent(), run.width());
            r.data = run.object();
            r.font = null;
            r.background = null;
            r.borderStyle = SWT.NONE;
            r.underline = false;
        }
        return r;
    }

    /** The font for a style; owned by this viewer. */
    Font font(Style s) {
        String key = s.heading() + ":" + s.bold() + ":" + s.italic() + ":" + s.code();
        return fonts.computeIfAbsent(key, k -> {
            Font base = s.code() ? JFaceResources.getTextFont() : text.getFont();
            FontData data = base.getFontData()[0];
            float height = data.getHeight();
            if (s.heading() > 0) {
                height = switch (s.heading()) {
                    case 1 -> height * 1.75f;
                    case 2 -> height * 1.4f;
                    case 3 -> height * 1.2f;
                    default -> height * 1.05f;
                };
            } else if (s.code()) {
                height = Math.max(8, text.getFont().getFontData()[0].getHeight() - 0.5f);
            }
            int style = (s.bold() ? SWT.BOLD : 0) | (s.italic() ? SWT.ITALIC : 0);
            return resources.create(FontDescriptor.createFrom(base).setHeight(Math.round(height)).setStyle(style));
        });
    }

    private Color color(RGB rgb) {
        return resources.create(org.eclipse.jface.resource.ColorDescriptor.createFrom(rgb));
    }

    // The event's y is the top of the object's glyph, whose height is the glyph metrics' ascent and
    // descent: the baseline is at y + metrics.ascent. Its coordinates are those of the event's GC,
    // which may be a buffer for part of the widget, so nothing here uses widget coordinates.
    private void paintObject(GC gc, int x, int y, int ascent, int descent, StyleRange style) {
        int baseline = y + style.metrics.ascent;
        if (style.data instanceof Picture p) {
            org.eclipse.swt.graphics.Image image = imageFor(p);
            Rectangle b = image.getBounds();
            gc.drawImage(image, 0, 0, b.width, b.height, x, baseline - p.height(), p.width(), p.height());
        } else if (style.data instanceof Marker m) {
            paintMarker(gc, x, baseline, style.metrics.width, m);
        } else if (style.data instanceof Rule) {
            Rectangle area = text.getClientArea();
            gc.setForeground(color(RULE));
            gc.setLineWidth(2);
            gc.drawLine(x, baseline, area.width - text.getRightMargin() + text.getHorizontalPixel(), baseline);
            gc.setLineWidth(1);
        }
    }

    private void paintMarker(GC gc, int x, int baseline, int width, Marker m) {
        gc.setForeground(color(MUTED));
        gc.setBackground(color(MUTED));
        gc.setFont(text.getFont());
        org.eclipse.swt.graphics.FontMetrics fm = gc.getFontMetrics();
        int middle = baseline - Math.round(fm.getAscent() * 0.36f);
        int right = x + width - 9;
        switch (m.text()) {
        case "\u2022" -> gc.fillOval(right - 5, middle - 3, 6, 6);
        case "\u25e6" -> gc.drawOval(right - 5, middle - 3, 5, 5);
        case "\u25aa" -> gc.fillRectangle(right - 5, middle - 3, 5, 5);
        default -> {
            Point extent = gc.textExtent(m.text());
            gc.drawText(m.text(), right + 2 - extent.x, baseline - fm.getAscent(), true);
        }
        }
    }

    private org.eclipse.swt.graphics.Image imageFor(Picture p) {
        Object cached = text.getData("image:" + System.identityHashCode(p));
        if (cached instanceof org.eclipse.swt.graphics.Image i && !i.isDisposed()) {
            return i;
        }
        org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(text.getDisplay(), p.data());
        images.add(image);
        text.setData("image:" + System.identityHashCode(p), image);
        return image;
    }

    private void disposeImages() {
        for (org.eclipse.swt.graphics.Image i : images) {
            i.dispose();
        }
        images.clear();
        if (!text.isDisposed()) {
            // Forget the cache keys too.
            for (Run run : layout.runs) {
                if (run.object() instanceof Picture p) {
                    text.setData("image:" + System.identityHashCode(p), null);
                }
            }
        }
    }

    // Quote bars, heading rules and table grid lines are drawn over the text once it is painted,
    // placed by the bounds of the text they belong to.
    private void paintDecorations(Event e) {
        GC gc = e.gc;
        Rectangle area = text.getClientArea();
        int lineCount = Math.min(text.getLineCount(), layout.lines.size());
        if (lineCount == 0) {
            return;
        }
        int first = text.getLineIndex(Math.max(0, e.y));
        int lastLine = text.getLineIndex(Math.min(area.height, e.y + e.height));
        int left = text.getLeftMargin() - text.getHorizontalPixel();
        int right = area.width - text.getRightMargin();
        for (int i = Math.max(0, first - 1); i <= Math.min(lineCount - 1, lastLine + 1); i++) {
            Line line = layout.lines.get(i);
            Rectangle tb = lineBounds(i);
            if (!line.quoteBars.isEmpty()) {
                gc.setBackground(color(QUOTE_BAR));
                boolean continued = i > 0 && layout.lines.get(i - 1).quoteBars.size() >= line.quoteBars.size();
                int barTop = continued ? tb.y - line.spacing : tb.y;
                for (int x : line.quoteBars) {
                    gc.fillRectangle(left + x, barTop, 3, tb.y + tb.height - barTop);
                }
            }
            if (line.headingRule > 0) {
                gc.setForeground(color(RULE));
                int y = tb.y + tb.height + 4;
                gc.drawLine(left + line.indent, y, right, y);
            }
            if (line.table != null) {
                gc.setForeground(color(RULE));
                int[] edges = line.table.columnEdges();
                int x0 = left + edges[0];
                int x1 = left + edges[edges.length - 1];
                int top = tb.y - TABLE_PAD_TOP;
                int bottom = tb.y + tb.height + TABLE_PAD_BOTTOM;
                if (i == 0 || layout.lines.get(i - 1).table == null) {
                    gc.drawLine(x0, top, x1, top);
                }
                gc.drawLine(x0, bottom, x1, bottom);
                if (line.table.header()) {
                    gc.drawLine(x0, bottom + 1, x1, bottom + 1);
                }
                for (int edge : edges) {
                    gc.drawLine(left + edge, top, left + edge, bottom);
                }
            }
        }
    }

    // The box of a line's text (all its wrapped lines), in widget coordinates, without the spacing
    // above it: from the line's top below its vertical indent to the next line's top.
    private Rectangle lineBounds(int line) {
        int top = text.getLinePixel(line) + text.getLineVerticalIndent(line);
        int bottom;
        if (line + 1 < text.getLineCount()) {
            bottom = text.getLinePixel(line + 1);
        } else {
            int start = text.getOffsetAtLine(line);
            int end = text.getCharCount() - 1;
            bottom = end < start ? top + text.getLineHeight(start)
                    : top + text.getTextBounds(start, end).height - text.getLineVerticalIndent(line);
        }
        return new Rectangle(text.getLeftMargin(), top, text.getClientArea().width, Math.max(0, bottom - top));
    }

    private void clicked(Event e) {
        if (e.button != 1 || text.getSelectionCount() > 0) {
            return;
        }
        linkAt(new Point(e.x, e.y)).ifPresent(this::follow);
    }

    /** The link under a point of the widget, if any. */
    public Optional<String> linkAt(Point p) {
        int offset = text.getOffsetAtPoint(p);
        if (offset < 0) {
            return Optional.empty();
        }
        StyleRange r = text.getStyleRangeAtOffset(offset);
        return r != null && r.data instanceof LinkRef link ? Optional.of(link.destination()) : Optional.empty();
    }

    /** Follows a link: in-page anchors scroll, web links open in the desktop's browser, others go to the listeners. */
    public void follow(String destination) {
        if (destination.startsWith("#")) {
            String slug = destination.substring(1);
            layout.headings.stream().filter(h -> slug(h.text()).equals(slug)).findFirst().ifPresent(this::reveal);
        } else if (destination.startsWith("http://") || destination.startsWith("https://") || destination.startsWith("mailto:")) {
            Program.launch(destination);
        } else {
            linkListeners.forEach(l -> l.accept(destination));
        }
    }

    /** The anchor GitHub gives a heading: lower case, spaces as '-', punctuation dropped. */
    public static String slug(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** Markdown that shows {@code s} literally (inline): its special characters are escaped. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\\`*_{}[]()#+-.!|<>~".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
