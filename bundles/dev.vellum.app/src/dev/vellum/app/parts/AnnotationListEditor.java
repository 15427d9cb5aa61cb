package dev.vellum.app.parts;

import dev.vellum.core.edit.ChangeState;
import dev.vellum.core.edit.CompoundEdit;
import dev.vellum.core.edit.EditCommand;
import dev.vellum.core.edit.RemoveAnnotation;
import dev.vellum.core.edit.ReplaceAnnotation;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.session.ProjectChange;
import dev.vellum.core.session.ProjectListener;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.core.ui.editors.ItemEditor;
import dev.vellum.core.ui.editors.SetFilter;
import dev.vellum.core.ui.widgets.ColorMarks;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.eclipse.core.runtime.ILog;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.Persist;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.EMenuService;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerEditor;
import org.eclipse.jface.viewers.ColumnViewerEditorActivationEvent;
import org.eclipse.jface.viewers.ColumnViewerEditorActivationStrategy;
import org.eclipse.jface.viewers.ComboBoxCellEditor;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TableViewerEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

/**
 * The editor for items of any modality: the item's assets, each annotator's set with its review
 * state and the actions that move it on (submit, accept, reject), and a table of all annotations.
 * Annotations can be relabelled in place and deleted; every change is an undoable edit of the
 * session. Which sets the user may change follows {@link ItemEditor#mayEdit}; the others' rows are
 * shown greyed. Opened when no modality editor accepts an item.
 */
public final class AnnotationListEditor implements ItemEditor {
    /** The id of the editor's context menu in the application model; bundles contribute to it. */
    public static final String POPUP_MENU = "dev.vellum.app.popupmenu.annotationList";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    /** One table row: an annotation and whose set it is in. */
    public record Row(String annotator, Annotation annotation) {
    }

    private final MPart part;
    private final ProjectSession session;
    private final ESelectionService selection;
    private final EMenuService menus;
    private final SetFilter visibility;
    private final ProjectListener listener = this::projectChanged;

    private String itemId;
    private Item item;
    private Composite root;
    private StackLayout pages;
    private Composite errorPage;
    private Label errorText;
    private Composite editorPage;
    private Label title;
    private Label subtitle;
    private Composite assetList;
    private Composite warning;
    private Label warningText;
    private Composite setList;
    private TableViewer viewer;
    private ColorMarks marks;
    private Font titleFont;
    private Font boldFont;
    private String problem;

    @Inject
    public AnnotationListEditor(MPart part, @Optional ProjectSession session, @Optional ESelectionService selection,
            @Optional EMenuService menus, @Optional SetFilter visibility) {
        this.part = part;
        this.visibility = SetFilter.orAll(visibility);
        this.session = session;
        this.selection = selection;
        this.menus = menus;
    }

    @PostConstruct
    void create(Composite parent) {
        itemId = part.getPersistedState().get(EditorProvider.ITEM_ID);
        marks = new ColorMarks(parent.getDisplay());
        root = new Composite(parent, SWT.NONE);
        pages = new StackLayout();
        root.setLayout(pages);
        root.addDisposeListener(e -> disposeResources());
        titleFont = FontDescriptor.createFrom(parent.getFont()).setStyle(SWT.BOLD).increaseHeight(3).createFont(parent.getDisplay());
        boldFont = FontDescriptor.createFrom(parent.getFont()).setStyle(SWT.BOLD).createFont(parent.getDisplay());
        createErrorPage();
        createEditorPage();
        if (session != null) {
            session.addListener(listener);
        }
        reload();
    }

    @PreDestroy
    void dispose() {
        if (session != null) {
            session.removeListener(listener);
            if (item != null) {
                session.release(itemId);
            }
        }
    }

    @Focus
    void focus() {
        if (pages.topControl == editorPage) {
            viewer.getTable().setFocus();
        } else {
            root.setFocus();
        }
    }

    /** Saves every changed item of the project (the session saves them together). */
    @Persist
    void save() {
        if (session == null) {
            return;
        }
        try {
            session.save();
        } catch (StoreException e) {
            ILog.of(AnnotationListEditor.class).error(e.getMessage(), e);
            MessageDialog.openError(root.getShell(), "Save Failed", e.getMessage());
        }
    }

