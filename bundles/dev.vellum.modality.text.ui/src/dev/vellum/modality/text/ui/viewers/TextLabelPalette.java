package dev.vellum.modality.text.ui.viewers;

import dev.vellum.core.model.LabelClass;
import dev.vellum.core.ui.widgets.ColorMarks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * The span labels of the text schema beside the document: search them, click one to label the
 * selection with it (or the selected span), and show or hide a label's spans with its check box
 * (the filter by label).
 */
public final class TextLabelPalette extends Composite {
    /** What the palette tells the editor. */
    public interface Listener {
        /** A label was chosen: it goes onto the selected text or span. */
        void chosen(String label);

        /** A label's spans were hidden or shown. */
        void visibilityChanged(String label, boolean hidden);

        /** The user is done in the palette: focus goes back to the document. */
        void done();
    }

    private final Listener listener;
    private final Composite header;
    private final Text search;
    private final Table labels;
    private final ColorMarks marks;
    private final Set<String> hidden = new HashSet<>();
    private List<LabelClass> classes = List.of();
    private Map<String, Integer> counts = Map.of();
    private boolean filling;

    public TextLabelPalette(Composite parent, Listener listener) {
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
        labels.setToolTipText("Click a label to put it on the selected text or span; the box shows or hides the label's spans");
        GridData ld = new GridData(SWT.FILL, SWT.FILL, true, true);
        ld.heightHint = 110;
        labels.setLayoutData(ld);
        column("Label", 120);
        column("Key", 36);
        column("#", 52);
        labels.addListener(SWT.Selection, e -> {
            if (filling) {
                return;
            }
            TableItem ti = (TableItem) e.item;
            String name = (String) ti.getData();
            if (e.detail == SWT.CHECK) {
                setHidden(name, !ti.getChecked());
            } else {
                listener.chosen(name);
                listener.done();
            }
        });
        labels.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.ESC) {
                listener.done();
            }
        });
        search.addListener(SWT.DefaultSelection, e -> {
            if (labels.getItemCount() > 0) {
                listener.chosen((String) labels.getItem(0).getData());
                search.setText("");
                listener.done();
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
    }

    private void column(String text, int width) {
        TableColumn c = new TableColumn(labels, SWT.LEFT);
        c.setText(text);
        c.setWidth(width);
    }

    /** A row above the labels for the editor's own controls (whose set is shown). */
    public Composite header() {
        return header;
    }

    /** Shows the labels with the number of spans of each. */
    public void setLabels(List<LabelClass> newClasses, Map<String, Integer> newCounts) {
        classes = List.copyOf(newClasses);
        counts = Map.copyOf(newCounts);
        fill();
    }

    public void focusSearch() {
        search.setFocus();
        search.selectAll();
    }

    /** Types into the search field (tests). */
    public void search(String text) {
        search.setText(text);
    }

    /** The labels listed now, after the search (tests). */
    public List<String> shownLabels() {
        List<String> out = new ArrayList<>();
        for (TableItem ti : labels.getItems()) {
            out.add((String) ti.getData());
        }
        return out;
    }

    /** Hides or shows a label's spans. */
    public void setHidden(String label, boolean hide) {
        if (hide) {
            hidden.add(label);
        } else {
            hidden.remove(label);
        }
        listener.visibilityChanged(label, hide);
        fill();
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
                ti.setChecked(!hidden.contains(c.name()));
            }
            labels.setRedraw(true);
        } finally {
            filling = false;
        }
    }
}
