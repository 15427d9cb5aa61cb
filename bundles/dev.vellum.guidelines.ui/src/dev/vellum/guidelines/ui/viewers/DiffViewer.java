package dev.vellum.guidelines.ui.viewers;

import dev.vellum.guidelines.GuidelineDiff;
import dev.vellum.guidelines.GuidelineDiff.Kind;
import dev.vellum.guidelines.GuidelineDiff.Row;
import dev.vellum.guidelines.GuidelineDiff.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jface.resource.ColorDescriptor;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.Bullet;
import org.eclipse.swt.custom.ST;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.GlyphMetrics;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;

/**
 * Two texts side by side, the old on the left and the new on the right, one row of a
 * {@link GuidelineDiff} per line on both sides: line numbers in a gutter, a background for each
 * added, removed or changed row, a stronger one on the changed words, and a grey filler where a
 * side has no line. Long lines wrap; rows stay level on both sides, and the two scroll together.
 * Changes (runs of rows that differ) can be stepped through.
 */
public final class DiffViewer {
    /** Background of a removed line, and of the old side of a changed one. */
    public static final RGB REMOVED = new RGB(0xff, 0xeb, 0xe9);
    /** Background of the removed or changed words of an old line. */
    public static final RGB REMOVED_WORDS = new RGB(0xff, 0xb3, 0xad);
    /** Background of an added line, and of the new side of a changed one. */
    public static final RGB ADDED = new RGB(0xe6, 0xff, 0xec);
    /** Background of the added or changed words of a new line. */
    public static final RGB ADDED_WORDS = new RGB(0x9c, 0xea, 0xb0);
    /** Background of the side of a row that has no line. */
    public static final RGB FILLER = new RGB(0xf0, 0xf1, 0xf3);
    private static final RGB GUTTER_FG = new RGB(0x8c, 0x95, 0x9f);
    private static final RGB CURRENT = new RGB(0x0b, 0x5c, 0xad);
    private static final String GUTTER = "dev.vellum.diff.gutter";

    private final Composite root;
    private final Label leftTitle;
    private final Label rightTitle;
    private final StyledText left;
    private final StyledText right;
    private final LocalResourceManager resources;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private List<Row> rows = List.of();
    private List<int[]> changes = List.of();
    private int current = -1;
    private int pendingReveal = -1;
    private int[] padLeft = new int[0];
    private int[] padRight = new int[0];
    private int alignedWidth = -1;
    private boolean syncing;

    public DiffViewer(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        resources = new LocalResourceManager(JFaceResources.getResources(), root);
        GridLayout layout = new GridLayout(2, true);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.horizontalSpacing = 6;
        layout.verticalSpacing = 3;
        root.setLayout(layout);
        leftTitle = title();
        rightTitle = title();
        left = side();
        right = side();
        left.setData("dev.vellum.widgetId", "diff.left");
        right.setData("dev.vellum.widgetId", "diff.right");
        root.addListener(SWT.Resize, e -> root.getDisplay().asyncExec(this::alignIfResized));
    }

    private Label title() {
        Label l = new Label(root, SWT.NONE);
        l.setFont(resources.create(FontDescriptor.createFrom(root.getFont()).setStyle(SWT.BOLD)));
        l.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return l;
    }

    private StyledText side() {
        StyledText t = new StyledText(root, SWT.BORDER | SWT.V_SCROLL | SWT.WRAP | SWT.READ_ONLY | SWT.MULTI);
        t.setFont(JFaceResources.getTextFont());
        t.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        t.setMargins(0, 2, 6, 2);
        t.addListener(SWT.Paint, e -> {
            paintGaps(t, e);
            syncFrom(t);
        });
        // StyledText has no scroll event: whatever may have scrolled one side brings the other along.
        t.getVerticalBar().addListener(SWT.Selection, e -> syncFrom(t));
        t.addListener(SWT.MouseVerticalWheel, e -> syncSoon(t));
        t.addListener(SWT.KeyDown, e -> syncSoon(t));
        t.addCaretListener(e -> syncSoon(t));
        t.addListener(SWT.KeyDown, e -> {
            if (e.stateMask == SWT.MOD1 && e.character == '.' || e.keyCode == SWT.F7 && e.stateMask == 0) {
                nextChange();
                e.doit = false;
            } else if (e.stateMask == SWT.MOD1 && e.character == ',' || e.keyCode == SWT.F7 && e.stateMask == SWT.SHIFT) {
                previousChange();
                e.doit = false;
            }
        });
        return t;
    }

    /** The viewer's top control. */
    public Control getControl() {
        return root;
    }

    /** The old side. */
    public StyledText left() {
        return left;
    }

    /** The new side. */
    public StyledText right() {
        return right;
    }