    /** The item shown, or null when it could not be loaded. */
    public Item item() {
        return item;
    }

    /** Why the item could not be shown (one line, from the store), or null when it is shown. */
    public String problem() {
        return problem;
    }

    /** The rows of the annotation table, in order. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        if (item != null) {
            for (AnnotationSet set : visibleSets()) {
                for (Annotation a : set.annotations()) {
                    rows.add(new Row(set.annotator(), a));
                }
            }
        }
        return rows;
    }

    /** Whether the user may change the annotations of {@code annotator}'s set (see {@link ItemEditor#mayEdit}). */
    public boolean mayEdit(String annotator) {
        return session != null && ItemEditor.mayEdit(session.project(), session.user(), annotator);
    }

    /**
     * Deletes the annotations selected in the table as one undoable edit; those in sets the user may
     * not change stay (with a beep).
     *
     * @return how many were deleted
     */
    public int deleteSelected() {
        List<EditCommand> removals = new ArrayList<>();
        boolean skipped = false;
        for (Object o : viewer.getStructuredSelection()) {
            Row row = (Row) o;
            if (mayEdit(row.annotator())) {
                removals.add(new RemoveAnnotation(itemId, row.annotator(), row.annotation().id()));
            } else {
                skipped = true;
            }
        }
        if (skipped) {
            root.getDisplay().beep();
        }
        if (removals.isEmpty()) {
            return 0;
        }
        String label = removals.size() == 1 ? "Delete annotation" : "Delete " + removals.size() + " annotations";
        execute(new CompoundEdit(label, removals));
        return removals.size();
    }

    /** Gives the annotation of {@code row} another label, as an undoable edit; nothing when the user may not change its set. */
    public void relabel(Row row, String label) {
        if (Objects.equals(row.annotation().label(), label) || !mayEdit(row.annotator())) {
            return;
        }
        Annotation after = row.annotation().withLabel(label, session.user());
        execute(new ReplaceAnnotation(itemId, row.annotator(), after, "Relabel as '" + label + "'"));
    }

    /** Moves the set of {@code annotator} to {@code state}, as an undoable edit. */
    public void changeState(String annotator, AnnotationState state) {
        execute(new ChangeState(itemId, annotator, state));
    }

    /** The label classes the item's modality offers, in palette order. */
    public List<String> labelChoices() {
        if (session == null || item == null) {
            return List.of();
        }
        return session.project().schema(item.modalityId()).map(LabelSchema::classes).orElse(List.of()).stream()
                .map(LabelClass::name).toList();
    }

    private void execute(EditCommand command) {
        try {
            session.execute(command);
        } catch (StoreException | RuntimeException e) {
            ILog.of(AnnotationListEditor.class).warn(e.getMessage(), e);
            MessageDialog.openError(root.getShell(), "Cannot " + command.label(), e.getMessage());
        }
    }

