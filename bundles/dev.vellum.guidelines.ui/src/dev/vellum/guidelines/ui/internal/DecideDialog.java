package dev.vellum.guidelines.ui.internal;

import dev.vellum.guidelines.FaqEntry;
import dev.vellum.guidelines.FaqExample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.CheckboxCellEditor;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/** Asks for the decision on an FAQ entry: the answer, examples linked to items, and labels it also concerns. */
public final class DecideDialog extends TitleAreaDialog {
    /** An editable example row. */
    static final class ExampleRow {
        String itemId;
        String annotationId;
        boolean correct;
        String note;

        ExampleRow(String itemId, String annotationId, boolean correct, String note) {
            this.itemId = itemId;
            this.annotationId = annotationId;
            this.correct = correct;
            this.note = note;
        }
    }

    private final FaqEntry entry;
    private final List<ExampleRow> examples = new ArrayList<>();
    private Text answer;
    private Text labels;
    private TableViewer table;
    private String resultAnswer = "";
    private List<FaqExample> resultExamples = List.of();
    private Set<String> resultLabels = Set.of();

    public DecideDialog(Shell parent, FaqEntry entry) {
        super(parent);
        this.entry = entry;
        for (FaqExample e : entry.examples()) {
            examples.add(new ExampleRow(e.itemId(), e.annotationId(), e.correct(), e.note()));
        }
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Decide " + entry.id());
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(entry.answer().isEmpty() ? "Decide: " + entry.id() : "Change the decision: " + entry.id());
        setMessage(entry.question().length() > 140 ? entry.question().substring(0, 140) + "\u2026" : entry.question());
        Composite body = new Composite(area, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 12;
        layout.marginHeight = 10;
        layout.horizontalSpacing = 8;
        body.setLayout(layout);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        Dialogs.heading(body, "Answer (Markdown)", 2, 0);
        answer = Widgets.id(Dialogs.area(body, 6, 2, entry.answer()), "decide.answer");
        answer.addListener(SWT.Modify, e -> update());

        Dialogs.heading(body, "Examples", 2, 10);
        table = new TableViewer(body, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        GridData td = new GridData(SWT.FILL, SWT.FILL, true, true, 1, 2);
        td.heightHint = 110;
        table.getTable().setLayoutData(td);
        table.setContentProvider(ArrayContentProvider.getInstance());
        column("Shows", 90, r -> r.correct ? "\u2713 correct" : "\u2717 incorrect", new EditingSupport(table) {
            @Override
            protected CellEditor getCellEditor(Object element) {
                return new CheckboxCellEditor(table.getTable());
            }

            @Override
            protected boolean canEdit(Object element) {
                return true;
            }

            @Override
            protected Object getValue(Object element) {
                return ((ExampleRow) element).correct;
            }

            @Override
            protected void setValue(Object element, Object value) {
                ((ExampleRow) element).correct = (Boolean) value;
                table.update(element, null);
            }
        });
        column("Item", 120, r -> r.itemId, text((r, v) -> r.itemId = v.strip(), r -> r.itemId));
        column("Annotation", 90, r -> r.annotationId, text((r, v) -> r.annotationId = v.strip(), r -> r.annotationId));
        column("Note", 200, r -> r.note, text((r, v) -> r.note = v, r -> r.note));
        table.setInput(examples);

        Composite buttons = new Composite(body, SWT.NONE);
        buttons.setLayout(Widgets.tight(1, true));
        ((GridLayout) buttons.getLayout()).verticalSpacing = 4;
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        Widgets.button(buttons, "&Add", "Add an example (the item the question was raised on)", () -> {
            ExampleRow row = new ExampleRow(entry.context().itemId(), entry.context().annotationId(), true, "");
            examples.add(row);
            table.refresh();
            table.editElement(row, 1);
        });
        Widgets.button(buttons, "Re&move", "Remove the selected example", () -> {
            Object selected = table.getStructuredSelection().getFirstElement();
            if (selected != null) {
                examples.remove(selected);
                table.refresh();
            }
        });
        Label hint = new Label(body, SWT.WRAP);
        hint.setText("Click a cell to edit it. Examples link the decision to items annotators can open.");
        hint.setForeground(body.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
        hint.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));

        Dialogs.heading(body, "Also concerns labels", 2, 10);
        Set<String> extra = new LinkedHashSet<>(entry.labels());
        extra.remove(entry.context().label());
        labels = Widgets.id(new Text(body, SWT.BORDER | SWT.SINGLE), "decide.labels");
        labels.setText(String.join(", ", extra));
        labels.setMessage("comma-separated, e.g. truck, van");
        labels.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        return area;
    }

    private interface Setter {
        void set(ExampleRow row, String value);
    }

    private EditingSupport text(Setter setter, java.util.function.Function<ExampleRow, String> getter) {
        return new EditingSupport(table) {
            @Override
            protected CellEditor getCellEditor(Object element) {
                return new TextCellEditor(table.getTable());
            }

            @Override
            protected boolean canEdit(Object element) {
                return true;
            }

            @Override
            protected Object getValue(Object element) {
                return getter.apply((ExampleRow) element);
            }

            @Override
            protected void setValue(Object element, Object value) {
                setter.set((ExampleRow) element, String.valueOf(value));
                table.update(element, null);
                update();
            }
        };
    }

    private void column(String title, int width, java.util.function.Function<ExampleRow, String> value, EditingSupport editing) {
        TableViewerColumn c = new TableViewerColumn(table, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return value.apply((ExampleRow) element);
            }
        });
        c.setEditingSupport(editing);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Decide", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        update();
    }

    private void update() {
        if (getButton(IDialogConstants.OK_ID) == null) {
            return;
        }
        boolean itemsOk = examples.stream().allMatch(r -> !r.itemId.isBlank());
        getButton(IDialogConstants.OK_ID).setEnabled(!answer.getText().isBlank() && itemsOk);
        setErrorMessage(itemsOk ? null : "Every example needs an item.");
    }

    @Override
    protected Point getInitialSize() {
        Point p = super.getInitialSize();
        return new Point(Math.max(p.x, 640), Math.max(p.y, 600));
    }

    @Override
    protected void okPressed() {
        resultAnswer = answer.getText().strip();
        resultExamples = examples.stream().map(r -> new FaqExample(r.itemId.strip(), r.annotationId.strip(), r.correct, r.note.strip()))
                .toList();
        Set<String> l = new LinkedHashSet<>();
        Arrays.stream(labels.getText().split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(l::add);
        resultLabels = l;
        super.okPressed();
    }

    /** The answer given. */
    public String answer() {
        return resultAnswer;
    }

    /** The examples given. */
    public List<FaqExample> examples() {
        return resultExamples;
    }

    /** The labels it also concerns. */
    public Set<String> extraLabels() {
        return resultLabels;
    }
}
