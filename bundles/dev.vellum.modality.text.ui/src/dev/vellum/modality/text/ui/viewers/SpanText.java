package dev.vellum.modality.text.ui.viewers;

import dev.vellum.core.edit.AddAnnotation;
import dev.vellum.core.edit.CompoundEdit;
import dev.vellum.core.edit.EditCommand;
import dev.vellum.core.edit.RemoveAnnotation;
import dev.vellum.core.edit.ReplaceAnnotation;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.Ids;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Span;
import dev.vellum.modality.text.ui.internal.RelationFigure;
import dev.vellum.modality.text.ui.internal.SpanFigure;
import dev.vellum.modality.text.ui.internal.SpanLayer;
import dev.vellum.modality.text.ui.internal.SpanScene;
import dev.vellum.modality.text.ui.internal.TextDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.LineStyleEvent;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.custom.VerifyKeyListener;
import org.eclipse.swt.events.VerifyEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

/**
 * The document with one annotation set's spans and relations, in a read-only {@link StyledText}.
 * <p>
 * Only what is visible is computed: span backgrounds come from a line style listener asking the
 * {@link SpanLayer} for the spans of the line being laid out (the innermost span's colour wins),
 * and the underlines (one row per nesting depth), the label of each span under its start, the
 * selection frame and the relation arcs are drawn by a paint listener for the lines in the damaged
 * area. The line spacing leaves room for them: underline rows and a label row below each line,
 * an arc zone above it.
 * <p>
 * Gestures: a drag selects text (snapped to whole tokens unless Alt is held or snapping is off),
 * Shift+arrows extend by token (Alt: by character), Ctrl+Shift+Right/Left grow or shrink the
 * selection (or the selected span) by a token at its end; a click selects the innermost span
 * there (again: the next outer one); digits label; Tab cycles spans; R starts a relation from the
 * selected span; N jumps to the next sentence without spans; Delete deletes.
 */
public final class SpanText {
    private static final int ROW = 3;
    private static final int MAX_ROWS = 6;

    private final StyledText text;
    private final SpanTextHost host;
    private final Font small;
    private final int smallHeight;
    private final Map<RGB, Color> colors = new HashMap<>();
    private TextDocument document;
    private SpanScene scene;
    private boolean snap = true;

    private int rows = 1;
    private int arcZone = 2;
    private int textHeight;

    private SpanFigure selectedSpan;
    private RelationFigure selectedRelation;
    private String selectAfterUpdate;
    private SpanFigure relationFrom;
    private SpanFigure relationCandidate;
    private int anchor = -1;
    private int caret = -1;

    private int downCaret;
    private int downX;
    private int downY;
    private boolean downAlt;
    private boolean downConsumed;