    /** Tells {@code listener} whenever the current change moves or the input changes. */
    public void addChangeListener(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Names the two sides above them. */
    public void setTitles(String oldTitle, String newTitle) {
        leftTitle.setText(oldTitle);
        leftTitle.setToolTipText(oldTitle);
        rightTitle.setText(newTitle);
        rightTitle.setToolTipText(newTitle);
    }

    /** Shows {@code diff}; null shows nothing. */
    public void setInput(GuidelineDiff diff) {
        rows = diff == null ? List.of() : List.copyOf(diff.rows());
        List<int[]> blocks = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= rows.size(); i++) {
            boolean changed = i < rows.size() && rows.get(i).kind() != Kind.SAME;
            if (changed && start < 0) {
                start = i;
            } else if (!changed && start >= 0) {
                blocks.add(new int[] { start, i - 1 });
                start = -1;
            }
        }
        changes = List.copyOf(blocks);
        current = -1;
        pendingReveal = -1;
        padLeft = new int[0];
        padRight = new int[0];
        fill(left, true);
        fill(right, false);
        alignedWidth = -1;
        align();
        left.setTopPixel(0);
        right.setTopPixel(0);
        fireChange();
    }

    /** The rows shown, one per line on each side. */
    public List<Row> rows() {
        return rows;
    }

    /** How many changes (runs of rows that differ) there are. */
    public int changeCount() {
        return changes.size();
    }

    /** The index of the current change, or -1 before the first step. */
    public int currentChange() {
        return current;
    }

    /** The first and last row of change {@code index}. */
    public int[] change(int index) {
        return changes.get(index).clone();
    }

    /** Moves to the next change and shows it; false when there is none after the current one. */
    public boolean nextChange() {
        if (current + 1 >= changes.size()) {
            return false;
        }
        reveal(current + 1);
        return true;
    }

    /** Moves to the previous change and shows it; false when there is none before the current one. */
    public boolean previousChange() {
        if (current <= 0) {
            return false;
        }
        reveal(current - 1);
        return true;
    }

    /** Makes change {@code index} current and scrolls it into view, a little below the top. */
    public void reveal(int index) {
        current = index;
        if (left.getClientArea().height <= 0) {
            // Not laid out yet: show it once the viewer has a size.
            pendingReveal = index;
            fireChange();
            return;
        }
        pendingReveal = -1;
        int row = changes.get(index)[0];
        int target = Math.max(0, left.getTopPixel() + left.getLinePixel(row) - left.getClientArea().height / 4);
        left.setTopPixel(target);
        right.setTopPixel(target);
        left.redraw();
        right.redraw();
        fireChange();
    }

    private void fireChange() {
        changeListeners.forEach(Runnable::run);
    }

