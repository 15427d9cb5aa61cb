package dev.vellum.guidelines.ui.parts;

import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.model.Item;
import dev.vellum.core.session.ProjectChange;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.editors.SetFilter;
import dev.vellum.core.ui.views.SessionFollower;
import dev.vellum.guidelines.GuidelineDiff;
import dev.vellum.guidelines.ui.internal.EditorFocus;
import dev.vellum.guidelines.ui.internal.GuidelinesEvents;
import dev.vellum.guidelines.ui.internal.Json;
import dev.vellum.guidelines.ui.internal.Problems;
import dev.vellum.guidelines.ui.internal.Widgets;
import dev.vellum.guidelines.ui.viewers.DiffViewer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.resource.ColorDescriptor;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;

/**
 * The audit trail of the item selected or edited: every recorded change (who, when, what, under
 * which guideline version) and, for the change selected, what it changed: field by field, or the
 * whole before and after as JSON side by side.
 */
public final class HistoryPart {
    private static final RGB CHANGED = new RGB(0xff, 0xf5, 0xc4);
    private static final RGB ADDED = DiffViewer.ADDED;
    private static final RGB REMOVED = DiffViewer.REMOVED;

    private final SessionFollower follower = new SessionFollower(() -> this.root,
            change -> change.kind() == ProjectChange.Kind.SAVED && change.itemIds().contains(this.itemId), this::reload);
    private final org.eclipse.e4.ui.workbench.modeling.EPartService parts;
    private final SetFilter visibility;
    private ProjectSession session;
    private String itemId = "";
    private String annotationId = "";
    private List<AuditEvent> events = List.of();
    private String problem;

    private Composite root;
    private LocalResourceManager resources;
    private Label title;
    private Label count;
    private Button onlyAnnotation;
    private TableViewer table;
    private org.eclipse.jface.layout.TableColumnLayout columns;
    private Button fieldsButton;
    private Button jsonButton;
    private Label changeSummary;
    private StackLayout comparePages;
    private Tree fields;
    private DiffViewer json;
    private Composite compareBody;

    @Inject
    public HistoryPart(@Optional org.eclipse.e4.ui.workbench.modeling.EPartService parts, @Optional SetFilter visibility) {
        this.parts = parts;
        this.visibility = SetFilter.orAll(visibility);
    }

