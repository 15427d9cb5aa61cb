package dev.vellum.modality.image.ui.viewers;

import dev.vellum.core.model.LabelClass;
import dev.vellum.core.ui.widgets.ColorMarks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * The labels of the image schema beside the canvas: search, choose the label for new shapes (a
 * click, Enter, or its hotkey on the canvas), hide a label's shapes (the check box) or lock them
 * (the lock column), and set image-level tags.
 */
public final class LabelPalette extends Composite {
    /** What the palette tells the editor. */
    public interface Listener {
        /** A label was chosen; with {@code apply} it should also go onto the selected shapes. */
        void chosen(String label, boolean apply);

        /** A label was hidden or shown, locked or unlocked. */
        void visibilityChanged(String label, boolean hidden, boolean locked);

        /** An image tag was set or cleared. */
        void tagToggled(String label, boolean on);

        /** The user is done in the palette (Escape, or a choice made): focus goes back to the canvas. */
        void done();
    }

    private static final String LOCKED = "\u2713";

    private final Listener listener;
    private final Composite header;
    private final Text search;
    private final Table labels;
    private final Table tags;
    private final ColorMarks marks;
    private final Set<String> hidden = new HashSet<>();
    private final Set<String> locked = new HashSet<>();
    private List<LabelClass> classes = List.of();
    private Map<String, Integer> counts = Map.of();
    private Set<String> tagged = Set.of();
    private String current = "";
    private boolean filling;