    public SpanText(Composite parent, SpanTextHost host) {
        this.host = host;
        text = new StyledText(parent, SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.READ_ONLY);
        text.setEditable(false);
        text.setLeftMargin(10);
        text.setRightMargin(10);
        text.setBottomMargin(10);
        FontData[] fd = text.getFont().getFontData();
        for (FontData d : fd) {
            d.setHeight(Math.max(7, d.getHeight() - 2));
        }
        small = new Font(text.getDisplay(), fd);
        GC gc = new GC(text);
        gc.setFont(small);
        smallHeight = gc.getFontMetrics().getHeight();
        gc.setFont(text.getFont());
        textHeight = gc.getFontMetrics().getHeight();
        gc.dispose();
        text.addDisposeListener(e -> small.dispose());
        text.addLineStyleListener(this::lineStyle);
        text.addPaintListener(e -> paint(e.gc, new Rectangle(e.x, e.y, e.width, e.height)));
        text.addVerifyKeyListener(keys);
        text.addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_TAB_NEXT || e.detail == SWT.TRAVERSE_TAB_PREVIOUS) {
                e.doit = false;
            }
        });
        text.addListener(SWT.MouseDown, this::mouseDown);
        text.addListener(SWT.MouseUp, this::mouseUp);
        text.addListener(SWT.MouseHover, this::hover);
    }

    /** The widget (tests, focus, context menu). */
    public StyledText widget() {
        return text;
    }

    /** Shows a document; {@link #update(List)} then gives its annotations. */
    public void setDocument(TextDocument doc, SpanScene newScene) {
        document = doc;
        scene = newScene;
        selectedSpan = null;
        selectedRelation = null;
        relationFrom = null;
        text.setText(doc.text());
        applySpacing();
    }

    public TextDocument document() {
        return document;
    }

    public SpanScene scene() {
        return scene;
    }

    /** Brings the spans in step with the shown set's annotations and repaints the visible lines. */
    public void update(List<Annotation> annotations) {
        String spanId = selectAfterUpdate != null ? selectAfterUpdate : selectedSpan == null ? null : selectedSpan.id();
        String relationId = selectedRelation == null ? null : selectedRelation.id();
        selectAfterUpdate = null;
        SpanFigure oldSpan = selectedSpan;
        RelationFigure oldRelation = selectedRelation;
        int[] dirty = scene.update(annotations);
        selectedRelation = relationId == null ? null : scene.relation(relationId);
        selectedSpan = spanId == null ? null : scene.span(spanId);
        if (selectedSpan == null && spanId != null) {
            selectedRelation = scene.relation(spanId);
        }
        if (relationFrom != null && scene.span(relationFrom.id()) == null) {
            relationFrom = null;
            relationCandidate = null;
        }
        if (applySpacing() || dirty == null && oldSpan == selectedSpan && oldRelation == selectedRelation) {
            refreshVisible();
        } else {
            int[] range = dirty == null ? new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE} : dirty;
            widen(range, oldSpan, oldRelation);
            widen(range, selectedSpan, selectedRelation);
            repaint(range[0], range[1]);
        }
        host.selectionChanged(selectedSpan, selectedRelation);
    }

    private static void widen(int[] range, SpanFigure span, RelationFigure relation) {
        for (SpanFigure f : relation == null ? new SpanFigure[] {span} : new SpanFigure[] {span, relation.from(), relation.to()}) {
            if (f != null) {
                range[0] = Math.min(range[0], f.start());
                range[1] = Math.max(range[1], f.end());
            }
        }
    }

    /**
     * Re-lays out and repaints only the lines holding [from, to) that are in view, with the room
     * above and below them where underlines, labels and arcs are drawn.
     */
    private void repaint(int from, int to) {
        if (document == null || from > to) {
            return;
        }
        Rectangle area = text.getClientArea();
        int[] visible = visibleRange(area);
        int a = Math.max(from, visible[0]), b = Math.min(Math.max(to, from + 1), visible[1]);
        if (a >= b) {
            return;
        }
        int firstLine = text.getLineAtOffset(a), lastLine = text.getLineAtOffset(Math.min(b, document.length()));
        int lineStart = text.getOffsetAtLine(firstLine);
        int lineEnd = lastLine + 1 < text.getLineCount() ? text.getOffsetAtLine(lastLine + 1) : text.getCharCount();
        text.redrawRange(lineStart, lineEnd - lineStart, false);
        int top = text.getLinePixel(firstLine) - arcZone - 2;
        int bottom = lastLine + 1 < text.getLineCount() ? text.getLinePixel(lastLine + 1) : area.height;
        text.redraw(0, Math.max(0, top), area.width, Math.max(1, bottom - top), false);
    }

    /** Sets the line spacing the spans need; true when it changed (everything is laid out again). */
    private boolean applySpacing() {
        int r = Math.max(1, Math.min(MAX_ROWS, scene == null ? 1 : scene.layer().depth()));
        int arc = scene == null || scene.relations().isEmpty() ? 2 : smallHeight + 5;
        if (r != rows || arc != arcZone || text.getLineSpacing() == 0) {
            rows = r;
            arcZone = arc;
            text.setTopMargin(arcZone + 2);
            text.setLineSpacing(2 + rows * ROW + smallHeight + arcZone);
            return true;
        }
        return false;
    }

    /** Re-lays out and repaints the lines in view (their styles may have changed). */
    public void refreshVisible() {
        if (document == null || document.length() == 0) {
            text.redraw();
            return;
        }
        int[] range = visibleRange(text.getClientArea());
        text.redrawRange(range[0], range[1] - range[0], false);
        text.redraw();
    }

    /**
     * Paints the whole view now into an off-screen image, as a repaint of the window would
     * (benchmarks; on GTK 3 {@code update()} does not paint synchronously): returns nanoseconds.
     */
    public long paintNow() {
        Rectangle area = text.getClientArea();
        org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(text.getDisplay(), Math.max(1, area.width),
                Math.max(1, area.height));
        GC gc = new GC(image);
        try {
            long t = System.nanoTime();
            text.print(gc);
            return System.nanoTime() - t;
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    /** Whether drags and Shift+arrows snap to token boundaries (Alt reverses it for one gesture). */
    public void setSnap(boolean on) {
        snap = on;
    }

    public boolean snaps() {
        return snap;
    }

    // ------------------------------------------------------------------ colours

    private Color color(RGB rgb) {
        return colors.computeIfAbsent(rgb, Color::new);
    }

    private static RGB mix(RGB c, double amount) {
        return new RGB((int) Math.round(c.red * (1 - amount) + 255 * amount), (int) Math.round(c.green * (1 - amount) + 255 * amount),
                (int) Math.round(c.blue * (1 - amount) + 255 * amount));
    }

    private static RGB darker(RGB c) {
        return new RGB(c.red * 6 / 10, c.green * 6 / 10, c.blue * 6 / 10);
    }

    private Color background(String label, boolean selected) {
        return color(mix(host.color(label), selected ? 0.45 : 0.75));
    }

    // ------------------------------------------------------------------ backgrounds

    private void lineStyle(LineStyleEvent e) {
        if (scene == null) {
            return;
        }
        int from = e.lineOffset, to = from + e.lineText.length();
        List<SpanFigure> spans = new ArrayList<>();
        scene.layer().overlapping(from, to, f -> {
            if (scene.isVisible(f)) {
                spans.add(f);
            }
        });
        if (spans.isEmpty()) {
            return;
        }
        Set<Integer> cuts = new java.util.TreeSet<>();
        for (SpanFigure f : spans) {
            cuts.add(Math.max(from, f.start()));
            cuts.add(Math.min(to, f.end()));
        }
        Integer[] points = cuts.toArray(new Integer[0]);
        List<StyleRange> styles = new ArrayList<>();
        for (int i = 0; i + 1 < points.length; i++) {
            int a = points[i], b = points[i + 1];
            SpanFigure best = null;
            for (SpanFigure f : spans) {
                if (f.start() <= a && f.end() >= b && (best == null || f.level() > best.level()
                        || (f.level() == best.level() && f.end() - f.start() < best.end() - best.start()))) {
                    best = f;
                }
            }
            if (best == null) {
                continue;
            }
            boolean selected = best == selectedSpan || (selectedSpan != null && selectedSpan.start() <= a && selectedSpan.end() >= b
                    && best.level() < selectedSpan.level());
            Color bg = background(selectedSpan != null && selected && best != selectedSpan ? selectedSpan.label() : best.label(),
                    selected || best == relationFrom || best == relationCandidate);
            StyleRange last = styles.isEmpty() ? null : styles.get(styles.size() - 1);
            if (last != null && last.start + last.length == a && last.background.equals(bg)) {
                last.length += b - a;
            } else {
                StyleRange r = new StyleRange();
                r.start = a;
                r.length = b - a;
                r.background = bg;
                styles.add(r);
            }
        }
        e.styles = styles.toArray(new StyleRange[0]);
    }

    // ------------------------------------------------------------------ geometry of decorations

    /** Offsets [from, to) of the logical lines crossing the pixel rows of {@code area}. */
    private int[] visibleRange(Rectangle area) {
        int lines = text.getLineCount();
        int first = text.getLineIndex(Math.max(0, area.y - arcZone));
        int last = text.getLineIndex(area.y + area.height + arcZone);
        int from = text.getOffsetAtLine(first);
        int to = last + 1 < lines ? text.getOffsetAtLine(last + 1) : text.getCharCount();
        return new int[] {from, to};
    }

    /** One visual-line piece of a span: x, top of the text line, width. */
    private record Piece(int x, int top, int width) {
    }

    /** The visual-line pieces of [start, end) (UTF-16), in text order. */
    private List<Piece> pieces(int start, int end) {
        List<Piece> out = new ArrayList<>(1);
        int s = start;
        while (s < end) {
            int y = text.getLocationAtOffset(s).y;
            int lo = s, hi = end - 1;
            if (text.getLocationAtOffset(hi).y != y) {
                // the last character on the same visual line as s
                while (lo < hi) {
                    int mid = (lo + hi + 1) >>> 1;
                    if (text.getLocationAtOffset(mid).y == y) {
                        lo = mid;
                    } else {
                        hi = mid - 1;
                    }
                }
            } else {
                lo = hi;
            }
            int last = lo;
            // a piece ending in a line break does not include it
            int shownEnd = last;
            while (shownEnd > s && isBreak(document.text().charAt(shownEnd))) {
                shownEnd--;
            }
            if (!isBreak(document.text().charAt(shownEnd))) {
                Rectangle r = text.getTextBounds(s, shownEnd);
                out.add(new Piece(r.x, y, Math.max(2, r.width)));
            }
            s = last + 1;
        }
        return out;
    }

    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r';
    }

    private record LabelBox(SpanFigure span, Rectangle box) {
    }

    private record Arc(RelationFigure relation, int x1, int x2, int top, int level, Rectangle box, int kind) {
    }

    /** Everything drawn over the text for the lines crossing {@code area}. */
    private final class Decorations {
        final Map<SpanFigure, List<Piece>> pieces = new HashMap<>();
        final List<SpanFigure> spans = new ArrayList<>();
        final List<LabelBox> labels = new ArrayList<>();
        final List<Arc> arcs = new ArrayList<>();
        private final Map<Integer, List<Rectangle>> arcBoxes = new HashMap<>();

        Decorations(Rectangle area, GC gc) {
            int[] range = visibleRange(area);
            scene.layer().overlapping(range[0], range[1], f -> {
                if (scene.isVisible(f)) {
                    spans.add(f);
                }
            });
            spans.sort(SpanLayer.ORDER);
            for (SpanFigure f : spans) {
                pieces.put(f, pieces(Math.max(range[0], f.start()), Math.min(range[1], f.end())));
            }
            gc.setFont(small);
            Map<Integer, Integer> rightmost = new HashMap<>();
            List<SpanFigure> starting = new ArrayList<>();
            for (SpanFigure f : spans) {
                if (f.start() >= range[0] && !pieces.get(f).isEmpty()) {
                    starting.add(f);
                }
            }
            starting.sort(Comparator.<SpanFigure>comparingInt(f -> pieces.get(f).get(0).top()).thenComparingInt(f -> pieces.get(f).get(0).x()));
            for (SpanFigure f : starting) {
                Piece p = pieces.get(f).get(0);
                int w = gc.textExtent(f.label()).x + 4;
                int y = p.top() + textHeight + 2 + rows * ROW;
                int x = Math.max(p.x(), rightmost.getOrDefault(y, Integer.MIN_VALUE) + 2);
                rightmost.put(y, x + w);
                labels.add(new LabelBox(f, new Rectangle(x, y, w, smallHeight)));
            }
            Set<RelationFigure> relations = new LinkedHashSet<>();
            for (SpanFigure f : spans) {
                for (RelationFigure r : scene.relationsOf(f)) {
                    if (scene.isVisible(r)) {
                        relations.add(r);
                    }
                }
            }
            Map<Integer, Integer> levels = new HashMap<>();
            List<RelationFigure> ordered = new ArrayList<>(relations);
            ordered.sort(Comparator.comparingInt(r -> Math.abs(r.to().start() - r.from().start())));
            for (RelationFigure r : ordered) {
                List<Piece> a = pieces.get(r.from()), b = pieces.get(r.to());
                Piece pa = a == null || a.isEmpty() ? null : a.get(0), pb = b == null || b.isEmpty() ? null : b.get(0);
                if (pa != null && pb != null && pa.top() == pb.top()) {
                    int level = levels.merge(pa.top(), 1, Integer::sum) - 1;
                    int x1 = pa.x() + pa.width() / 2, x2 = pb.x() + pb.width() / 2;
                    arcs.add(arc(gc, r, x1, x2, pa.top(), level % 3, 0));
                } else {
                    // the two ends are on different lines: a stub at each end in view, pointing towards the other
                    boolean forward = r.to().start() >= r.from().start();
                    if (pa != null) {
                        int level = levels.merge(pa.top(), 1, Integer::sum) - 1;
                        int x1 = pa.x() + pa.width() / 2;
                        arcs.add(arc(gc, r, x1, forward ? x1 + 40 : x1 - 40, pa.top(), level % 3, 1));
                    }
                    if (pb != null) {
                        int level = levels.merge(pb.top(), 1, Integer::sum) - 1;
                        int x2 = pb.x() + pb.width() / 2;
                        arcs.add(arc(gc, r, forward ? x2 - 40 : x2 + 40, x2, pb.top(), level % 3, 2));
                    }
                }
            }
        }

        private Arc arc(GC gc, RelationFigure r, int x1, int x2, int top, int level, int kind) {
            String name = kind == 0 ? r.label() : kind == 1 ? r.label() + " \u2192" : "\u2192 " + r.label();
            int w = gc.textExtent(name).x + 4;
            int yh = top - 3 - level * 3;
            int cx = kind == 0 ? (x1 + x2) / 2 : kind == 1 ? x2 : x1;
            int width = text.getClientArea().width;
            Rectangle box = new Rectangle(Math.max(2, Math.min(width - w - 2, cx - w / 2)), yh - smallHeight + 1, w, smallHeight - 1);
            // a label over another arc's label on the same line moves right along its own arc
            List<Rectangle> placed = arcBoxes.computeIfAbsent(top, k -> new ArrayList<>());
            boolean moved = true;
            for (int tries = 0; moved && tries < 8; tries++) {
                moved = false;
                for (Rectangle o : placed) {
                    if (o.intersects(box)) {
                        box.x = o.x + o.width + 3;
                        moved = true;
                    }
                }
            }
            placed.add(box);
            return new Arc(r, Math.max(2, x1), Math.max(2, Math.min(width - 2, x2)), top, level, box, kind);
        }
    }

    private void paint(GC gc, Rectangle area) {
        if (scene == null || document == null || document.length() == 0) {
            return;
        }
        Decorations d = new Decorations(area, gc);
        gc.setLineWidth(2);
        for (SpanFigure f : d.spans) {
            RGB rgb = host.color(f.label());
            gc.setForeground(color(rgb));
            int row = Math.min(f.level(), rows - 1);
            for (Piece p : d.pieces.get(f)) {
                int y = p.top() + textHeight + 1 + row * ROW;
                gc.drawLine(p.x(), y, p.x() + p.width() - 1, y);
            }
        }
        gc.setLineWidth(1);
        gc.setFont(small);
        for (LabelBox l : d.labels) {
            RGB rgb = host.color(l.span().label());
            boolean selected = l.span() == selectedSpan;
            gc.setBackground(color(mix(rgb, selected ? 0.45 : 0.8)));
            gc.fillRectangle(l.box());
            gc.setForeground(color(darker(rgb)));
            gc.drawString(l.span().label(), l.box().x + 2, l.box().y, true);
        }
        for (SpanFigure f : new SpanFigure[] {selectedSpan, relationFrom, relationCandidate}) {
            List<Piece> ps = f == null ? null : d.pieces.get(f);
            if (ps != null) {
                gc.setForeground(color(darker(host.color(f.label()))));
                gc.setLineStyle(f == selectedSpan ? SWT.LINE_SOLID : SWT.LINE_DOT);
                gc.setLineWidth(f == selectedSpan ? 2 : 1);
                for (Piece p : ps) {
                    gc.drawRectangle(p.x() - 1, p.top(), p.width() + 1, textHeight);
                }
                gc.setLineStyle(SWT.LINE_SOLID);
                gc.setLineWidth(1);
            }
        }
        Color arcColor = text.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY);
        Color selectedColor = color(new RGB(0x1f, 0x5f, 0xd0));
        Color white = text.getDisplay().getSystemColor(SWT.COLOR_WHITE);
        for (Arc a : d.arcs) {
            boolean selected = a.relation() == selectedRelation;
            gc.setForeground(selected ? selectedColor : arcColor);
            gc.setLineWidth(selected ? 2 : 1);
            int yh = a.top() - 3 - a.level() * 3;
            if (a.kind() != 2) {
                gc.drawLine(a.x1(), a.top(), a.x1(), yh);
            }
            gc.drawLine(a.x1(), yh, a.x2(), yh);
            if (a.kind() != 1) {
                gc.drawLine(a.x2(), yh, a.x2(), a.top());
                gc.setBackground(selected ? selectedColor : arcColor);
                gc.fillPolygon(new int[] {a.x2() - 3, a.top() - 4, a.x2() + 3, a.top() - 4, a.x2(), a.top()});
            } else {
                int dir = a.x2() > a.x1() ? 1 : -1;
                gc.setBackground(selected ? selectedColor : arcColor);
                gc.fillPolygon(new int[] {a.x2(), yh - 3, a.x2(), yh + 3, a.x2() + 4 * dir, yh});
            }
            gc.setLineWidth(1);
            gc.setBackground(white);
            gc.fillRectangle(a.box());
            gc.setForeground(selected ? selectedColor : arcColor);
            String name = a.kind() == 0 ? a.relation().label() : a.kind() == 1 ? a.relation().label() + " \u2192" : "\u2192 " + a.relation().label();
            gc.drawString(name, a.box().x + 2, a.box().y - 1, true);
        }
    }

    // ------------------------------------------------------------------ selection

    /** The selected span, or null. */
    public SpanFigure selectedSpan() {
        return selectedSpan;
    }

    /** The selected relation, or null. */
    public RelationFigure selectedRelation() {
        return selectedRelation;
    }

    /** The selected text range [start, end) in UTF-16 indexes (empty when nothing is selected). */
    public Point textSelection() {
        return text.getSelection();
    }

    /** Selects a span (scrolling it into view), or nothing. */
    public void selectSpan(SpanFigure f) {
        int[] range = {Integer.MAX_VALUE, Integer.MIN_VALUE};
        widen(range, selectedSpan, selectedRelation);
        selectedSpan = f;
        selectedRelation = null;
        if (f != null) {
            text.setSelection(f.start());
            anchor = caret = f.start();
        }
        widen(range, f, null);
        repaint(range[0], range[1]);
        host.selectionChanged(selectedSpan, selectedRelation);
        if (f != null) {
            host.status(describe(f));
        }
    }

    /** Selects a relation (scrolling its source into view). */
    public void selectRelation(RelationFigure r) {
        int[] range = {Integer.MAX_VALUE, Integer.MIN_VALUE};
        widen(range, selectedSpan, selectedRelation);
        selectedSpan = null;
        selectedRelation = r;
        if (r != null) {
            text.setSelection(r.from().start());
        }
        widen(range, null, r);
        repaint(range[0], range[1]);
        host.selectionChanged(selectedSpan, selectedRelation);
        if (r != null) {
            host.status("Relation '" + r.label() + "': " + describe(r.from()) + " \u2192 " + describe(r.to()));
        }
    }

    /** Selects text [start, end) exactly (the find bar, tests); clears the span selection. */
    public void selectText(int start, int end) {
        boolean had = selectedSpan != null || selectedRelation != null;
        selectedSpan = null;
        selectedRelation = null;
        anchor = start;
        caret = end;
        text.setSelection(start, end);
        if (had) {
            refreshVisible();
            host.selectionChanged(null, null);
        }
    }

    private String describe(SpanFigure f) {
        String s = document.text().substring(f.start(), f.end()).replace('\n', ' ');
        if (s.length() > 60) {
            s = s.substring(0, 57) + "...";
        }
        return f.label() + " '" + s + "' (" + document.toCodePoint(f.start()) + ".." + document.toCodePoint(f.end()) + ")";
    }

    private void syncAnchor() {
        Point s = text.getSelection();
        if (s.x == s.y) {
            anchor = caret = text.getCaretOffset();
        } else if (Math.min(anchor, caret) != s.x || Math.max(anchor, caret) != s.y) {
            int c = text.getCaretOffset();
            caret = c;
            anchor = c == s.x ? s.y : s.x;
        }
    }

    private void setRange(int newAnchor, int newCaret) {
        anchor = newAnchor;
        caret = newCaret;
        if (selectedSpan != null || selectedRelation != null) {
            selectedSpan = null;
            selectedRelation = null;
            refreshVisible();
            host.selectionChanged(null, null);
        }
        text.setSelection(newAnchor, newCaret);
        int a = Math.min(anchor, caret), b = Math.max(anchor, caret);
        host.status(a == b ? " " : "Selected " + document.toCodePoint(a) + ".." + document.toCodePoint(b) + ": press a label's key (1-9) to label it");
    }

    private int nextChar(int offset) {
        return offset >= document.length() ? offset : offset + Character.charCount(document.text().codePointAt(offset));
    }

    private int previousChar(int offset) {
        return offset <= 0 ? 0 : offset - Character.charCount(document.text().codePointBefore(offset));
    }

    /** Shift+Right/Left: moves the selection's moving end by one token (exact: one character). */
    private void extend(boolean right, boolean exact) {
        syncAnchor();
        if (exact) {
            setRange(anchor, right ? nextChar(caret) : previousChar(caret));
            return;
        }
        if (anchor == caret) {
            if (right) {
                int i = document.firstTokenEndingAfter(caret);
                if (i < document.tokenCount()) {
                    setRange(document.tokenStart(i), document.tokenEnd(i));
                }
            } else {
                int j = document.lastTokenStartingBefore(caret);
                if (j >= 0) {
                    setRange(document.tokenEnd(j), document.tokenStart(j));
                }
            }
            return;
        }
        int c = caret;
        if (right) {
            if (caret > anchor) {
                int n = document.nextTokenEnd(caret);
                c = n < 0 ? caret : n;
            } else {
                int n = document.nextTokenStart(caret);
                c = n < 0 || n >= anchor ? anchor : n;
            }
        } else {
            if (caret < anchor) {
                int p = document.previousTokenStart(caret);
                c = p < 0 ? caret : p;
            } else {
                int p = document.previousTokenEnd(caret);
                c = p <= anchor ? anchor : p;
            }
        }
        setRange(anchor, c);
    }

    /** Ctrl+Shift+Right/Left: grows or shrinks the selected span, or the selected text, by one token at its end. */
    private void growAtEnd(boolean grow) {
        if (selectedSpan != null) {
            int end = grow ? document.nextTokenEnd(selectedSpan.end()) : document.previousTokenEnd(selectedSpan.end());
            if (end <= selectedSpan.start()) {
                host.status("A span keeps at least one token.");
                return;
            }
            resize(selectedSpan, selectedSpan.start(), end);
            return;
        }
        Point s = text.getSelection();
        if (s.x == s.y) {
            extend(grow, false);
            return;
        }
        int end = grow ? document.nextTokenEnd(s.y) : document.previousTokenEnd(s.y);
        if (end > s.x) {
            setRange(s.x, end);
        }
    }

    // ------------------------------------------------------------------ edits

    private boolean editable() {
        if (!host.mayEdit()) {
            host.problem("You may not change " + host.activeAnnotator() + "'s annotations in this project.");
            return false;
        }
        return true;
    }

    private Map<String, Object> spanPayload(int start, int end) {
        return new Span(document.toCodePoint(start), document.toCodePoint(end), document.text().substring(start, end)).toPayload();
    }

    /** Labels what is selected: the selected text becomes a span, or the selected span gets the label. */
    public void applyLabel(String label) {
        Point s = text.getSelection();
        if (s.x < s.y) {
            createSpan(s.x, s.y, label);
        } else if (selectedSpan != null) {
            if (!selectedSpan.label().equals(label) && editable()) {
                host.execute(new ReplaceAnnotation(host.itemId(), host.activeAnnotator(),
                        selectedSpan.annotation().withLabel(label, host.user()), "Relabel span as '" + label + "'"));
            }
        } else {
            host.status("Select some text first (drag, or Shift+arrows), then press the label's key.");
        }
    }

    /** Adds a span [start, end) (UTF-16) with a label and selects it; an identical span is selected instead. */
    public void createSpan(int start, int end, String label) {
        if (!editable()) {
            return;
        }
        for (SpanFigure f : scene.layer().at(start)) {
            if (f.start() == start && f.end() == end && f.label().equals(label)) {
                text.setSelection(end);
                selectSpan(f);
                host.status("That span is already there: " + describe(f));
                return;
            }
        }
        Annotation a = Annotation.create(Ids.random(), Span.TYPE, label, spanPayload(start, end), host.user());
        selectAfterUpdate = a.id();
        text.setSelection(end);
        anchor = caret = end;
        if (!host.execute(new AddAnnotation(host.itemId(), host.activeAnnotator(), a, -1, host.guidelineVersion()))) {
            selectAfterUpdate = null;
        }
    }

    private void resize(SpanFigure f, int start, int end) {
        if (editable()) {
            host.execute(new ReplaceAnnotation(host.itemId(), host.activeAnnotator(), f.annotation().withPayload(spanPayload(start, end), host.user()),
                    "Resize span"));
        }
    }

    /** Deletes the selected relation, or the selected span with the relations from and to it (one edit). */
    public void deleteSelection() {
        if (!editable()) {
            return;
        }
        if (selectedRelation != null) {
            RelationFigure r = selectedRelation;
            selectedRelation = null;
            host.execute(new RemoveAnnotation(host.itemId(), host.activeAnnotator(), r.id()));
        } else if (selectedSpan != null) {
            SpanFigure f = selectedSpan;
            List<EditCommand> parts = new ArrayList<>();
            for (RelationFigure r : scene.relationsOf(f)) {
                parts.add(new RemoveAnnotation(host.itemId(), host.activeAnnotator(), r.id()));
            }
            parts.add(new RemoveAnnotation(host.itemId(), host.activeAnnotator(), f.id()));
            SpanFigure next = scene.cycle(f, 1, f.start());
            selectedSpan = null;
            selectAfterUpdate = next == null || next == f ? null : next.id();
            host.execute(parts.size() == 1 ? parts.get(0) : new CompoundEdit("Delete span '" + f.label() + "'", parts));
        } else {
            host.status("Nothing selected to delete.");
        }
    }

    /** R: starts a relation from the selected span; the target is clicked, or chosen with Tab and Enter. */
    public void startRelation() {
        if (selectedSpan == null) {
            host.status("Select the relation's source span first (click it or Tab to it), then press R.");
            return;
        }
        if (!editable()) {
            return;
        }
        relationFrom = selectedSpan;
        relationCandidate = null;
        refreshVisible();
        host.status("Relation from " + describe(relationFrom) + ": click the target span (or Tab to it and press Enter); Escape cancels.");
    }

    /** Whether a relation's target is being picked. */
    public boolean isPickingTarget() {
        return relationFrom != null;
    }

    private void chooseTarget(SpanFigure target) {
        SpanFigure from = relationFrom;
        relationFrom = null;
        relationCandidate = null;
        refreshVisible();
        host.relationTargetChosen(from, target);
    }

    /** Cancels picking a relation's target. */
    public void cancelRelation() {
        if (relationFrom != null) {
            relationFrom = null;
            relationCandidate = null;
            refreshVisible();
            host.status("No relation made.");
        }
    }

    /** Adds a relation of type {@code label} from one span to another and selects it. */
    public void createRelation(SpanFigure from, SpanFigure to, String label) {
        if (!editable()) {
            return;
        }
        Annotation a = Annotation.create(Ids.random(), Relation.TYPE, label, new Relation(from.id(), to.id()).toPayload(), host.user());
        selectedSpan = null;
        selectAfterUpdate = a.id();
        host.execute(new AddAnnotation(host.itemId(), host.activeAnnotator(), a, -1, host.guidelineVersion()));
    }

    // ------------------------------------------------------------------ keys

    private final VerifyKeyListener keys = new VerifyKeyListener() {
        @Override
        public void verifyKey(VerifyEvent e) {
            e.doit = !handleKey(e.keyCode, e.character, e.stateMask);
        }
    };

    /** Handles a key; true when it was the editor's (the widget then does nothing with it). */
    private boolean handleKey(int keyCode, char character, int state) {
        boolean ctrl = (state & SWT.MOD1) != 0, shift = (state & SWT.SHIFT) != 0, alt = (state & SWT.ALT) != 0;
        if (relationFrom != null) {
            switch (keyCode) {
                case SWT.ESC -> cancelRelation();
                case SWT.TAB -> {
                    relationCandidate = scene.cycle(relationCandidate == null ? relationFrom : relationCandidate, shift ? -1 : 1, 0);
                    if (relationCandidate != null) {
                        text.setSelection(relationCandidate.start());
                        host.status("Target: " + describe(relationCandidate) + " (Enter makes the relation)");
                    }
                    refreshVisible();
                }
                case SWT.CR, SWT.KEYPAD_CR -> {
                    if (relationCandidate != null) {
                        chooseTarget(relationCandidate);
                    }
                }
                default -> {
                    return !(keyCode == SWT.ARROW_UP || keyCode == SWT.ARROW_DOWN || keyCode == SWT.PAGE_UP || keyCode == SWT.PAGE_DOWN);
                }
            }
            return true;
        }
        if (ctrl) {
            if ((keyCode == 'f' || keyCode == 'F') && !shift) {
                host.find();
                return true;
            }
            if (shift && (keyCode == SWT.ARROW_RIGHT || keyCode == SWT.ARROW_LEFT)) {
                growAtEnd(keyCode == SWT.ARROW_RIGHT);
                return true;
            }
            return false;
        }
        if (shift && (keyCode == SWT.ARROW_RIGHT || keyCode == SWT.ARROW_LEFT)) {
            extend(keyCode == SWT.ARROW_RIGHT, alt == snap);
            return true;
        }
        switch (keyCode) {
            case SWT.TAB -> {
                SpanFigure f = scene.cycle(selectedSpan, shift ? -1 : 1, text.getCaretOffset());
                if (f != null) {
                    selectSpan(f);
                } else {
                    host.status("No spans to cycle through.");
                }
                return true;
            }
            case SWT.DEL, SWT.BS -> {
                deleteSelection();
                return true;
            }
            case SWT.ESC -> {
                Point s = text.getSelection();
                if (s.x != s.y) {
                    text.setSelection(text.getCaretOffset());
                }
                selectSpan(null);
                host.status(" ");
                return true;
            }
            case SWT.F3 -> {
                host.findAgain(!shift);
                return true;
            }
            default -> {
                // fall through to characters
            }
        }
        if (character >= '1' && character <= '9') {
            String label = host.labelForHotkey(character);
            if (label == null) {
                host.status("No label has the key " + character + ".");
            } else {
                applyLabel(label);
            }
            return true;
        }
        switch (Character.toLowerCase(character)) {
            case 'r' -> {
                startRelation();
                return true;
            }
            case 'n' -> {
                nextSentenceWithoutSpans();
                return true;
            }
            case '/' -> {
                host.searchLabels();
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** N: puts the caret at the start of the next sentence that has no span yet. */
    public void nextSentenceWithoutSpans() {
        int s = scene.nextSentenceWithoutSpans(text.getCaretOffset());
        if (s < 0) {
            host.status("Every sentence has at least one span.");
            return;
        }
        selectSpan(null);
        int start = document.sentenceStart(s);
        text.setSelection(start);
        anchor = caret = start;
        host.status("Sentence " + (s + 1) + " of " + document.sentenceCount() + " has no spans yet.");
    }

    /**
     * Sends a key press through the widget as the keyboard would (tests): the editor's keys first,
     * then the widget's own (caret moves).
     */
    public void key(int keyCode, char character, int stateMask) {
        if (keyCode == SWT.TAB) {
            Event t = new Event();
            t.detail = (stateMask & SWT.SHIFT) != 0 ? SWT.TRAVERSE_TAB_PREVIOUS : SWT.TRAVERSE_TAB_NEXT;
            t.keyCode = keyCode;
            t.character = '\t';
            t.stateMask = stateMask;
            t.doit = true;
            text.notifyListeners(SWT.Traverse, t);
            if (t.doit) {
                return;
            }
        }
        Event e = new Event();
        e.keyCode = keyCode;
        e.character = character;
        e.stateMask = stateMask;
        e.doit = true;
        text.notifyListeners(SWT.KeyDown, e);
    }

    // ------------------------------------------------------------------ mouse

    /** Sends a mouse event through the widget (tests): type SWT.MouseDown/MouseMove/MouseUp at a point. */
    public void mouse(int type, int x, int y, int stateMask, int count) {
        Event e = new Event();
        e.x = x;
        e.y = y;
        e.button = type == SWT.MouseMove ? 0 : 1;
        e.stateMask = stateMask | (type == SWT.MouseMove || type == SWT.MouseUp ? SWT.BUTTON1 : 0);
        e.count = count;
        text.notifyListeners(type, e);
    }

    /** The point at the middle of the character at a UTF-16 index, in widget coordinates (tests). */
    public Point pointAt(int offset) {
        Rectangle r = text.getTextBounds(offset, offset);
        return new Point(r.x + r.width / 2, r.y + textHeight / 2);
    }

    /** The point just before the character at a UTF-16 index (its leading edge, tests). */
    public Point pointBefore(int offset) {
        Point p = text.getLocationAtOffset(offset);
        return new Point(p.x + 1, p.y + textHeight / 2);
    }

    private void mouseDown(Event e) {
        downConsumed = false;
        if (e.button != 1 || scene == null) {
            return;
        }
        downX = e.x;
        downY = e.y;
        downAlt = (e.stateMask & SWT.ALT) != 0;
        downCaret = caretAt(e.x, e.y);
        if (relationFrom != null) {
            downConsumed = true;
            SpanFigure f = spanAtPoint(e.x, e.y);
            if (f != null) {
                chooseTarget(f);
            } else {
                host.status("Click a span to be the relation's target, or press Escape.");
            }
        }
    }

    private void mouseUp(Event e) {
        if (e.button != 1 || scene == null || downConsumed) {
            return;
        }
        boolean click = Math.abs(e.x - downX) < 3 && Math.abs(e.y - downY) < 3;
        boolean exact = (downAlt || (e.stateMask & SWT.ALT) != 0) == snap;
        if (e.count >= 2) {
            Point s = text.getSelection();
            int[] r = exact ? null : document.snap(s.x, s.y);
            if (r != null) {
                setRange(r[0], r[1]);
            }
            return;
        }
        if (click) {
            clickAt(e.x, e.y);
            return;
        }
        int up = caretAt(e.x, e.y);
        int a = Math.min(downCaret, up), b = Math.max(downCaret, up);
        if (!exact) {
            int[] r = document.snap(a, b);
            if (r == null) {
                text.setSelection(up);
                return;
            }
            a = r[0];
            b = r[1];
        }
        if (a < b) {
            setRange(a, b);
        }
    }

    /**
     * The caret position nearest a point (the widget's own caret is not used: with Alt held the
     * widget starts an extra selection instead of moving it).
     */
    private int caretAt(int x, int y) {
        int o = text.getOffsetAtPoint(new Point(x, y));
        if (o >= 0) {
            return o;
        }
        int line = text.getLineIndex(y);
        int start = text.getOffsetAtLine(line);
        int end = line + 1 < text.getLineCount() ? text.getOffsetAtLine(line + 1) - 1 : text.getCharCount();
        return x <= text.getLocationAtOffset(start).x ? start : Math.max(start, end);
    }

    private void clickAt(int x, int y) {
        // the labels drawn under spans and on arcs are targets too
        Rectangle near = new Rectangle(0, Math.max(0, y - 2 * text.getLineHeight()), text.getClientArea().width, 4 * text.getLineHeight());
        GC gc = new GC(text);
        Decorations d;
        try {
            d = new Decorations(near, gc);
        } finally {
            gc.dispose();
        }
        for (Arc a : d.arcs) {
            if (a.box().contains(x, y)) {
                selectRelation(a.relation());
                return;
            }
        }
        for (LabelBox l : d.labels) {
            if (l.box().contains(x, y)) {
                selectSpan(l.span());
                return;
            }
        }
        int offset = charAt(x, y);
        if (offset < 0) {
            selectSpan(null);
            return;
        }
        List<SpanFigure> here = new ArrayList<>();
        for (SpanFigure f : scene.layer().at(offset)) {
            if (scene.isVisible(f)) {
                here.add(f);
            }
        }
        if (here.isEmpty()) {
            if (selectedSpan != null || selectedRelation != null) {
                selectSpan(null);
            }
            host.status(" ");
            return;
        }
        // innermost first; clicking the selected one again selects the next one out
        here.sort(Comparator.comparingInt((SpanFigure f) -> f.end() - f.start()));
        int i = here.indexOf(selectedSpan);
        SpanFigure f = here.get(i < 0 ? 0 : (i + 1) % here.size());
        selectSpan(f);
        text.setSelection(offset);
    }

    /** The UTF-16 index of the character under a point, or -1 off the text. */
    private int charAt(int x, int y) {
        try {
            int o = text.getOffsetAtPoint(new Point(x, y));
            if (o < 0 || o >= document.length()) {
                return -1;
            }
            // getOffsetAtPoint gives the nearest caret position: take the character whose box holds x
            Rectangle r = text.getTextBounds(o, o);
            if (!r.contains(x, r.y) && o > 0) {
                Rectangle before = text.getTextBounds(o - 1, o - 1);
                if (before.contains(x, before.y)) {
                    return o - 1;
                }
            }
            return o;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private SpanFigure spanAtPoint(int x, int y) {
        int o = charAt(x, y);
        return o < 0 ? null : scene.innermostAt(o);
    }

    private void hover(Event e) {
        int o = charAt(e.x, e.y);
        if (o < 0 || scene == null) {
            text.setToolTipText(null);
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (SpanFigure f : scene.layer().at(o)) {
            if (scene.isVisible(f)) {
                sb.append(sb.isEmpty() ? "" : "\n").append(describe(f));
                for (RelationFigure r : scene.relationsOf(f)) {
                    sb.append("\n   ").append(r.from() == f ? r.label() + " \u2192 " + describe(r.to()) : "\u2190 " + r.label() + " " + describe(r.from()));
                }
            }
        }
        text.setToolTipText(sb.isEmpty() ? null : sb.toString());
    }

    /** Scrolls so that a span is in view. */
    public void reveal(SpanFigure f) {
        text.setSelection(f.start());
        text.showSelection();
    }
}
