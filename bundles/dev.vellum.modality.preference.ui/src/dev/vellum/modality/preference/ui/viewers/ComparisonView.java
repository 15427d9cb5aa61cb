package dev.vellum.modality.preference.ui.viewers;

import dev.vellum.core.ui.widgets.MarkdownViewer;
import dev.vellum.core.ui.widgets.MarkdownViewer.Highlight;
import dev.vellum.core.ui.widgets.MarkdownViewer.Section;
import dev.vellum.guidelines.GuidelineDiff;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.Response;
import dev.vellum.modality.preference.model.Flag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Menu;

/**
 * One comparison laid out for reading: the context (prompt or conversation, each turn on the
 * background of its role) above the responses, side by side for two and in a grid for more, in the
 * annotator's blind order. Long responses can scroll in step, and the differences between the first
 * two can be marked word by word ({@link GuidelineDiff} on the shown text). Flagged passages are
 * marked too. Metadata and response ids are never shown.
 */
public final class ComparisonView {
    private static final RGB SYSTEM = new RGB(0xee, 0xee, 0xf2);
    private static final RGB USER = new RGB(0xe6, 0xf0, 0xfc);
    private static final RGB ASSISTANT = new RGB(0xe9, 0xf7, 0xec);
    private static final RGB OTHER = new RGB(0xfb, 0xf5, 0xe1);
    private static final RGB DIFFERENT = new RGB(0xff, 0xe8, 0xa3);
    private static final RGB FLAGGED = new RGB(0xf8, 0xc4, 0xc4);

    private final SashForm root;
    private final MarkdownViewer context;
    private final Composite grid;
    private final List<ResponsePane> panes = new ArrayList<>();
    private final IntConsumer focusListener;
    private Menu menu;
    private String itemId;
    private boolean syncScroll = true;
    private boolean diff;
    private boolean syncing;
    private boolean showing;
    private List<Flag> flags = List.of();

    /**
     * @param parent        where the view goes
     * @param focusListener told the position of a response pane the user clicks
     */
    public ComparisonView(Composite parent, IntConsumer focusListener) {
        this.focusListener = focusListener;
        root = new SashForm(parent, SWT.VERTICAL | SWT.SMOOTH);
        context = new MarkdownViewer(root, SWT.NONE);
        grid = new Composite(root, SWT.NONE);
        root.setWeights(25, 75);
    }

    /** The view's top control. */
    public Control control() {
        return root;
    }

    /** The context menu to give every response (the editor's). */
    public void setMenu(Menu menu) {
        this.menu = menu;
        panes.forEach(p -> p.viewer().getControl().setMenu(menu));
    }

    /**
     * Shows a comparison with its responses in {@code order} (ids of {@code comparison}; the first is
     * "Response A").
     */
    public void show(String itemId, Comparison comparison, List<String> order) {
        this.itemId = itemId;
        flags = List.of();
        List<Section> turns = new ArrayList<>();
        for (Message m : comparison.prompt()) {
            turns.add(new Section(roleTitle(m.role()), m.content(), roleColor(m.role())));
        }
        context.setSections(turns);
        setPaneCount(order.size());
        grid.layout(true, true);
        showing = true;
        try {
            for (int i = 0; i < order.size(); i++) {
                Response r = comparison.response(order.get(i));
                panes.get(i).show(i, r.id(), r.content());
                panes.get(i).setNote("");
                panes.get(i).viewer().getControl().setTopPixel(0);
            }
        } finally {
            showing = false;
        }
        fitContext();
        mark();
    }

    private void fitContext() {
        int total = root.getClientArea().height;
        if (total < 50) {
            return;
        }
        StyledText t = context.getControl();
        // The scroll bar knows the laid-out height (a last turn may wrap into many lines).
        int wanted = t.getVerticalBar().getMaximum() + 8;
        int height = Math.max(60, Math.min(wanted, total * 35 / 100));
        root.setWeights(height, Math.max(1, total - height));
    }