    @PostConstruct
    void create(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        root.setLayout(Widgets.tight(1, false));
        resources = new LocalResourceManager(JFaceResources.getResources(), root);
        Composite header = new Composite(root, SWT.NONE);
        header.setLayout(Widgets.bar(3));
        header.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        title = Widgets.id(new Label(header, SWT.NONE), "history.title");
        title.setFont(resources.create(FontDescriptor.createFrom(root.getFont()).setStyle(SWT.BOLD)));
        title.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        count = Widgets.id(new Label(header, SWT.NONE), "history.count");
        count.setLayoutData(new GridData(SWT.RIGHT, SWT.CENTER, false, false));
        onlyAnnotation = Widgets.id(new Button(header, SWT.CHECK), "history.onlyAnnotation");
        onlyAnnotation.setText("&Only this annotation");
        onlyAnnotation.setToolTipText("Show only the events of the annotation selected in the editor");
        onlyAnnotation.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        onlyAnnotation.addListener(SWT.Selection, e -> refreshTable());
        Label line = new Label(root, SWT.SEPARATOR | SWT.HORIZONTAL);
        line.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));

        SashForm sash = new SashForm(root, SWT.VERTICAL | SWT.SMOOTH);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        createTable(sash);
        createCompare(sash);
        sash.setWeights(38, 62);
        reload();
    }

    private void createTable(Composite parent) {
        // The detail column takes the width the others leave.
        Composite holder = new Composite(parent, SWT.NONE);
        columns = new org.eclipse.jface.layout.TableColumnLayout();
        holder.setLayout(columns);
        table = new TableViewer(holder, SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        Widgets.id(table.getTable(), "history.table");
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.setContentProvider(ArrayContentProvider.getInstance());
        column("Time", timeWidth(), e -> Widgets.SECONDS.format(e.time()));
        column("User", 70, AuditEvent::user);
        column("Event", 130, HistoryPart::kindName);
        column("Set / annotation", 110, e -> e.annotator() + (e.annotationId().isEmpty() ? "" : (e.annotator().isEmpty() ? "" : " / ")
                + e.annotationId()));
        column("Guidelines", 72, e -> e.guidelineVersion() == 0 ? "\u2013" : "v" + e.guidelineVersion());
        column("Detail", 200, AuditEvent::detail);
        table.addSelectionChangedListener(e -> showCompare());
    }

    private int timeWidth() {
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(table.getTable());
        try {
            return gc.textExtent("2026-12-31 23:59:59").x + 20;
        } finally {
            gc.dispose();
        }
    }

    private void column(String name, int width, Function<AuditEvent, String> text) {
        TableViewerColumn c = new TableViewerColumn(table, SWT.LEFT);
        c.getColumn().setText(name);
        columns.setColumnData(c.getColumn(), name.equals("Detail") ? new org.eclipse.jface.viewers.ColumnWeightData(100, 160, true)
                : new org.eclipse.jface.viewers.ColumnPixelData(width, true));
        c.getColumn().setMoveable(true);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((AuditEvent) element);
            }
        });
    }

    private void createCompare(Composite parent) {
        Composite pane = new Composite(parent, SWT.NONE);
        pane.setLayout(Widgets.tight(1, false));
        Composite bar = new Composite(pane, SWT.NONE);
        GridLayout bl = Widgets.bar(3);
        bl.marginHeight = 4;
        bar.setLayout(bl);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        changeSummary = Widgets.id(new Label(bar, SWT.NONE), "history.summary");
        changeSummary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        fieldsButton = Widgets.id(new Button(bar, SWT.RADIO), "history.fields");
        fieldsButton.setText("F&ields");
        fieldsButton.setToolTipText("Compare field by field");
        fieldsButton.setSelection(true);
        jsonButton = Widgets.id(new Button(bar, SWT.RADIO), "history.json");
        jsonButton.setText("&JSON");
        jsonButton.setToolTipText("Before and after as JSON, side by side");
        fieldsButton.addListener(SWT.Selection, e -> showCompare());
        jsonButton.addListener(SWT.Selection, e -> showCompare());
        compareBody = new Composite(pane, SWT.NONE);
        compareBody.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        comparePages = new StackLayout();
        compareBody.setLayout(comparePages);
        fields = Widgets.id(new Tree(compareBody, SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL), "history.fieldTree");
        fields.setHeaderVisible(true);
        fields.setLinesVisible(true);
        for (String[] c : new String[][] { { "Field", "120" }, { "Before", "110" }, { "After", "110" } }) {
            TreeColumn col = new TreeColumn(fields, SWT.LEFT);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        fields.addListener(SWT.Resize, e -> fitFieldColumns());
        Composite jsonPage = new Composite(compareBody, SWT.NONE);
        GridLayout jl = Widgets.tight(1, false);
        jl.marginWidth = 4;
        jl.marginBottom = 4;
        jsonPage.setLayout(jl);
        json = new DiffViewer(jsonPage);
        json.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        comparePages.topControl = fields;
    }

    private void fitFieldColumns() {
        int width = fields.getClientArea().width;
        TreeColumn field = fields.getColumn(0);
        int rest = Math.max(160, width - field.getWidth());
        fields.getColumn(1).setWidth(rest / 2);
        fields.getColumn(2).setWidth(rest - rest / 2);
    }

    @Focus
    void focus() {
        table.getTable().setFocus();
    }

    @Inject
    void setSession(@Optional ProjectSession newSession) {
        if (!follower.follow(newSession)) {
            return;
        }
        session = newSession;
        itemId = "";
        annotationId = "";
        if (session != null) {
            warmUp(session);
        }
        if (root != null && !root.isDisposed()) {
            reload();
        }
    }

    /**
     * Reads the audit trail once in the background when a project opens: the store then answers
     * each item's history from its index (milliseconds) instead of scanning the whole log (about
     * a second per million events) on the first selection.
     */
    private static void warmUp(ProjectSession s) {
        Job job = Job.create("Indexing the audit trail", monitor -> {
            try {
                s.stored().audit().events("");
            } catch (StoreException | RuntimeException e) {
                // The view reports an unreadable trail when it reads it.
            }
        });
        job.setSystem(true);
        job.setPriority(Job.DECORATE);
        job.schedule();
    }

    @PreDestroy
    void dispose() {
        follower.dispose();
    }

    /** Follows the selection: an item of the explorer, or an annotation of an editor (with its item). */
    @Inject
    void selectionChanged(@Optional @Named(IServiceConstants.ACTIVE_SELECTION) Object selection,
            @Optional @Named(IServiceConstants.ACTIVE_PART) MPart active) {
        if (session == null || selection == null || selection instanceof List<?> l && l.isEmpty()) {
            return;
        }
        EditorFocus focus = EditorFocus.find(session, parts, active, selection);
        if (focus.itemId().isEmpty()) {
            return;
        }
        show(focus.itemId(), focus.annotation() == null ? "" : focus.annotation().id());
    }

    /** Shows the history of an item, marking the events of one annotation (empty: none). */
    public void show(String item, String annotation) {
        boolean sameItem = Objects.equals(item, itemId);
        itemId = item == null ? "" : item;
        annotationId = annotation == null ? "" : annotation;
        if (root == null || root.isDisposed()) {
            return;
        }
        if (sameItem) {
            updateHeader();
            refreshTable();
        } else {
            reload();
        }
    }

    @Inject
    @Optional
    void guidelinesChanged(@UIEventTopic(GuidelinesEvents.CHANGED) Object what) {
        if (root != null && !root.isDisposed() && !itemId.isEmpty()) {
            reload();
        }
    }

    // Saving records the item's changes in the audit trail.

    /** Reads the item's events again. */
    public void reload() {
        problem = null;
        events = List.of();
        if (session != null && !itemId.isEmpty()) {
            try {
                events = visibleOnly(List.copyOf(session.stored().audit().events(itemId)).reversed());
            } catch (StoreException | RuntimeException e) {
                Problems.log(e);
                problem = "The audit trail cannot be read: " + Problems.message(e);
            }
        }
        updateHeader();
        refreshTable();
    }

    // Blind: the before and after of a set the workflow hides from the user would show its work.
    private List<AuditEvent> visibleOnly(List<AuditEvent> all) {
        Item item;
        try {
            item = session.load(itemId);
        } catch (StoreException | RuntimeException e) {
            item = null;
        }
        Item loaded = item;
        String user = session.user();
        return all.stream().filter(e -> e.annotator().isEmpty() || e.annotator().equals(user)
                || loaded != null && visibility.mayView(session.project(), loaded, e.annotator(), user)).toList();
    }

    private void updateHeader() {
        if (session == null) {
            title.setText("No project is open");
        } else if (itemId.isEmpty()) {
            title.setText("Select an item or an annotation");
        } else {
            title.setText(itemId.replace("&", "&&"));
        }
        title.setToolTipText(problem);
        onlyAnnotation.setText(annotationId.isEmpty() ? "&Only this annotation" : "&Only annotation " + annotationId.replace("&", "&&"));
        onlyAnnotation.setEnabled(!annotationId.isEmpty());
        title.getParent().layout(true, true);
    }

    /** The events shown, newest first. */
    public List<AuditEvent> shownEvents() {
        boolean only = onlyAnnotation.getSelection() && !annotationId.isEmpty();
        return only ? events.stream().filter(e -> e.annotationId().equals(annotationId)).toList() : events;
    }

    private void refreshTable() {
        Object keep = table.getStructuredSelection().getFirstElement();
        List<AuditEvent> shown = shownEvents();
        table.setInput(shown);
        count.setText(problem != null ? "" : itemId.isEmpty() ? "" : Widgets.count(shown.size(), "event", "events"));
        count.getParent().layout(true, true);
        Color mine = resources.create(ColorDescriptor.createFrom(new RGB(0xea, 0xf2, 0xfd)));
        for (int i = 0; i < table.getTable().getItemCount(); i++) {
            AuditEvent e = (AuditEvent) table.getElementAt(i);
            table.getTable().getItem(i).setBackground(!annotationId.isEmpty() && e.annotationId().equals(annotationId) ? mine : null);
        }
        if (keep instanceof AuditEvent k && shown.stream().anyMatch(e -> e.seq() == k.seq())) {
            shown.stream().filter(e -> e.seq() == k.seq()).findFirst().ifPresent(e -> table.setSelection(new StructuredSelection(e)));
        } else if (!shown.isEmpty()) {
            table.setSelection(new StructuredSelection(shown.get(0)));
        }
        showCompare();
    }

    /** Selects the event numbered {@code seq}. */
    public void select(long seq) {
        shownEvents().stream().filter(e -> e.seq() == seq).findFirst().ifPresent(e -> table.setSelection(new StructuredSelection(e), true));
        showCompare();
    }

    /** Shows the field-by-field comparison ({@code false}) or the JSON side by side ({@code true}). */
    public void showJson(boolean asJson) {
        jsonButton.setSelection(asJson);
        fieldsButton.setSelection(!asJson);
        showCompare();
    }

    private void showCompare() {
        Object o = table.getStructuredSelection().getFirstElement();
        AuditEvent e = o instanceof AuditEvent a ? a : null;
        fields.removeAll();
        if (e == null) {
            Widgets.ellipsize(changeSummary, problem != null ? problem
                    : events.isEmpty() && !itemId.isEmpty() ? "No recorded changes yet (they are recorded on save)." : "");
            json.setInput(null);
            json.setTitles("", "");
            return;
        }
        Map<String, String> before = Json.flatten(e.before());
        Map<String, String> after = Json.flatten(e.after());
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        int changed = 0;
        List<String> changedNames = new ArrayList<>();
        for (String k : keys) {
            String b = before.get(k);
            String a = after.get(k);
            if (Objects.equals(a, b)) {
                continue;
            }
            changed++;
            changedNames.add(k);
        }
        for (String k : keys) {
            String b = before.get(k);
            String a = after.get(k);
            TreeItem row = new TreeItem(fields, SWT.NONE);
            row.setText(new String[] { k, b == null ? "" : b, a == null ? "" : a });
            if (!Objects.equals(a, b)) {
                RGB bg = e.before() == null || b == null ? ADDED : e.after() == null || a == null ? REMOVED : CHANGED;
                row.setBackground(resources.create(ColorDescriptor.createFrom(bg)));
                row.setFont(resources.create(FontDescriptor.createFrom(fields.getFont()).setStyle(SWT.BOLD)));
            }
        }
        fields.getColumn(0).pack();
        fields.getColumn(0).setWidth(Math.min(Math.max(90, fields.getColumn(0).getWidth() + 24), Math.max(90, fields.getClientArea().width * 9 / 20)));
        fitFieldColumns();
        String summary = kindName(e) + (e.before() == null && e.after() == null ? ": nothing recorded before or after"
                : e.before() == null ? ": created" : e.after() == null ? ": deleted"
                        : ": " + Widgets.count(changed, "field changed", "fields changed")
                                + (changedNames.isEmpty() ? "" : " (" + String.join(", ", changedNames.subList(0, Math.min(4, changedNames.size())))
                                        + (changedNames.size() > 4 ? ", \u2026" : "") + ")"));
        Widgets.ellipsize(changeSummary, summary);
        String beforeJson = e.before() == null ? "" : Json.pretty(e.before());
        String afterJson = e.after() == null ? "" : Json.pretty(e.after());
        comparePages.topControl = jsonButton.getSelection() ? json.getControl().getParent() : fields;
        compareBody.layout(true, true);
        json.setTitles(e.before() == null ? "Before: nothing" : "Before", e.after() == null ? "After: nothing" : "After");
        json.setInput(GuidelineDiff.between(beforeJson, afterJson));
    }

    /** The field-by-field comparison. */
    public Tree fields() {
        return fields;
    }

    /** The JSON comparison. */
    public DiffViewer json() {
        return json;
    }

    /** The item shown, or empty. */
    public String itemId() {
        return itemId;
    }

    /** Words for the kind of an event. */
    public static String kindName(AuditEvent e) {
        return switch (e.kind()) {
            case AuditEvent.ANNOTATION_CREATED -> "Annotation created";
            case AuditEvent.ANNOTATION_CHANGED -> "Annotation changed";
            case AuditEvent.ANNOTATION_DELETED -> "Annotation deleted";
            case AuditEvent.STATE_CHANGED -> "Review state";
            case AuditEvent.ITEM_ADDED -> "Item added";
            case AuditEvent.ITEM_DELETED -> "Item deleted";
            case AuditEvent.FAQ_RAISED -> "Question raised";
            case AuditEvent.FAQ_DECIDED -> "Question decided";
            case AuditEvent.FAQ_PROMOTED -> "Question promoted";
            case AuditEvent.FAQ_CLOSED -> "Question closed";
            case AuditEvent.SETS_REQUEUED -> "Sets re-queued";
            default -> e.kind();
        };
    }
}