    public LabelPalette(Composite parent, Listener listener) {
        super(parent, SWT.NONE);
        this.listener = listener;
        marks = new ColorMarks(getDisplay());
        addDisposeListener(e -> marks.dispose());
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 4;
        layout.marginHeight = 4;
        setLayout(layout);

        header = new Composite(this, SWT.NONE);
        header.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Label title = new Label(this, SWT.NONE);
        title.setText("Labels");
        search = new Text(this, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        search.setMessage("Search labels ( / )");
        search.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        search.addListener(SWT.Modify, e -> fill());

        labels = new Table(this, SWT.CHECK | SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER | SWT.V_SCROLL);
        labels.setHeaderVisible(true);
        labels.setToolTipText("Click a label to draw with it; the box shows or hides its shapes; click the lock column to lock them");
        GridData ld = new GridData(SWT.FILL, SWT.FILL, true, true);
        ld.heightHint = 120;
        labels.setLayoutData(ld);
        column(labels, "Label", 120);
        column(labels, "Key", 32);
        column(labels, "#", 46);
        column(labels, "Lock", 36);
        labels.addListener(SWT.Selection, e -> {
            if (filling) {
                return;
            }
            TableItem ti = (TableItem) e.item;
            String name = (String) ti.getData();
            if (e.detail == SWT.CHECK) {
                setHidden(name, !ti.getChecked());
            } else {
                choose(name, false);
            }
        });
        labels.addListener(SWT.DefaultSelection, e -> {
            if (e.item != null) {
                choose((String) e.item.getData(), true);
            }
        });
        labels.addListener(SWT.MouseDown, e -> {
            TableItem ti = labels.getItem(new Point(e.x, e.y));
            if (ti != null && ti.getBounds(3).contains(e.x, e.y)) {
                String name = (String) ti.getData();
                setLocked(name, !locked.contains(name));
            }
        });
        labels.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.ESC) {
                listener.done();
            }
        });
        search.addListener(SWT.DefaultSelection, e -> {
            if (labels.getItemCount() > 0) {
                choose((String) labels.getItem(0).getData(), true);
            }
        });
        search.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.ARROW_DOWN && labels.getItemCount() > 0) {
                labels.setFocus();
                labels.setSelection(0);
            } else if (e.keyCode == SWT.ESC) {
                search.setText("");
                listener.done();
            }
        });

        Label tagTitle = new Label(this, SWT.NONE);
        tagTitle.setText("Image tags");
        tagTitle.setToolTipText("T on the image tags it with the current label");
        tags = new Table(this, SWT.CHECK | SWT.BORDER | SWT.V_SCROLL);
        GridData td = new GridData(SWT.FILL, SWT.FILL, true, true);
        td.heightHint = 60;
        tags.setLayoutData(td);
        tags.addListener(SWT.Selection, e -> {
            if (!filling && e.detail == SWT.CHECK) {
                TableItem ti = (TableItem) e.item;
                listener.tagToggled((String) ti.getData(), ti.getChecked());
            }
        });
    }

    private static void column(Table t, String text, int width) {
        TableColumn c = new TableColumn(t, SWT.LEFT);
        c.setText(text);
        c.setWidth(width);
    }

    /** A row above the labels where the editor puts its own controls (whose set is edited). */
    public Composite header() {
        return header;
    }

    /** Shows the schema's labels with the number of shapes of each, and the item's tags. */
    public void setLabels(List<LabelClass> newClasses, Map<String, Integer> newCounts, Set<String> newTags) {
        classes = List.copyOf(newClasses);
        counts = Map.copyOf(newCounts);
        tagged = Set.copyOf(newTags);
        fill();
    }

    /** Marks the label new shapes get. */
    public void setCurrent(String label) {
        current = label;
        for (TableItem ti : labels.getItems()) {
            if (label.equals(ti.getData())) {
                labels.setSelection(ti);
                return;
            }
        }
        labels.deselectAll();
    }

    public void focusSearch() {
        search.setFocus();
        search.selectAll();
    }

    /** Hides or shows a label's shapes. */
    public void toggleHidden(String label) {
        if (!label.isEmpty()) {
            setHidden(label, !hidden.contains(label));
        }
    }

    public void setHidden(String label, boolean hide) {
        if (hide) {
            hidden.add(label);
        } else {
            hidden.remove(label);
        }
        listener.visibilityChanged(label, hidden.contains(label), locked.contains(label));
        fill();
    }

    public void setLocked(String label, boolean lock) {
        if (lock) {
            locked.add(label);
        } else {
            locked.remove(label);
        }
        listener.visibilityChanged(label, hidden.contains(label), locked.contains(label));
        fill();
    }

    /** The labels shown now, after the search (tests). */
    public List<String> shownLabels() {
        List<String> out = new ArrayList<>();
        for (TableItem ti : labels.getItems()) {
            out.add((String) ti.getData());
        }
        return out;
    }

    /** Types into the search field (tests). */
    public void search(String text) {
        search.setText(text);
    }

    private void choose(String label, boolean apply) {
        listener.chosen(label, apply);
        if (apply) {
            listener.done();
        }
    }

    private void fill() {
        filling = true;
        try {
            String q = search.getText().trim().toLowerCase(Locale.ROOT);
            labels.setRedraw(false);
            labels.removeAll();
            for (LabelClass c : classes) {
                if (!q.isEmpty() && !c.name().toLowerCase(Locale.ROOT).contains(q)) {
                    continue;
                }
                TableItem ti = new TableItem(labels, SWT.NONE);
                ti.setData(c.name());
                ti.setImage(0, marks.label(c.color()));
                ti.setText(0, c.name());
                ti.setText(1, c.hotkey());
                Integer n = counts.get(c.name());
                ti.setText(2, n == null ? "" : Integer.toString(n));
                ti.setText(3, locked.contains(c.name()) ? LOCKED : "");
                ti.setChecked(!hidden.contains(c.name()));
                if (c.name().equals(current)) {
                    labels.setSelection(ti);
                }
            }
            labels.setRedraw(true);
            tags.setRedraw(false);
            tags.removeAll();
            for (LabelClass c : classes) {
                TableItem ti = new TableItem(tags, SWT.NONE);
                ti.setData(c.name());
                ti.setImage(marks.label(c.color()));
                ti.setText(c.name());
                ti.setChecked(tagged.contains(c.name()));
            }
            tags.setRedraw(true);
        } finally {
            filling = false;
        }
    }
}
