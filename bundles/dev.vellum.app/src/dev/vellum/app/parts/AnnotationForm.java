package dev.vellum.app.parts;

import dev.vellum.core.edit.CompoundEdit;
import dev.vellum.core.edit.EditCommand;
import dev.vellum.core.edit.ReplaceAnnotation;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.editors.ItemEditor;
import dev.vellum.core.ui.editors.ItemEditor.SelectedAnnotation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The editable top of the Properties view for annotations selected in an item editor: their label
 * (a choice of the schema's labels) and the attributes their label classes define, each with the
 * control for its type, plus attributes they carry that no class defines (shown, not editable).
 * Every change is one undoable edit of the session; with several annotations selected it applies to
 * all of them as one edit, and fields whose values differ say "mixed". Only sets the user may change
 * ({@link ItemEditor#mayEdit}) are editable.
 * <p>
 * Keyboard: Tab moves through the fields; in a text field Enter (or leaving it) applies and Escape
 * reverts; combos and check boxes apply at once.
 */
final class AnnotationForm {
    /** Stands for differing values in combos and check boxes. */
    private static final String MIXED = "(mixed)";
    private static final String NOT_SET = "(not set)";
    private static final String SHOWN = "vellum.shown";

    private final Composite root;
    private final Font boldFont;
    private final Color errorBackground;
    private final List<Runnable> updaters = new ArrayList<>();
    private ProjectSession session;
    private String itemId;
    /** Annotator and id of each annotation shown; the annotation objects are read again on refresh. */
    private List<SelectedAnnotation> targets = List.of();
    private String structure = "";
    private Label message;
    private boolean rebuilding;

    /** @param parent a composite with a {@link GridLayout}; the form takes the full width and hides itself when empty */
    AnnotationForm(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridData data = new GridData(SWT.FILL, SWT.TOP, true, false);
        data.exclude = true;
        root.setLayoutData(data);
        root.setVisible(false);
        root.setData(ProjectExplorerPart.WIDGET_ID, "properties.form");
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 8;
        layout.marginHeight = 6;
        layout.verticalSpacing = 4;
        root.setLayout(layout);
        boldFont = FontDescriptor.createFrom(parent.getFont()).setStyle(SWT.BOLD).createFont(parent.getDisplay());
        errorBackground = new Color(parent.getDisplay(), new RGB(0xfd, 0xe2, 0xe2));
        root.addDisposeListener(e -> {
            boldFont.dispose();
            errorBackground.dispose();
        });
    }

    /** The form's top composite. */
    Control control() {
        return root;
    }

    /** Whether annotations are shown. */
    boolean isShowing() {
        return !targets.isEmpty();
    }

    /**
     * Shows these annotations of an item for editing, or nothing.
     *
     * @param annotations with the annotator whose set holds each; empty hides the form
     */
    void show(ProjectSession newSession, String newItemId, List<SelectedAnnotation> annotations) {
        session = newSession;
        itemId = newItemId;
        targets = newSession == null || newItemId == null ? List.of() : List.copyOf(annotations);
        refresh();
    }

    /** Reads the annotations again (after an edit, undo or redo) and shows their current values. */
    void refresh() {
        List<SelectedAnnotation> current = current();
        targets = current;
        if (current.isEmpty()) {
            if (!structure.isEmpty()) {
                rebuild(List.of(), List.of(), false);
            }
            return;
        }
        List<Field> fields = fields(current);
        boolean editable = current.stream().allMatch(t -> ItemEditor.mayEdit(session.project(), session.user(), t.annotator()));
        List<String> labels = labelChoices();
        String key = itemId + current.stream().map(t -> t.annotator() + "/" + t.annotation().id()).toList() + editable + labels + fields;
        if (!key.equals(structure)) {
            rebuild(current, fields, editable);
            structure = key;
        }
        updaters.forEach(Runnable::run);
    }

    /** The annotations shown, as they are now in the session; those that are gone are left out. */
    private List<SelectedAnnotation> current() {
        if (session == null || itemId == null || targets.isEmpty()) {
            return List.of();
        }
        Item item;
        try {
            item = session.load(itemId);
        } catch (StoreException | RuntimeException e) {
            return List.of();
        }
        List<SelectedAnnotation> out = new ArrayList<>();
        for (SelectedAnnotation t : targets) {
            Optional<AnnotationSet> set = item.set(t.annotator());
            set.flatMap(s -> s.annotation(t.annotation().id())).ifPresent(a -> out.add(new SelectedAnnotation(t.annotator(), a)));
        }
        return out;
    }

    /** One attribute row: its definition, or null when no label class of the annotations defines it. */
    private record Field(String name, AttributeDef def) {
        @Override
        public String toString() {
            return def == null ? name + "?" : name + ":" + def;
        }
    }

    // The attributes of every label class among the annotations, in class order, then the ones they
    // carry that no class defines.
    private List<Field> fields(List<SelectedAnnotation> current) {
        Map<String, Field> out = new LinkedHashMap<>();
        Optional<LabelSchema> schema = schema();
        for (SelectedAnnotation t : current) {
            schema.flatMap(s -> s.labelClass(t.annotation().label())).map(LabelClass::attributes).orElse(List.of())
                    .forEach(d -> out.putIfAbsent(d.name(), new Field(d.name(), d)));
        }
        for (SelectedAnnotation t : current) {
            t.annotation().attributes().keySet().forEach(name -> out.putIfAbsent(name, new Field(name, null)));
        }
        return List.copyOf(out.values());
    }

    private Optional<LabelSchema> schema() {
        return session.project().item(itemId).flatMap(s -> session.project().schema(s.modalityId()));
    }

    private List<String> labelChoices() {
        return schema().map(LabelSchema::classes).orElse(List.of()).stream().map(LabelClass::name).toList();
    }

    private void rebuild(List<SelectedAnnotation> current, List<Field> fields, boolean editable) {
        rebuilding = true;
        try {
            for (Control c : root.getChildren()) {
                c.dispose();
            }
        } finally {
            rebuilding = false;
        }
        updaters.clear();
        structure = "";
        message = null;
        root.setVisible(!current.isEmpty());
        ((GridData) root.getLayoutData()).exclude = current.isEmpty();
        if (!current.isEmpty()) {
            header(current, editable);
            labelRow(editable);
            for (Field f : fields) {
                fieldRow(f, editable);
            }
            message = new Label(root, SWT.WRAP);
            message.setData(ProjectExplorerPart.WIDGET_ID, "properties.message");
            message.setForeground(root.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
            gd.widthHint = 150;
            message.setLayoutData(gd);
        }
        root.getParent().layout(true, true);
    }

    private void header(List<SelectedAnnotation> current, boolean editable) {
        Label header = new Label(root, SWT.WRAP);
        header.setData(ProjectExplorerPart.WIDGET_ID, "properties.header");
        header.setFont(boldFont);
        Set<String> annotators = current.stream().map(SelectedAnnotation::annotator).collect(Collectors.toCollection(LinkedHashSet::new));
        String what = current.size() == 1 ? "Annotation " + current.get(0).annotation().id() : current.size() + " annotations";
        String text = what + " \u00b7 " + String.join(", ", annotators);
        if (!editable) {
            text += "\nRead-only: you (" + session.user() + ") can change only your own set in this project";
        }
        header.setText(text);
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        gd.widthHint = 150;
        header.setLayoutData(gd);
    }

    private Label name(String text, String tooltip) {
        Label l = new Label(root, SWT.NONE);
        l.setText(text);
        l.setToolTipText(tooltip);
        l.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false));
        return l;
    }

    private void labelRow(boolean editable) {
        name("Label", "The label class; changing it keeps the attribute values");
        Combo combo = new Combo(root, SWT.READ_ONLY | SWT.DROP_DOWN);
        combo.setData(ProjectExplorerPart.WIDGET_ID, "properties.label");
        combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        combo.setEnabled(editable);
        List<String> items = new ArrayList<>();
        combo.addListener(SWT.Selection, e -> {
            int i = combo.getSelectionIndex();
            if (i >= 0 && i < items.size() && items.get(i) != null) {
                applyLabel(items.get(i));
            }
        });
        updaters.add(() -> {
            Values v = values(t -> t.annotation().label());
            items.clear();
            if (v.mixed()) {
                items.add(null);
            }
            items.addAll(labelChoices());
            String label = (String) v.value();
            if (!v.mixed() && !items.contains(label)) {
                items.add(label);
            }
            combo.setItems(items.stream().map(s -> s == null ? MIXED : s.isEmpty() ? NOT_SET : s).toArray(String[]::new));
            combo.select(v.mixed() ? 0 : items.indexOf(label));
        });
    }

    private void fieldRow(Field f, boolean editable) {
        AttributeDef def = f.def();
        String title = def == null ? f.name() : f.name() + (def.required() ? " *" : "");
        Label label = name(title, def == null ? "Not defined by the label class; shown as stored"
                : def.type().id() + (def.required() ? ", required" : ""));
        if (def == null) {
            label.setForeground(root.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            Text text = new Text(root, SWT.SINGLE | SWT.READ_ONLY);
            text.setData(ProjectExplorerPart.WIDGET_ID, "properties.attribute." + f.name());
            text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            text.setForeground(root.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            updaters.add(() -> {
                Values v = values(t -> t.annotation().attributes().get(f.name()));
                text.setText(v.mixed() ? MIXED : display(v.value()) + "  (not defined)");
            });
            return;
        }
        if (def.required()) {
            label.setFont(boldFont);
        }
        switch (def.type()) {
            case BOOLEAN -> checkBox(def, editable);
            case CHOICE -> choice(def, editable);
            case MULTI_CHOICE -> multiChoice(def, editable);
            case NUMBER, TEXT -> text(def, editable);
        }
    }

    private void checkBox(AttributeDef def, boolean editable) {
        Button check = new Button(root, SWT.CHECK);
        check.setData(ProjectExplorerPart.WIDGET_ID, "properties.attribute." + def.name());
        check.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        check.setEnabled(editable);
        check.addListener(SWT.Selection, e -> {
            // From "mixed", a click sets every annotation to true: the box shows what it applies.
            boolean value = check.getGrayed() || check.getSelection();
            apply(def, old -> value, "Set '" + def.name() + "'");
        });
        updaters.add(() -> {
            Values v = values(t -> t.annotation().attributes().get(def.name()));
            check.setGrayed(v.mixed());
            check.setSelection(v.mixed() || Boolean.TRUE.equals(v.value()));
            check.setText(v.mixed() ? MIXED : v.value() == null ? NOT_SET : "");
        });
    }

    private void choice(AttributeDef def, boolean editable) {
        Combo combo = new Combo(root, SWT.READ_ONLY | SWT.DROP_DOWN);
        combo.setData(ProjectExplorerPart.WIDGET_ID, "properties.attribute." + def.name());
        combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        combo.setEnabled(editable);
        List<Object> items = new ArrayList<>();
        Object mixed = new Object();
        combo.addListener(SWT.Selection, e -> {
            int i = combo.getSelectionIndex();
            if (i < 0 || i >= items.size() || items.get(i) == mixed) {
                return;
            }
            Object value = items.get(i);
            if (value == null && def.required()) {
                error("'" + def.name() + "' is required: choose one of " + String.join(", ", def.allowedValues()));
                refresh();
                return;
            }
            apply(def, old -> value, "Set '" + def.name() + "'");
        });
        updaters.add(() -> {
            Values v = values(t -> t.annotation().attributes().get(def.name()));
            items.clear();
            if (v.mixed()) {
                items.add(mixed);
            }
            items.add(null);
            items.addAll(def.allowedValues());
            if (!v.mixed() && v.value() != null && !def.allowedValues().contains(String.valueOf(v.value()))) {
                items.add(v.value());
            }
            combo.setItems(items.stream().map(o -> o == mixed ? MIXED : o == null ? NOT_SET
                    : def.accepts(o) ? String.valueOf(o) : display(o) + " (not allowed)").toArray(String[]::new));
            int selected = 0;
            if (!v.mixed()) {
                for (int i = 0; i < items.size(); i++) {
                    Object o = items.get(i);
                    if (o == null ? v.value() == null : o != mixed && v.value() != null && String.valueOf(o).equals(String.valueOf(v.value()))) {
                        selected = i;
                        break;
                    }
                }
            }
            combo.select(selected);
        });
    }

    private void multiChoice(AttributeDef def, boolean editable) {
        Composite box = new Composite(root, SWT.NONE);
        box.setData(ProjectExplorerPart.WIDGET_ID, "properties.attribute." + def.name());
        RowLayout layout = new RowLayout(SWT.HORIZONTAL);
        layout.marginLeft = layout.marginTop = layout.marginBottom = 0;
        layout.wrap = true;
        box.setLayout(layout);
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.widthHint = 150;
        box.setLayoutData(gd);
        for (String choice : def.allowedValues()) {
            Button check = new Button(box, SWT.CHECK);
            check.setText(choice);
            check.setData(ProjectExplorerPart.WIDGET_ID, "properties.attribute." + def.name() + "." + choice);
            check.setEnabled(editable);
            // Ticking adds the value to every annotation's list; unticking a value all of them have removes it.
            check.addListener(SWT.Selection, e -> {
                boolean add = check.getGrayed() || check.getSelection();
                apply(def, old -> {
                    List<Object> list = old instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
                    list.remove(choice);
                    if (add) {
                        list.add(choice);
                    }
                    return list.isEmpty() ? null : list;
                }, (add ? "Add '" : "Remove '") + choice + "' to '" + def.name() + "'");
            });
            updaters.add(() -> {
                long having = targets.stream().filter(t -> t.annotation().attributes().get(def.name()) instanceof List<?> l
                        && l.contains(choice)).count();
                check.setGrayed(having > 0 && having < targets.size());
                check.setSelection(having > 0);
            });
        }
    }

    private void text(AttributeDef def, boolean editable) {
        Text text = new Text(root, SWT.SINGLE | SWT.BORDER);
        text.setData(ProjectExplorerPart.WIDGET_ID, "properties.attribute." + def.name());
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        text.setEditable(editable);
        text.addListener(SWT.DefaultSelection, e -> commit(def, text));
        text.addListener(SWT.FocusOut, e -> commit(def, text));
        text.addListener(SWT.Modify, e -> text.setBackground(null));
        text.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.ESC) {
                revert(text);
                e.doit = false;
            }
        });
        // Escape must not leave the field (or close anything) before it reverts.
        text.addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_ESCAPE) {
                revert(text);
                e.doit = false;
            }
        });
        updaters.add(() -> {
            Values v = values(t -> t.annotation().attributes().get(def.name()));
            String shown = v.mixed() || v.value() == null ? "" : display(v.value());
            boolean typing = text.isFocusControl() && !text.getText().equals(text.getData(SHOWN));
            text.setData(SHOWN, shown);
            text.setMessage(v.mixed() ? MIXED : NOT_SET);
            if (!typing) {
                text.setText(shown);
            }
        });
    }

    private void revert(Text text) {
        text.setText((String) text.getData(SHOWN));
        text.setBackground(null);
        error("");
    }

    private void commit(AttributeDef def, Text text) {
        if (rebuilding || text.isDisposed() || text.getText().equals(text.getData(SHOWN)) || !text.getEditable()) {
            return;
        }
        String typed = text.getText().strip();
        Object value;
        if (typed.isEmpty()) {
            if (def.required()) {
                refuse(text, "'" + def.name() + "' is required and cannot be empty");
                return;
            }
            value = null;
        } else if (def.type() == AttributeType.NUMBER) {
            try {
                value = new BigDecimal(typed);
            } catch (NumberFormatException e) {
                refuse(text, "'" + def.name() + "' must be a number; '" + typed + "' is not one (e.g. 3 or 0.25)");
                return;
            }
        } else {
            value = typed;
        }
        apply(def, old -> value, "Set '" + def.name() + "'");
    }

    private void refuse(Text text, String why) {
        text.setBackground(errorBackground);
        error(why);
    }

    /** Shows why an input was refused; empty clears it. */
    private void error(String why) {
        if (message != null && !message.isDisposed()) {
            message.setText(why);
            root.getParent().layout(true, true);
        }
    }

    private void applyLabel(String label) {
        List<EditCommand> edits = new ArrayList<>();
        for (SelectedAnnotation t : current()) {
            if (!t.annotation().label().equals(label)) {
                edits.add(new ReplaceAnnotation(itemId, t.annotator(), t.annotation().withLabel(label, session.user()),
                        "Relabel as '" + label + "'"));
            }
        }
        execute(edits, "Relabel " + edits.size() + " annotations as '" + label + "'");
    }

    private void apply(AttributeDef def, UnaryOperator<Object> change, String label) {
        List<EditCommand> edits = new ArrayList<>();
        for (SelectedAnnotation t : current()) {
            Map<String, Object> attributes = new LinkedHashMap<>(t.annotation().attributes());
            Object before = attributes.get(def.name());
            Object after = change.apply(before);
            if (after == null) {
                attributes.remove(def.name());
            } else {
                attributes.put(def.name(), after);
            }
            Annotation changed = t.annotation().withAttributes(attributes, session.user());
            // Compared after normalization, so that typing "3" where 3 is stored is no edit.
            if (!Objects.equals(changed.attributes(), t.annotation().attributes())) {
                edits.add(new ReplaceAnnotation(itemId, t.annotator(), changed, label));
            }
        }
        execute(edits, label + " on " + edits.size() + " annotations");
    }

    private void execute(List<EditCommand> edits, String compoundLabel) {
        error("");
        if (edits.isEmpty()) {
            refresh();
            return;
        }
        try {
            session.execute(edits.size() == 1 ? edits.get(0) : new CompoundEdit(compoundLabel, edits));
        } catch (StoreException | RuntimeException e) {
            ILog.of(AnnotationForm.class).warn(e.getMessage(), e);
            error(e.getMessage());
        }
        // The session's change event refreshes too; this covers a session without listeners.
        if (!root.isDisposed()) {
            refresh();
        }
    }

    private record Values(boolean mixed, Object value) {
    }

    private Values values(java.util.function.Function<SelectedAnnotation, Object> of) {
        Object first = null;
        boolean mixed = false;
        for (int i = 0; i < targets.size(); i++) {
            Object v = of.apply(targets.get(i));
            if (i == 0) {
                first = v;
            } else if (!Objects.equals(first, v)) {
                mixed = true;
            }
        }
        return new Values(mixed, first);
    }

    private static String display(Object v) {
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(AnnotationForm::display).collect(Collectors.joining(", "));
        }
        return String.valueOf(v);
    }
}