    private void createErrorPage() {
        errorPage = new Composite(root, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 24;
        layout.marginHeight = 24;
        layout.horizontalSpacing = 12;
        errorPage.setLayout(layout);
        Label icon = new Label(errorPage, SWT.NONE);
        icon.setImage(root.getDisplay().getSystemImage(SWT.ICON_ERROR));
        icon.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false, 1, 2));
        Label heading = new Label(errorPage, SWT.NONE);
        heading.setFont(titleFont);
        heading.setText("This item cannot be shown");
        errorText = new Label(errorPage, SWT.WRAP);
        errorText.setData(ProjectExplorerPart.WIDGET_ID, "editor.error");
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
        gd.widthHint = 400;
        errorText.setLayoutData(gd);
    }

    private void createEditorPage() {
        editorPage = new Composite(root, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 0;
        editorPage.setLayout(layout);

        Composite header = new Composite(editorPage, SWT.NONE);
        GridLayout hl = new GridLayout(1, false);
        hl.marginWidth = 12;
        hl.marginTop = 10;
        hl.marginBottom = 6;
        hl.verticalSpacing = 3;
        header.setLayout(hl);
        header.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        title = new Label(header, SWT.NONE);
        title.setFont(titleFont);
        title.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        subtitle = new Label(header, SWT.NONE);
        subtitle.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        assetList = new Composite(header, SWT.NONE);
        GridLayout al = new GridLayout(3, false);
        al.marginWidth = 0;
        al.marginHeight = 2;
        al.horizontalSpacing = 12;
        al.verticalSpacing = 2;
        assetList.setLayout(al);
        assetList.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));

        warning = new Composite(header, SWT.NONE);
        GridLayout wl = new GridLayout(2, false);
        wl.marginWidth = 8;
        wl.marginHeight = 6;
        warning.setLayout(wl);
        GridData wld = new GridData(SWT.FILL, SWT.TOP, true, false);
        wld.verticalIndent = 4;
        warning.setLayoutData(wld);
        warning.setBackground(new Color(root.getDisplay(), new RGB(0xff, 0xf4, 0xce)));
        warning.setBackgroundMode(SWT.INHERIT_FORCE);
        Label warnIcon = new Label(warning, SWT.NONE);
        warnIcon.setImage(marks.dot(new RGB(0xe0, 0x9b, 0x00)));
        warnIcon.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        warningText = new Label(warning, SWT.WRAP);
        warningText.setData(ProjectExplorerPart.WIDGET_ID, "editor.warning");
        GridData wgd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        wgd.widthHint = 300;
        warningText.setLayoutData(wgd);

        sectionLine();
        setList = new Composite(editorPage, SWT.NONE);
        GridLayout sl = new GridLayout(6, false);
        sl.marginWidth = 12;
        sl.marginHeight = 8;
        sl.horizontalSpacing = 8;
        sl.verticalSpacing = 4;
        setList.setLayout(sl);
        setList.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        sectionLine();

        createTable();
    }

    private void sectionLine() {
        Label line = new Label(editorPage, SWT.SEPARATOR | SWT.HORIZONTAL);
        line.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
    }

    private void createTable() {
        viewer = new TableViewer(editorPage, SWT.MULTI | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setData(ProjectExplorerPart.WIDGET_ID, "editor.table");
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column("Annotator", 100, SWT.LEFT, r -> r.annotator(), null);
        column("Id", 90, SWT.LEFT, r -> r.annotation().id(), null);
        column("Type", 100, SWT.LEFT, r -> r.annotation().typeId(), null);
        TableViewerColumn label = column("Label", 110, SWT.LEFT, r -> r.annotation().label(), this::labelImage);
        label.setEditingSupport(new LabelEditing());
        column("Attributes", 150, SWT.LEFT, r -> compact(r.annotation().attributes()), null);
        column("Provenance", 84, SWT.LEFT, r -> r.annotation().provenance().id(), null);
        column("Author", 80, SWT.LEFT, r -> r.annotation().author(), null);
        column("Modified", 124, SWT.LEFT, r -> TIME.format(r.annotation().modified()), null);

        // Relabelling starts on double-click or F2, so a single click only selects, as in file managers.
        TableViewerEditor.create(viewer, new ColumnViewerEditorActivationStrategy(viewer) {
            @Override
            protected boolean isEditorActivationEvent(ColumnViewerEditorActivationEvent event) {
                return event.eventType == ColumnViewerEditorActivationEvent.MOUSE_DOUBLE_CLICK_SELECTION
                        || event.eventType == ColumnViewerEditorActivationEvent.PROGRAMMATIC
                        || event.eventType == ColumnViewerEditorActivationEvent.KEY_PRESSED && event.keyCode == SWT.F2;
            }
        }, ColumnViewerEditor.KEYBOARD_ACTIVATION | ColumnViewerEditor.TABBING_HORIZONTAL);

        viewer.getTable().addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.DEL && e.stateMask == 0) {
                deleteSelected();
                e.doit = false;
            }
        });
        viewer.addSelectionChangedListener(e -> publishSelection(e.getStructuredSelection()));

        // The context menu is the model's, so that other bundles contribute to it by its id.
        if (menus != null) {
            menus.registerContextMenu(viewer.getTable(), POPUP_MENU);
        }
    }

    /** Whether exactly one annotation is selected, the user may change it and there are labels to choose from. */
    public boolean canChangeLabel() {
        IStructuredSelection s = viewer.getStructuredSelection();
        return s.size() == 1 && mayEdit(((Row) s.getFirstElement()).annotator()) && !labelChoices().isEmpty();
    }

    /** Starts relabelling the selected annotation in place (as F2 does). */
    public void changeLabel() {
        Object first = viewer.getStructuredSelection().getFirstElement();
        if (first != null) {
            viewer.editElement(first, 3);
        }
    }

    /** Whether any annotation is selected. */
    public boolean hasSelection() {
        return !viewer.getStructuredSelection().isEmpty();
    }

    @Override
    public String itemId() {
        return itemId;
    }

    /** Selects the rows of these annotations (matched by annotator and id) and publishes them. */
    @Override
    public void select(List<SelectedAnnotation> annotations) {
        viewer.setSelection(new StructuredSelection(rowsOf(annotations)), true);
    }

    /** Selects the annotation's row, scrolls it into view and gives the table the keyboard. */
    @Override
    public void reveal(SelectedAnnotation annotation) {
        select(List.of(annotation));
        viewer.getTable().showSelection();
        viewer.getTable().setFocus();
    }

    private List<Row> rowsOf(List<SelectedAnnotation> annotations) {
        java.util.Set<String> wanted = new java.util.HashSet<>();
        for (SelectedAnnotation a : annotations) {
            wanted.add(a.annotator() + '\u0000' + a.annotation().id());
        }
        List<Row> out = new ArrayList<>();
        Object input = viewer.getInput();
        if (input instanceof List<?> rows) {
            for (Object o : rows) {
                Row r = (Row) o;
                if (wanted.contains(r.annotator() + '\u0000' + r.annotation().id())) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    @Override
    public List<SelectedAnnotation> selectedAnnotations() {
        List<SelectedAnnotation> out = new ArrayList<>();
        for (Object o : viewer.getStructuredSelection()) {
            Row row = (Row) o;
            out.add(new SelectedAnnotation(row.annotator(), row.annotation()));
        }
        return out;
    }

    private TableViewerColumn column(String text, int width, int align, java.util.function.Function<Row, String> value,
            java.util.function.Function<Row, Image> image) {
        TableViewerColumn c = new TableViewerColumn(viewer, align);
        c.getColumn().setText(text);
        c.getColumn().setWidth(width);
        c.getColumn().setResizable(true);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return value.apply((Row) element);
            }

            @Override
            public Image getImage(Object element) {
                return image == null ? null : image.apply((Row) element);
            }

            @Override
            public Color getForeground(Object element) {
                return mayEdit(((Row) element).annotator()) ? null : root.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY);
            }
        });
        return c;
    }

    private Image labelImage(Row row) {
        if (row.annotation().label().isEmpty() || session == null || item == null) {
            return null;
        }
        String color = session.project().schema(item.modalityId()).flatMap(s -> s.labelClass(row.annotation().label()))
                .map(LabelClass::color).orElse(null);
        return marks.label(color);
    }

    private final class LabelEditing extends EditingSupport {
        private final ComboBoxCellEditor editor = new ComboBoxCellEditor(viewer.getTable(), new String[0], SWT.READ_ONLY);
        private List<String> choices = List.of();

        LabelEditing() {
            super(viewer);
        }

        @Override
        protected CellEditor getCellEditor(Object element) {
            choices = new ArrayList<>(labelChoices());
            String current = ((Row) element).annotation().label();
            if (!current.isEmpty() && !choices.contains(current)) {
                choices.add(current);
            }
            editor.setItems(choices.toArray(String[]::new));
            return editor;
        }

        @Override
        protected boolean canEdit(Object element) {
            return mayEdit(((Row) element).annotator()) && !labelChoices().isEmpty();
        }

        @Override
        protected Object getValue(Object element) {
            return Math.max(0, choices.indexOf(((Row) element).annotation().label()));
        }

        @Override
        protected void setValue(Object element, Object value) {
            int i = (Integer) value;
            if (i >= 0 && i < choices.size()) {
                relabel((Row) element, choices.get(i));
            }
        }
    }

    private void publishSelection(IStructuredSelection s) {
        if (selection == null) {
            return;
        }
        if (s.size() == 1) {
            selection.setSelection(((Row) s.getFirstElement()).annotation());
        } else if (s.isEmpty()) {
            selection.setSelection(item == null ? null : item.summary());
        } else {
            selection.setSelection(s.toList().stream().map(o -> ((Row) o).annotation()).toList());
        }
    }

    private void projectChanged(ProjectChange change) {
        boolean mine = change.itemIds().contains(itemId);
        if (!mine && change.kind() != ProjectChange.Kind.SAVED) {
            return;
        }
        Display display = root.getDisplay();
        if (display.getThread() == Thread.currentThread()) {
            onChange(mine);
        } else {
            display.asyncExec(() -> onChange(mine));
        }
    }

    private void onChange(boolean mine) {
        if (root.isDisposed()) {
            return;
        }
        if (mine) {
            refresh();
        }
        updateDirty();
    }

    private void reload() {
        if (item != null && session != null) {
            session.release(itemId);
        }
        item = null;
        problem = null;
        if (session == null) {
            problem = "No project is open.";
        } else if (itemId == null) {
            problem = "The editor was opened without an item.";
        } else {
            try {
                // Retained, so that the session never swaps this object for a fresh copy while it is shown.
                item = session.retain(itemId);
            } catch (StoreException e) {
                ILog.of(AnnotationListEditor.class).warn(e.getMessage(), e);
                problem = e.getMessage();
            } catch (RuntimeException e) {
                // A malformed item must not take the workbench down; the log keeps the details.
                ILog.of(AnnotationListEditor.class).error("item '" + itemId + "': " + e.getMessage(), e);
                problem = "item '" + itemId + "': " + e.getMessage();
            }
        }
        if (item == null) {
            errorText.setText(problem);
            pages.topControl = errorPage;
            root.layout(true, true);
            return;
        }
        fillHeader();
        refresh();
        pages.topControl = editorPage;
        root.layout(true, true);
    }

    private void fillHeader() {
        title.setText(item.id());
        String dataset = item.dataset().isEmpty() ? "" : item.dataset() + "  \u00b7  ";
        subtitle.setText(dataset + item.modalityId() + "  \u00b7  " + item.assets().size() + (item.assets().size() == 1 ? " asset" : " assets"));
        for (Control c : assetList.getChildren()) {
            c.dispose();
        }
        for (Asset a : item.assets()) {
            Label uri = new Label(assetList, SWT.NONE);
            uri.setText(a.uri());
            uri.setToolTipText(session.stored().resolve(a).toString());
            Label modality = new Label(assetList, SWT.NONE);
            modality.setText(a.modalityId());
            Label meta = new Label(assetList, SWT.NONE);
            meta.setText(compact(a.metadata()));
            meta.setForeground(root.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
        }
        List<String> missing = session.stored().checkMedia(item);
        warning.setVisible(!missing.isEmpty());
        ((GridData) warning.getLayoutData()).exclude = missing.isEmpty();
        warningText.setText(missing.isEmpty() ? "" : "Media missing \u2014 the annotations are shown, the media cannot be: "
                + String.join("; ", missing));
    }

    private void refresh() {
        if (item == null) {
            return;
        }
        for (Control c : setList.getChildren()) {
            c.dispose();
        }
        if (item.sets().isEmpty()) {
            Label none = new Label(setList, SWT.NONE);
            none.setText("Nobody has annotated this item yet.");
            none.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 6, 1));
        }
        List<AnnotationSet> visible = visibleSets();
        for (AnnotationSet set : item.sets()) {
            if (visible.contains(set)) {
                addSetRow(set);
            } else {
                addHiddenSetRow(set);
            }
        }
        setList.layout(true, true);
        editorPage.layout(true, true);
        Object[] selected = viewer.getStructuredSelection().toArray();
        List<Row> rows = rows();
        viewer.setInput(rows);
        List<Row> keep = new ArrayList<>();
        for (Object o : selected) {
            Row old = (Row) o;
            rows.stream().filter(r -> r.annotator().equals(old.annotator()) && r.annotation().id().equals(old.annotation().id()))
                    .findFirst().ifPresent(keep::add);
        }
        viewer.setSelection(new StructuredSelection(keep));
        updateDirty();
    }

    private void addSetRow(AnnotationSet set) {
        Label dot = new Label(setList, SWT.NONE);
        dot.setImage(marks.state(set.state()));
        Label who = new Label(setList, SWT.NONE);
        who.setText(set.annotator());
        who.setFont(boldFont);
        Label facts = new Label(setList, SWT.WRAP);
        facts.setText(set.state().displayName() + "  \u00b7  " + set.annotations().size()
                + (set.annotations().size() == 1 ? " annotation" : " annotations") + "  \u00b7  guidelines\u00a0v" + set.guidelineVersion());
        GridData factsData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        // Small, so that a narrow editor wraps the facts rather than clipping them.
        factsData.widthHint = 120;
        facts.setLayoutData(factsData);
        AnnotationState s = set.state();
        boolean reviewable = s == AnnotationState.SUBMITTED || s == AnnotationState.IN_REVIEW;
        button(set.annotator(), "Submit", AnnotationState.SUBMITTED, s == AnnotationState.IN_PROGRESS || s == AnnotationState.REJECTED,
                "Hand this work in for review");
        button(set.annotator(), "Accept", AnnotationState.ACCEPTED, reviewable, "Accept this work in review");
        button(set.annotator(), "Reject", AnnotationState.REJECTED, reviewable, "Send this work back to the annotator");
    }

    // Blind: whose set it is and how far it is may be known, its annotations not.
    private void addHiddenSetRow(AnnotationSet set) {
        Label dot = new Label(setList, SWT.NONE);
        dot.setImage(marks.state(set.state()));
        Label who = new Label(setList, SWT.NONE);
        who.setText(set.annotator());
        who.setFont(boldFont);
        Label facts = new Label(setList, SWT.WRAP);
        facts.setText(set.state().displayName() + "  \u00b7  hidden until the workflow lets you see it");
        facts.setData(ProjectExplorerPart.WIDGET_ID, "editor.set." + set.annotator() + ".hidden");
        facts.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
    }

    // The sets this user may see (the workflow's blind rules; their own always).
    private List<AnnotationSet> visibleSets() {
        return session == null ? List.copyOf(item.sets()) : visibility.visibleSets(session.project(), item, session.user());
    }

    private void button(String annotator, String text, AnnotationState target, boolean enabled, String tooltip) {
        Button b = new Button(setList, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tooltip);
        b.setEnabled(enabled && session != null);
        b.setData(ProjectExplorerPart.WIDGET_ID, "editor.set." + annotator + "." + text.toLowerCase(java.util.Locale.ROOT));
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, false, false);
        gd.widthHint = Math.max(76, b.computeSize(SWT.DEFAULT, SWT.DEFAULT).x);
        b.setLayoutData(gd);
        b.addListener(SWT.Selection, e -> changeState(annotator, target));
    }

    // Unsaved changes belong to the project, not to this tab: closing the tab keeps them in the
    // session (Save, autosave or the question on quitting deal with them). So the tab shows a '*'
    // instead of being MDirtyable, which would make e4 offer a per-tab "Don't Save" that cannot
    // discard anything.
    private void updateDirty() {
        if (session != null && itemId != null) {
            String label = (session.dirtyItems().contains(itemId) ? "*" : "") + itemId;
            if (!label.equals(part.getLabel())) {
                part.setLabel(label);
            }
        }
    }

    private void disposeResources() {
        marks.dispose();
        titleFont.dispose();
        boldFont.dispose();
    }

    /** A map on one line, JSON-like: {@code {occluded: true, truncated: false}}. */
    static String compact(Map<String, Object> map) {
        if (map == null || map.isEmpty()) {
            return "";
        }
        return map.entrySet().stream().map(e -> e.getKey() + ": " + compactValue(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    @SuppressWarnings("unchecked")
    private static String compactValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return "{" + compact((Map<String, Object>) m) + "}";
        }
        if (v instanceof List<?> l) {
            return l.stream().map(AnnotationListEditor::compactValue).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(v);
    }
}