    private void fill(StyledText t, boolean old) {
        StringBuilder b = new StringBuilder();
        int digits = 1;
        for (Row r : rows) {
            digits = Math.max(digits, Integer.toString(Math.max(r.oldLine(), r.newLine())).length());
        }
        List<StyleRange> words = new ArrayList<>();
        int[] offsets = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (i > 0) {
                b.append('\n');
            }
            offsets[i] = b.length();
            String line = old ? r.oldText() : r.newText();
            b.append(line);
            List<Span> spans = old ? r.oldSpans() : r.newSpans();
            if (r.kind() == Kind.CHANGED) {
                for (Span s : spans) {
                    int start = Math.max(0, Math.min(s.start(), line.length()));
                    int end = Math.max(start, Math.min(s.end(), line.length()));
                    if (end > start) {
                        StyleRange sr = new StyleRange();
                        sr.start = offsets[i] + start;
                        sr.length = end - start;
                        sr.background = color(old ? REMOVED_WORDS : ADDED_WORDS);
                        words.add(sr);
                    }
                }
            }
        }
        t.setText(b.toString());
        t.setStyleRanges(words.toArray(StyleRange[]::new));
        GC gc = new GC(t);
        int gutter;
        try {
            gc.setFont(t.getFont());
            gutter = gc.textExtent("0".repeat(digits)).x + 18;
        } finally {
            gc.dispose();
        }
        t.setWrapIndent(gutter);
        // An empty bullet makes room for the line numbers, which are painted with the gaps: a bullet
        // is drawn at the top of its line, above the spacing that levels the rows.
        StyleRange numberStyle = new StyleRange();
        numberStyle.metrics = new GlyphMetrics(0, 0, gutter);
        Bullet bullet = new Bullet(ST.BULLET_TEXT, numberStyle);
        bullet.text = "";
        if (!rows.isEmpty()) {
            t.setLineBullet(0, rows.size(), bullet);
        }
        t.setData(GUTTER, gutter);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            RGB bg = background(r.kind(), old);
            // Also none: a line must not keep the background of the text shown before.
            t.setLineBackground(i, 1, bg == null ? null : color(bg));
        }
    }

    /** The row background of one side, or null for an unchanged row. */
    public static RGB background(Kind kind, boolean old) {
        return switch (kind) {
            case SAME -> null;
            case CHANGED -> old ? REMOVED : ADDED;
            case REMOVED -> old ? REMOVED : FILLER;
            case ADDED -> old ? FILLER : ADDED;
        };
    }

    private void alignIfResized() {
        if (root.isDisposed()) {
            return;
        }
        if (left.getClientArea().width != alignedWidth) {
            align();
        }
        if (pendingReveal >= 0 && pendingReveal < changes.size() && left.getClientArea().height > 0) {
            reveal(pendingReveal);
        }
    }

    /**
     * Levels the rows: where a row wraps to more lines on one side than on the other, the row after
     * it on the shorter side starts lower by the difference, so every row starts level on both sides.
     */
    public void align() {
        int n = rows.size();
        alignedWidth = left.getClientArea().width;
        int top = left.getTopPixel();
        setPads(left, padLeft, new int[n]);
        setPads(right, padRight, new int[n]);
        padLeft = new int[n];
        padRight = new int[n];
        if (n < 2 || alignedWidth <= 0) {
            return;
        }
        int[] hl = heights(left, n);
        int[] hr = heights(right, n);
        int[] newLeft = new int[n];
        int[] newRight = new int[n];
        for (int i = 0; i < n - 1; i++) {
            int h = Math.max(hl[i], hr[i]);
            newLeft[i] = h - hl[i];
            newRight[i] = h - hr[i];
        }
        setPads(left, padLeft, newLeft);
        setPads(right, padRight, newRight);
        padLeft = newLeft;
        padRight = newRight;
        left.setTopPixel(top);
        right.setTopPixel(top);
    }

    // The pad of row i is the vertical indent of line i + 1; only changed lines are touched.
    private static void setPads(StyledText t, int[] before, int[] after) {
        for (int i = 0; i < after.length - 1 && i + 1 < t.getLineCount(); i++) {
            if (t.getLineVerticalIndent(i + 1) != after[i]) {
                t.setLineVerticalIndent(i + 1, after[i]);
            }
        }
    }

    private static int[] heights(StyledText t, int n) {
        int[] h = new int[n];
        int y = t.getLinePixel(0);
        for (int i = 0; i < n - 1; i++) {
            int next = t.getLinePixel(i + 1);
            h[i] = next - y;
            y = next;
        }
        return h;
    }

    /** The height of row {@code row} on a side as laid out now (with its spacing), in pixels. */
    public int rowHeight(boolean old, int row) {
        StyledText t = old ? left : right;
        return t.getLinePixel(row + 1) - t.getLinePixel(row);
    }

    private void syncSoon(StyledText source) {
        source.getDisplay().asyncExec(() -> {
            if (!source.isDisposed()) {
                syncFrom(source);
            }
        });
    }

    private void syncFrom(StyledText source) {
        if (syncing) {
            return;
        }
        StyledText other = source == left ? right : left;
        int top = source.getTopPixel();
        if (other.getTopPixel() != top) {
            syncing = true;
            try {
                other.setTopPixel(top);
            } finally {
                syncing = false;
            }
        }
    }

    // The spacing that levels rows belongs to the row above it: give it that row's background, and
    // mark the current change with a bar in the gutter.
    private void paintGaps(StyledText t, Event e) {
        boolean old = t == left;
        int[] pad = old ? padLeft : padRight;
        GC gc = e.gc;
        Rectangle area = t.getClientArea();
        int first = t.getLineIndex(Math.max(0, e.y));
        int last = t.getLineIndex(Math.min(area.height, e.y + e.height));
        for (int i = Math.max(0, first - 1); i <= last && i < rows.size(); i++) {
            if (i < pad.length && pad[i] > 0 && i + 1 < t.getLineCount()) {
                RGB bg = background(rows.get(i).kind(), old);
                gc.setBackground(bg != null ? color(bg) : t.getBackground());
                gc.fillRectangle(0, t.getLinePixel(i + 1), area.width, pad[i]);
            }
        }
        gc.setForeground(color(GUTTER_FG));
        gc.setFont(t.getFont());
        Object gutterWidth = t.getData(GUTTER);
        int gutter = gutterWidth instanceof Integer g ? g : 0;
        for (int i = Math.max(0, first - 1); i <= last + 1 && i < rows.size() && i < t.getLineCount(); i++) {
            Row r = rows.get(i);
            int number = old ? r.oldLine() : r.newLine();
            if (number <= 0) {
                continue;
            }
            int y = t.getLinePixel(i) + (i > 0 && i - 1 < pad.length ? pad[i - 1] : 0);
            String n = Integer.toString(number);
            int x = t.getLeftMargin() + gutter - 8 - gc.textExtent(n).x - t.getHorizontalPixel();
            gc.drawText(n, x, y, true);
        }
        if (current >= 0 && current < changes.size()) {
            int[] c = changes.get(current);
            int y0 = t.getLinePixel(c[0]);
            int y1 = c[1] + 1 < t.getLineCount() ? t.getLinePixel(c[1] + 1) : y0 + t.getLineHeight();
            gc.setBackground(color(CURRENT));
            gc.fillRectangle(0, y0, 3, y1 - y0);
        }
    }

    private Color color(RGB rgb) {
        return resources.create(ColorDescriptor.createFrom(rgb));
    }
}