    private void setPaneCount(int n) {
        while (panes.size() > n) {
            panes.remove(panes.size() - 1).dispose();
        }
        while (panes.size() < n) {
            ResponsePane p = new ResponsePane(grid);
            int index = panes.size();
            panes.add(p);
            // Tiny hints: every cell starts equal and shares the room, whatever the lengths of the texts.
            GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true);
            gd.widthHint = 1;
            gd.heightHint = 1;
            p.box().setLayoutData(gd);
            StyledText t = p.viewer().getControl();
            t.setMenu(menu);
            t.addListener(SWT.MouseDown, e -> focusListener.accept(index));
            t.addListener(SWT.FocusIn, e -> focusListener.accept(index));
            t.getVerticalBar().addListener(SWT.Selection, e -> scrolled(index));
            t.addListener(SWT.MouseVerticalWheel, e -> t.getDisplay().asyncExec(() -> scrolled(index)));
            t.addListener(SWT.KeyUp, e -> scrolled(index));
            p.viewer().addRenderListener(this::mark);
        }
        int columns = n <= 3 ? n : n == 4 ? 2 : 3;
        GridLayout layout = new GridLayout(Math.max(1, columns), true);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        grid.setLayout(layout);
    }

    /**
     * Scrolls the other responses to the same place, as a fraction of each one's length, when
     * scrolling in step is on.
     */
    public void scrolled(int index) {
        if (!syncScroll || syncing || index >= panes.size()) {
            return;
        }
        syncing = true;
        try {
            StyledText source = panes.get(index).viewer().getControl();
            double fraction = fraction(source);
            for (ResponsePane p : panes) {
                StyledText t = p.viewer().getControl();
                if (t != source) {
                    t.setTopPixel((int) Math.round(fraction * scrollRange(t)));
                }
            }
        } finally {
            syncing = false;
        }
    }

    private static double fraction(StyledText t) {
        int max = scrollRange(t);
        return max <= 0 ? 0 : Math.min(1, t.getTopPixel() / (double) max);
    }

    // How far the text scrolls: the scroll bar knows the laid-out height (the last line may wrap into many).
    private static int scrollRange(StyledText t) {
        org.eclipse.swt.widgets.ScrollBar bar = t.getVerticalBar();
        return bar == null ? 0 : Math.max(0, bar.getMaximum() - bar.getThumb());
    }

    /** Whether scrolling one response scrolls the others (on by default). */
    public void setSyncScroll(boolean on) {
        syncScroll = on;
        if (on && !panes.isEmpty()) {
            scrolled(0);
        }
    }

    public boolean syncScroll() {
        return syncScroll;
    }

    /** Whether the differences between the first two responses are marked. */
    public void setDiff(boolean on) {
        diff = on;
        mark();
    }

    public boolean diff() {
        return diff;
    }

    /** The flags to mark (those with a passage, on the responses shown). */
    public void setFlags(List<Flag> shown) {
        flags = List.copyOf(shown);
        mark();
    }

    /** Marks differences and flagged passages again (after any change or lay-out). */
    private void mark() {
        if (panes.isEmpty() || itemId == null || showing) {
            return;
        }
        List<List<Highlight>> marks = new ArrayList<>();
        for (int i = 0; i < panes.size(); i++) {
            marks.add(new ArrayList<>());
        }
        if (diff && panes.size() >= 2) {
            StyledText a = panes.get(0).viewer().getControl();
            StyledText b = panes.get(1).viewer().getControl();
            for (GuidelineDiff.Row row : GuidelineDiff.between(a.getText(), b.getText()).rows()) {
                if (row.oldLine() > 0) {
                    spans(a, row.oldLine() - 1, row.oldSpans(), marks.get(0));
                }
                if (row.newLine() > 0) {
                    spans(b, row.newLine() - 1, row.newSpans(), marks.get(1));
                }
            }
        }
        for (Flag f : flags) {
            for (ResponsePane p : panes) {
                if (f.hasSpan() && p.responseId().equals(f.response())) {
                    // flags count code points of the Markdown; the viewer maps UTF-16 offsets
                    String c = p.content();
                    if (f.end() > c.codePointCount(0, c.length())) {
                        continue;
                    }
                    MarkdownViewer v = p.viewer();
                    int s = v.shownOffset(c.offsetByCodePoints(0, f.start()));
                    int e = v.shownOffset(c.offsetByCodePoints(0, f.end()));
                    if (s >= 0 && e > s) {
                        marks.get(p.position()).add(new Highlight(s, e, FLAGGED));
                    }
                }
            }
        }
        for (int i = 0; i < panes.size(); i++) {
            MarkdownViewer v = panes.get(i).viewer();
            if (!(v.highlights().isEmpty() && marks.get(i).isEmpty())) {
                v.setHighlights(marks.get(i));
            }
        }
    }

    private static void spans(StyledText t, int line, List<GuidelineDiff.Span> spans, List<Highlight> out) {
        if (line >= t.getLineCount()) {
            return;
        }
        int base = t.getOffsetAtLine(line);
        for (GuidelineDiff.Span s : spans) {
            out.add(new Highlight(base + s.start(), base + s.end(), DIFFERENT));
        }
    }

    /** The item shown, or null. */
    public String itemId() {
        return itemId;
    }

    /** The response panes in shown order. */
    public List<ResponsePane> panes() {
        return panes;
    }

    /** The context's viewer. */
    public MarkdownViewer context() {
        return context;
    }

    private static String roleTitle(String role) {
        return role.isEmpty() ? "" : role.substring(0, 1).toUpperCase(Locale.ROOT) + role.substring(1);
    }

    private static RGB roleColor(String role) {
        return switch (role.toLowerCase(Locale.ROOT)) {
            case "system" -> SYSTEM;
            case "user", "human" -> USER;
            case "assistant", "gpt", "model" -> ASSISTANT;
            default -> OTHER;
        };
    }
}
