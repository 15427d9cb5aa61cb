package dev.vellum.app.parts;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.editors.ItemEditor;
import dev.vellum.core.ui.editors.ItemEditor.SelectedAnnotation;
import dev.vellum.core.ui.editors.SetFilter;
import dev.vellum.core.ui.views.SessionFollower;
import dev.vellum.core.ui.widgets.ColorMarks;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * The annotations of the item in the active item editor (or the one last active), for any modality:
 * colour mark and label, short type, annotator and id, in a virtual table that stays quick with tens
 * of thousands of rows. A filter field narrows the rows; a click on a column header sorts by it.
 * Selecting rows selects the annotations in the editor ({@link ItemEditor#select}) and publishes
 * them; what the editor selects is selected here. Double-click or Enter reveals the annotation in
 * the editor and activates it. Follows the session's edits of the item.
 */
public final class OutlinePart {
    /** One row: an annotation and whose set it is in. */
    public record Row(String annotator, Annotation annotation) {
        String key() {
            return key(annotator, annotation.id());
        }

        static String key(String annotator, String id) {
            return annotator + '\u0000' + id;
        }

        /** The type id without its modality prefix: {@code image.bbox} is shown as {@code bbox}. */
        public String shortType() {
            String t = annotation.typeId();
            int dot = t.indexOf('.');
            return dot < 0 ? t : t.substring(dot + 1);
        }
    }

    private static final List<Function<Row, String>> COLUMNS = List.of(r -> r.annotation().label(), Row::shortType,
            Row::annotator, r -> r.annotation().id());

    private final ESelectionService selection;
    private final EPartService parts;
    private final SetFilter visibility;
    private final FollowedEditor editors = new FollowedEditor();
    /** Reloads the rows when the shown item changes (an edit, undo, redo or save), keeping the selection. */
    private final SessionFollower follower = new SessionFollower(() -> this.table,
            change -> this.itemId != null && change.itemIds().contains(this.itemId), this::reloadKeepingSelection);
    private ProjectSession session;

    private Composite root;
    private Label header;
    private Text filter;
    private Table table;
    private ColorMarks marks;
    private final Map<String, Image> labelMarks = new HashMap<>();

    private String itemId;
    private List<Row> all = List.of();
    private Row[] shown = new Row[0];
    private final Map<String, Integer> indexOf = new HashMap<>();
    private int sortColumn = -1;
    private boolean descending;
    /** Set while this view changes the editor's selection or its own, so the echo is not taken as a user's choice. */
    private boolean syncing;

    @Inject
    public OutlinePart(@Optional ESelectionService selection, @Optional EPartService parts, @Optional SetFilter visibility) {
        this.selection = selection;
        this.visibility = SetFilter.orAll(visibility);
        this.parts = parts;
    }

    @PostConstruct
    void create(Composite parent) {
        marks = new ColorMarks(parent.getDisplay());
        root = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 2;
        root.setLayout(layout);
        root.addDisposeListener(e -> marks.dispose());

        header = new Label(root, SWT.NONE);
        header.setData(ProjectExplorerPart.WIDGET_ID, "outline.header");
        GridData hd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        hd.horizontalIndent = 4;
        header.setLayoutData(hd);

        filter = new Text(root, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setData(ProjectExplorerPart.WIDGET_ID, "outline.filter");
        filter.setMessage("Filter by label, type, annotator or id");
        filter.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        filter.addListener(SWT.Modify, e -> refill());
        filter.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.ARROW_DOWN && table.getItemCount() > 0) {
                table.setFocus();
                if (table.getSelectionCount() == 0) {
                    table.setSelection(0);
                    userSelected();
                }
                e.doit = false;
            }
        });

        table = new Table(root, SWT.VIRTUAL | SWT.MULTI | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setData(ProjectExplorerPart.WIDGET_ID, "outline.table");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        String[] titles = {"Label", "Type", "Annotator", "Id"};
        int[] widths = {110, 70, 80, 70};
        for (int i = 0; i < titles.length; i++) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(titles[i]);
            c.setWidth(widths[i]);
            c.setMoveable(true);
            int column = i;
            c.addListener(SWT.Selection, e -> sortBy(column));
        }
        table.addListener(SWT.SetData, e -> {
            TableItem ti = (TableItem) e.item;
            int i = e.index;
            if (i < 0 || i >= shown.length) {
                return;
            }
            Row r = shown[i];
            ti.setText(new String[] {r.annotation().label(), r.shortType(), r.annotator(), r.annotation().id()});
            ti.setImage(0, labelMark(r.annotation().label()));
        });
        table.addListener(SWT.Selection, e -> userSelected());
        table.addListener(SWT.DefaultSelection, e -> reveal());

        showItem(editors.itemId());
    }

    @PreDestroy
    void dispose() {
        follower.dispose();
    }

    @Focus
    void focus() {
        (table.getItemCount() > 0 ? table : filter).setFocus();
    }

    /** Follows another project: what was shown belonged to the old one. */
    @Inject
    void projectChanged(@Optional ProjectSession newSession) {
        if (!follower.follow(newSession)) {
            return;
        }
        session = newSession;
        if (table != null && !table.isDisposed()) {
            showItem(editors.itemId());
        }
    }

    /**
     * Follows the active item editor and its selection. When another part is active (this view, the
     * Properties view) the last editor stays the one shown.
     */
    @Inject
    void activeChanged(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart active,
            @Optional @Named(IServiceConstants.ACTIVE_SELECTION) Object ignored) {
        boolean changed = editors.activated(active);
        if (table == null || table.isDisposed()) {
            return;
        }
        if (changed || !java.util.Objects.equals(itemId, editors.itemId())) {
            showItem(editors.itemId());
        }
        if (editors.is(active)) {
            selectFromEditor();
        }
    }

    /** The item listed, or null. */
    public String itemId() {
        return itemId;
    }

    /** The rows shown (filtered and sorted), in table order. */
    public List<Row> rows() {
        return List.of(shown);
    }

    /** The rows selected in the table. */
    public List<Row> selectedRows() {
        return Arrays.stream(table.getSelectionIndices()).sorted().mapToObj(i -> shown[i]).toList();
    }

    private void reloadKeepingSelection() {
        List<String> keep = selectedRows().stream().map(Row::key).toList();
        load();
        refill(keep);
    }

    private void showItem(String id) {
        itemId = id;
        load();
        refill(List.of());
        if (editors.editor() != null) {
            selectFromEditor();
        }
    }

    private void load() {
        List<Row> rows = new ArrayList<>();
        labelMarks.clear();
        if (session != null && itemId != null) {
            try {
                Item item = session.load(itemId);
                // blind: only the sets the workflow lets this user see
                for (AnnotationSet set : visibility.visibleSets(session.project(), item, session.user())) {
                    for (Annotation a : set.annotations()) {
                        rows.add(new Row(set.annotator(), a));
                    }
                }
                // Label colours by name, looked up once per fill rather than per painted row.
                session.project().schema(item.modalityId()).map(LabelSchema::classes).orElse(List.of())
                        .forEach(c -> labelMarks.put(c.name(), marks.label(c.color())));
            } catch (StoreException | RuntimeException e) {
                rows.clear();
            }
        }
        all = rows;
    }

    private Image labelMark(String label) {
        if (label.isEmpty()) {
            return null;
        }
        return labelMarks.computeIfAbsent(label, l -> marks.label(null));
    }

    private void refill() {
        refill(selectedRows().stream().map(Row::key).toList());
    }

    // Filters and sorts the rows, then lets the virtual table ask for the ones it paints.
    private void refill(List<String> selectedKeys) {
        String needle = filter.getText().strip().toLowerCase(Locale.ROOT);
        List<Row> rows = new ArrayList<>(all.size());
        for (Row r : all) {
            if (needle.isEmpty() || matches(r, needle)) {
                rows.add(r);
            }
        }
        if (sortColumn >= 0) {
            Comparator<Row> order = Comparator.comparing(COLUMNS.get(sortColumn), String.CASE_INSENSITIVE_ORDER);
            rows.sort(descending ? order.reversed() : order);
        }
        shown = rows.toArray(Row[]::new);
        indexOf.clear();
        for (int i = 0; i < shown.length; i++) {
            indexOf.put(shown[i].key(), i);
        }
        syncing = true;
        try {
            table.setRedraw(false);
            // Emptied first: shrinking a virtual table row by row is slow on GTK, emptying it is not.
            table.removeAll();
            table.setItemCount(shown.length);
            table.setSelection(indicesOf(selectedKeys));
        } finally {
            table.setRedraw(true);
            syncing = false;
        }
        if (itemId == null) {
            header.setText(session == null ? "No project is open" : "No item editor is open");
        } else {
            String count = shown.length == all.size() ? all.size() + (all.size() == 1 ? " annotation" : " annotations")
                    : shown.length + " of " + all.size() + " annotations";
            header.setText(itemId + "  \u00b7  " + count);
        }
    }

    private static boolean matches(Row r, String needle) {
        for (Function<Row, String> c : COLUMNS) {
            if (c.apply(r).toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private void sortBy(int column) {
        descending = column == sortColumn && !descending;
        sortColumn = column;
        table.setSortColumn(table.getColumn(column));
        table.setSortDirection(descending ? SWT.DOWN : SWT.UP);
        refill();
        table.showSelection();
    }

    private int[] indicesOf(List<String> keys) {
        return keys.stream().map(indexOf::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).toArray();
    }

    private void selectFromEditor() {
        ItemEditor editor = editors.editor();
        if (editor == null || syncing) {
            return;
        }
        List<String> keys = editor.selectedAnnotations().stream().map(s -> Row.key(s.annotator(), s.annotation().id())).toList();
        int[] indices = indicesOf(keys);
        syncing = true;
        try {
            table.setSelection(indices);
            if (indices.length > 0) {
                table.showSelection();
            }
        } finally {
            syncing = false;
        }
    }

    // The user changed the table's selection: the editor selects the same, and so does the workbench.
    private void userSelected() {
        if (syncing) {
            return;
        }
        List<Row> rows = selectedRows();
        ItemEditor editor = editors.editor();
        syncing = true;
        try {
            if (editor != null) {
                editor.select(rows.stream().map(r -> new SelectedAnnotation(r.annotator(), r.annotation())).toList());
            }
            if (selection != null && !rows.isEmpty()) {
                selection.setSelection(rows.size() == 1 ? rows.get(0).annotation() : rows.stream().map(Row::annotation).toList());
            }
        } finally {
            syncing = false;
        }
    }

    // Double-click or Enter: the editor shows the annotation and takes the keyboard.
    private void reveal() {
        List<Row> rows = selectedRows();
        ItemEditor editor = editors.editor();
        MPart part = editors.part();
        if (rows.isEmpty() || part == null) {
            return;
        }
        if (parts != null) {
            parts.activate(part, true);
        }
        if (editor != null) {
            if (rows.size() == 1) {
                editor.reveal(new SelectedAnnotation(rows.get(0).annotator(), rows.get(0).annotation()));
            } else {
                editor.select(rows.stream().map(r -> new SelectedAnnotation(r.annotator(), r.annotation())).toList());
            }
        }
    }
}
