package dev.vellum.guidelines.ui.parts;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.widgets.ColorMarks;
import dev.vellum.guidelines.Faq;
import dev.vellum.guidelines.FaqEntry;
import dev.vellum.guidelines.FaqExample;
import dev.vellum.guidelines.FaqStatus;
import dev.vellum.guidelines.Guidelines;
import dev.vellum.guidelines.ui.internal.EditorFocus;
import dev.vellum.guidelines.ui.internal.DecideDialog;
import dev.vellum.guidelines.ui.internal.DuplicateDialog;
import dev.vellum.guidelines.ui.internal.FaqFilter;
import dev.vellum.guidelines.ui.internal.GuidelinesEvents;
import dev.vellum.guidelines.ui.internal.Json;
import dev.vellum.guidelines.ui.internal.Problems;
import dev.vellum.guidelines.ui.internal.PromoteDialog;
import dev.vellum.guidelines.ui.internal.Widgets;
import dev.vellum.guidelines.ui.internal.Workbench;
import dev.vellum.core.ui.widgets.MarkdownViewer;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnPixelData;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;

/**
 * The project's living FAQ: every question raised, filtered by status, label, guideline version and
 * words, with the selected entry's context, answer and examples beside the table and the actions that
 * move it on (decide, promote into the guidelines, mark as duplicate, withdraw). Following the
 * selection shows the entries concerning the label of the annotation selected in an editor.
 */
public final class FaqPart {
    /** Link scheme of items in the detail text. */
    public static final String ITEM_LINK = "item:";

    private static final List<Set<FaqStatus>> STATUS_CHOICES = List.of(Set.of(), Set.of(FaqStatus.OPEN), Set.of(FaqStatus.DECIDED),
            Set.of(FaqStatus.PROMOTED), Set.of(FaqStatus.DECIDED, FaqStatus.PROMOTED), Set.of(FaqStatus.DUPLICATE),
            Set.of(FaqStatus.WITHDRAWN));
    private static final List<String> STATUS_NAMES = List.of("All statuses", "Open", "Decided", "Promoted", "Decided or promoted",
            "Duplicate", "Withdrawn");

    private final IEventBroker broker;
    private final ECommandService commands;
    private final EHandlerService handlers;
    private final FaqFilter filter = new FaqFilter();
    private ProjectSession session;
    private String problem;
    private boolean follow;
    private int sortColumn = -1;
    private boolean sortDown;

    private Composite root;
    private Text search;
    private Combo statusCombo;
    private Combo labelCombo;
    private Combo versionCombo;
    private Button followButton;
    private Label countLabel;
    private TableViewer table;
    private TableColumnLayout columns;
    private MarkdownViewer detail;
    private Button decideButton;
    private Button promoteButton;
    private Button duplicateButton;
    private Button withdrawButton;
    private ColorMarks marks;
    private List<String> labelChoices = List.of();
    private List<Integer> versionChoices = List.of();

    @Inject
    public FaqPart(@Optional IEventBroker broker, @Optional ECommandService commands, @Optional EHandlerService handlers) {
        this.broker = broker;
        this.commands = commands;
        this.handlers = handlers;
    }

    @PostConstruct
    void create(Composite parent) {
        marks = new ColorMarks(parent.getDisplay());
        root = new Composite(parent, SWT.NONE);
        root.setLayout(Widgets.tight(1, false));
        root.addDisposeListener(e -> marks.dispose());
        createBar();
        Label line = new Label(root, SWT.SEPARATOR | SWT.HORIZONTAL);
        line.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        SashForm sash = new SashForm(root, SWT.HORIZONTAL | SWT.SMOOTH);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        createTable(sash);
        createDetail(sash);
        sash.setWeights(57, 43);
        // Side by side when the view is wide (bottom panel), one above the other when it is tall (side panel).
        sash.addListener(SWT.Resize, e -> {
            org.eclipse.swt.graphics.Rectangle r = sash.getClientArea();
            int orientation = r.width >= r.height * 1.3 ? SWT.HORIZONTAL : SWT.VERTICAL;
            if (sash.getOrientation() != orientation) {
                sash.setOrientation(orientation);
                sash.setWeights(orientation == SWT.HORIZONTAL ? new int[] { 57, 43 } : new int[] { 42, 58 });
            }
        });
        reload();
    }

    private void createBar() {
        // The bar wraps: one row in a wide view, several in a narrow side panel.
        Composite bar = new Composite(root, SWT.NONE);
        bar.setLayout(Widgets.wrappingBar(10, true));
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        search = Widgets.id(new Text(bar, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL), "faq.search");
        search.setMessage("Search questions, answers, notes");
        search.setLayoutData(new RowData(230, SWT.DEFAULT));
        search.addListener(SWT.Modify, e -> {
            filter.setText(search.getText());
            refreshTable();
        });
        search.addListener(SWT.DefaultSelection, e -> table.getTable().setFocus());
        statusCombo = combo(bar, "&Status:", "faq.status", 160);
        statusCombo.addListener(SWT.Selection, e -> {
            int i = statusCombo.getSelectionIndex();
            filter.setStatuses(i <= 0 ? Set.of() : STATUS_CHOICES.get(i));
            refreshTable();
        });
        labelCombo = combo(bar, "&Label:", "faq.label", 120);
        labelCombo.addListener(SWT.Selection, e -> {
            int i = labelCombo.getSelectionIndex();
            filter.setLabel(i <= 0 ? "" : labelChoices.get(i - 1));
            refreshTable();
        });
        versionCombo = combo(bar, "&Version:", "faq.version", 90);
        versionCombo.addListener(SWT.Selection, e -> {
            int i = versionCombo.getSelectionIndex();
            filter.setVersion(i <= 0 ? 0 : versionChoices.get(i - 1));
            refreshTable();
        });
        followButton = Widgets.id(new Button(bar, SWT.CHECK), "faq.follow");
        followButton.setText("&Follow selection");
        followButton.setToolTipText("Show the entries concerning the label of the annotation selected in an editor");
        followButton.addListener(SWT.Selection, e -> setFollowSelection(followButton.getSelection()));
        countLabel = Widgets.id(new Label(bar, SWT.NONE), "faq.count");
        countLabel.setLayoutData(new RowData(90, SWT.DEFAULT));
    }

    private Combo combo(Composite bar, String label, String id, int width) {
        Composite pair = new Composite(bar, SWT.NONE);
        GridLayout gl = Widgets.tight(2, false);
        gl.horizontalSpacing = 6;
        pair.setLayout(gl);
        Label l = new Label(pair, SWT.NONE);
        l.setText(label);
        l.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false));
        Combo c = Widgets.id(new Combo(pair, SWT.READ_ONLY), id);
        GridData gd = new GridData(SWT.LEFT, SWT.CENTER, false, false);
        gd.widthHint = width;
        c.setLayoutData(gd);
        c.setVisibleItemCount(12);
        return c;
    }

    private void createTable(Composite parent) {
        // The question column takes the width the others leave.
        Composite holder = new Composite(parent, SWT.NONE);
        columns = new TableColumnLayout();
        holder.setLayout(columns);
        table = new TableViewer(holder, SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        Table t = Widgets.id(table.getTable(), "faq.table");
        t.setHeaderVisible(true);
        t.setLinesVisible(true);
        table.setContentProvider(ArrayContentProvider.getInstance());
        column("Id", 44, FaqEntry::id, null, Comparator.comparingInt(FaqEntry::number));
        column("Status", 98, e -> statusName(e.status()), e -> marks.dot(statusColor(e.status())), Comparator.comparing(FaqEntry::status));
        column("Question", 300, e -> oneLine(e.question()), null, Comparator.comparing(FaqEntry::question, String.CASE_INSENSITIVE_ORDER));
        column("Label", 112, e -> String.join(", ", e.labels()), this::labelImage, Comparator.comparing(e -> String.join(",", e.labels())));
        column("Raised by", 80, FaqEntry::raisedBy, null, Comparator.comparing(FaqEntry::raisedBy));
        column("Version", 60, e -> e.context().guidelineVersion() == 0 ? "\u2013" : "v" + e.context().guidelineVersion(), null,
                Comparator.comparingInt(e -> e.context().guidelineVersion()));
        table.setComparator(new ViewerComparator() {
            @Override
            public int compare(Viewer viewer, Object a, Object b) {
                if (sortColumn < 0) {
                    return 0;
                }
                @SuppressWarnings("unchecked")
                Comparator<FaqEntry> c = (Comparator<FaqEntry>) t.getColumn(sortColumn).getData("comparator");
                int r = c.compare((FaqEntry) a, (FaqEntry) b);
                return sortDown ? -r : r;
            }
        });
        table.addSelectionChangedListener(e -> showDetail());
        table.addDoubleClickListener(e -> {
            FaqEntry entry = selected();
            if (entry != null && !entry.context().itemId().isEmpty()) {
                openItem(entry.context().itemId());
            }
        });
    }

    private void column(String title, int width, Function<FaqEntry, String> text, Function<FaqEntry, Image> image,
            Comparator<FaqEntry> order) {
        TableViewerColumn c = new TableViewerColumn(table, SWT.LEFT);
        TableColumn col = c.getColumn();
        col.setText(title);
        columns.setColumnData(col, title.equals("Question") ? new ColumnWeightData(100, 160, true) : new ColumnPixelData(width, true));
        col.setMoveable(true);
        col.setData("comparator", order);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((FaqEntry) element);
            }

            @Override
            public Image getImage(Object element) {
                return image == null ? null : image.apply((FaqEntry) element);
            }

            @Override
            public String getToolTipText(Object element) {
                return ((FaqEntry) element).question();
            }
        });
        int index = table.getTable().getColumnCount() - 1;
        col.addListener(SWT.Selection, e -> {
            if (sortColumn == index) {
                sortDown = !sortDown;
            } else {
                sortColumn = index;
                sortDown = false;
            }
            table.getTable().setSortColumn(col);
            table.getTable().setSortDirection(sortDown ? SWT.DOWN : SWT.UP);
            table.refresh();
        });
    }

    private void createDetail(Composite parent) {
        Composite right = new Composite(parent, SWT.NONE);
        right.setLayout(Widgets.tight(1, false));
        detail = new MarkdownViewer(right, SWT.NONE);
        Widgets.id(detail.getControl(), "faq.detail");
        detail.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        detail.addLinkListener(this::followLink);
        detail.getControl().addListener(SWT.MouseDoubleClick, e -> detail.linkAt(new Point(e.x, e.y)).ifPresent(this::followLink));
        Label line = new Label(right, SWT.SEPARATOR | SWT.HORIZONTAL);
        line.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Composite actions = new Composite(right, SWT.NONE);
        actions.setLayout(Widgets.wrappingBar(6, false));
        actions.setLayoutData(new GridData(SWT.FILL, SWT.BOTTOM, true, false));
        decideButton = Widgets.id(action(actions, "&Decide\u2026", "Answer the question (or change the answer)", this::decide), "faq.decide");
        promoteButton = Widgets.id(action(actions, "Pro&mote\u2026", "Write the decision into the guideline draft", this::promote),
                "faq.promote");
        duplicateButton = Widgets.id(action(actions, "D&uplicate\u2026", "Close it as a duplicate of another entry", this::markDuplicate),
                "faq.duplicate");
        withdrawButton = Widgets.id(action(actions, "&Withdraw\u2026", "Close it without an answer", this::withdraw), "faq.withdraw");
    }

    private static Button action(Composite parent, String text, String tooltip, Runnable run) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tooltip);
        b.setLayoutData(new RowData(Math.max(80, b.computeSize(SWT.DEFAULT, SWT.DEFAULT).x), SWT.DEFAULT));
        b.addListener(SWT.Selection, e -> run.run());
        return b;
    }

    @Focus
    void focus() {
        table.getTable().setFocus();
    }

    @Inject
    void setSession(@Optional ProjectSession newSession) {
        if (newSession == session) {
            return;
        }
        session = newSession;
        if (root != null && !root.isDisposed()) {
            reload();
        }
    }

    @Inject
    @Optional
    void guidelinesChanged(@UIEventTopic(GuidelinesEvents.CHANGED) Object what) {
        if (root != null && !root.isDisposed()) {
            reload();
        }
    }

    /** In follow mode, narrows the table to the label of the annotation selected in an editor. */
    @Inject
    void selectionChanged(@Optional @Named(IServiceConstants.ACTIVE_SELECTION) Object selection,
            @Optional @Named(IServiceConstants.ACTIVE_PART) MPart active) {
        if (!follow || root == null || root.isDisposed()) {
            return;
        }
        String label = EditorFocus.labelOf(selection, active);
        if (label != null && !label.isEmpty() && !label.equals(filter.label())) {
            showLabel(label);
        }
    }


    /** Turns following the editor's selection on or off. */
    public void setFollowSelection(boolean on) {
        follow = on;
        if (followButton.getSelection() != on) {
            followButton.setSelection(on);
        }
    }

    /** Whether the view follows the editor's selection. */
    public boolean followsSelection() {
        return follow;
    }

    /** Reads the FAQ again, keeping the filter and the selected entry. */
    public void reload() {
        FaqEntry before = selected();
        problem = null;
        if (session == null) {
            filter.setEntries(List.of());
            problem = "No project is open.";
        } else {
            try {
                filter.setEntries(new Faq(session.stored()).list());
            } catch (StoreException | RuntimeException e) {
                Problems.log(e);
                filter.setEntries(List.of());
                problem = "The FAQ cannot be read: " + Problems.message(e);
            }
        }
        fillCombos();
        refreshTable();
        if (before != null) {
            select(before.id());
        }
        showDetail();
    }

    private void fillCombos() {
        statusCombo.removeAll();
        for (int i = 0; i < STATUS_NAMES.size(); i++) {
            Set<FaqStatus> s = STATUS_CHOICES.get(i);
            long n = s.isEmpty() ? filter.entries().size() : s.stream().mapToLong(filter::count).sum();
            statusCombo.add(STATUS_NAMES.get(i) + " (" + n + ")");
        }
        statusCombo.select(Math.max(0, STATUS_CHOICES.indexOf(filter.statuses())));
        labelChoices = filter.labels();
        labelCombo.removeAll();
        labelCombo.add("All labels");
        labelChoices.forEach(labelCombo::add);
        labelCombo.select(filter.label().isEmpty() ? 0 : labelChoices.indexOf(filter.label()) + 1);
        versionChoices = filter.versions();
        versionCombo.removeAll();
        versionCombo.add("Any");
        versionChoices.forEach(v -> versionCombo.add(v == 0 ? "before v1" : "v" + v));
        versionCombo.select(filter.version() == 0 ? 0 : versionChoices.indexOf(filter.version()) + 1);
        if (versionCombo.getSelectionIndex() < 0) {
            versionCombo.select(0);
        }
    }

    private void refreshTable() {
        List<FaqEntry> shown = filter.shown();
        Object keep = table.getStructuredSelection().getFirstElement();
        table.setInput(shown);
        if (keep instanceof FaqEntry k) {
            shown.stream().filter(e -> e.id().equals(k.id())).findFirst().ifPresent(e -> table.setSelection(new StructuredSelection(e), true));
        }
        int all = filter.entries().size();
        countLabel.setText(problem != null ? "" : filter.isFiltering() ? shown.size() + " of " + all : Widgets.count(all, "entry", "entries"));
        countLabel.getParent().layout(true, true);
        showDetail();
    }

    /** Shows the entries concerning {@code label} (all statuses), clearing the other filters but the search. */
    public void showLabel(String label) {
        filter.setLabel(label);
        filter.setStatuses(Set.of());
        filter.setVersion(0);
        fillCombos();
        refreshTable();
        List<FaqEntry> shown = filter.shown();
        if (!shown.isEmpty() && selected() == null) {
            table.setSelection(new StructuredSelection(shown.get(0)), true);
            showDetail();
        }
    }

    /** Selects an entry by id, when it is shown. */
    public boolean select(String id) {
        for (FaqEntry e : filter.shown()) {
            if (e.id().equals(id)) {
                table.setSelection(new StructuredSelection(e), true);
                showDetail();
                return true;
            }
        }
        return false;
    }

    /** Clears every filter. */
    public void clearFilters() {
        filter.setStatuses(Set.of());
        filter.setLabel("");
        filter.setVersion(0);
        filter.setText("");
        search.setText("");
        fillCombos();
        refreshTable();
    }

    /** The view's filter, for tests and commands. */
    public FaqFilter filter() {
        return filter;
    }

    /** The entries in the table, in table order. */
    public List<FaqEntry> shownEntries() {
        List<FaqEntry> out = new ArrayList<>();
        for (int i = 0; i < table.getTable().getItemCount(); i++) {
            out.add((FaqEntry) table.getElementAt(i));
        }
        return out;
    }

    /** Types {@code words} into the search field. */
    public void setSearch(String words) {
        search.setText(words);
    }

    /** The entry selected, or null. */
    public FaqEntry selected() {
        Object o = table.getStructuredSelection().getFirstElement();
        return o instanceof FaqEntry e ? e : null;
    }

    /** The detail pane. */
    public MarkdownViewer detail() {
        return detail;
    }

    private void showDetail() {
        FaqEntry e = selected();
        boolean open = e != null && (e.status() == FaqStatus.OPEN || e.status() == FaqStatus.DECIDED);
        decideButton.setEnabled(open);
        promoteButton.setEnabled(e != null && e.status() == FaqStatus.DECIDED);
        duplicateButton.setEnabled(open && filter.entries().size() > 1);
        withdrawButton.setEnabled(open);
        if (problem != null) {
            detail.setMarkdown("*" + MarkdownViewer.escape(problem) + "*");
        } else if (e == null) {
            detail.setMarkdown(filter.entries().isEmpty()
                    ? "*No questions yet.*\n\nSelect an annotation in an editor and press **Ctrl+Shift+Q** (or *Raise Question* in its"
                            + " context menu) to raise one."
                    : "*Select an entry to see its context, answer and examples.*");
        } else {
            detail.setMarkdown(describe(e));
        }
    }

    /** The Markdown the detail pane shows for an entry. */
    public String describe(FaqEntry e) {
        StringBuilder b = new StringBuilder();
        b.append("### ").append(e.id()).append(" \u00b7 ").append(statusName(e.status())).append("\n\n");
        b.append("**").append(MarkdownViewer.escape(e.question())).append("**\n\n");
        b.append("Raised by ").append(MarkdownViewer.escape(e.raisedBy())).append(", ").append(Widgets.time(e.raised()));
        b.append(e.context().guidelineVersion() == 0 ? ", before the first guideline version" : ", under guidelines v" + e.context().guidelineVersion());
        b.append("\n\n#### Context\n\n");
        var c = e.context();
        if (c.itemId().isEmpty()) {
            b.append("- A general question, not about one item\n");
        } else {
            b.append("- Item: [").append(MarkdownViewer.escape(c.itemId())).append("](").append(ITEM_LINK).append(c.itemId()).append(")")
                    .append(c.modalityId().isEmpty() ? "" : " \u00b7 " + c.modalityId()).append('\n');
        }
        if (!c.annotationId().isEmpty()) {
            b.append("- Annotation: `").append(c.annotationId()).append('`')
                    .append(c.annotator().isEmpty() ? "" : " in " + MarkdownViewer.escape(c.annotator()) + "'s set").append('\n');
        }
        if (!e.labels().isEmpty()) {
            b.append("- Labels: ").append(MarkdownViewer.escape(String.join(", ", e.labels()))).append('\n');
        }
        if (!c.region().isEmpty()) {
            String region = Json.compact(c.region());
            b.append("- Region: `").append(region.length() > 200 ? region.substring(0, 200) + "\u2026" : region).append("`\n");
        }
        if (!e.answer().isEmpty()) {
            b.append("\n#### Answer\n\n").append(e.answer().strip()).append("\n\n");
            if (!e.decidedBy().isEmpty() && e.status() != FaqStatus.WITHDRAWN && e.status() != FaqStatus.DUPLICATE) {
                b.append("*Decided by ").append(MarkdownViewer.escape(e.decidedBy())).append(", ").append(Widgets.time(e.decided())).append("*\n");
            }
        }
        if (!e.examples().isEmpty()) {
            b.append("\n#### Examples\n\n");
            for (FaqExample x : e.examples()) {
                b.append("- ").append(x.correct() ? "\u2713 Do: " : "\u2717 Don't: ").append('[').append(MarkdownViewer.escape(x.itemId()))
                        .append("](").append(ITEM_LINK).append(x.itemId()).append(')');
                if (!x.annotationId().isEmpty()) {
                    b.append(" `").append(x.annotationId()).append('`');
                }
                if (!x.note().isEmpty()) {
                    b.append(" \u2014 ").append(MarkdownViewer.escape(x.note()));
                }
                b.append('\n');
            }
        }
        switch (e.status()) {
        case PROMOTED -> b.append("\n#### In the guidelines\n\nPromoted into the section *").append(MarkdownViewer.escape(e.section()))
                .append("*").append(e.promotedInVersion() > 0 ? ", published in v" + e.promotedInVersion() + "." : " of the draft (not published yet).")
                .append('\n');
        case DUPLICATE -> b.append("\n#### Closed\n\nA duplicate of ").append(e.duplicateOf()).append(", marked by ")
                .append(MarkdownViewer.escape(e.decidedBy())).append(", ").append(Widgets.time(e.decided())).append(".\n");
        case WITHDRAWN -> {
            b.append("\n#### Closed\n\nWithdrawn by ").append(MarkdownViewer.escape(e.decidedBy())).append(", ").append(Widgets.time(e.decided()));
            String reason = withdrawalReason(e);
            b.append(reason.isEmpty() ? ".\n" : ": " + MarkdownViewer.escape(reason) + "\n");
        }
        default -> {
        }
        }
        return b.toString();
    }

    private String withdrawalReason(FaqEntry e) {
        try {
            return session == null ? "" : new Faq(session.stored()).withdrawalReason(e.id()).orElse("");
        } catch (StoreException | RuntimeException x) {
            return "";
        }
    }

    private void followLink(String destination) {
        if (destination.startsWith(ITEM_LINK)) {
            openItem(destination.substring(ITEM_LINK.length()));
        } else if (destination.matches("q[0-9]+")) {
            if (!select(destination)) {
                clearFilters();
                select(destination);
            }
        }
    }

    private void openItem(String itemId) {
        if (!Workbench.openItem(commands, handlers, itemId)) {
            MessageDialog.openInformation(root.getShell(), "Cannot Open Item", "The item '" + itemId + "' cannot be opened here.");
        }
    }

    // ---- actions ----

    private FaqEntry actionable() {
        FaqEntry e = selected();
        return session == null ? null : e;
    }

    /** Asks for the decision on the selected entry and records it. */
    public void decide() {
        FaqEntry e = actionable();
        if (e == null) {
            return;
        }
        DecideDialog d = new DecideDialog(root.getShell(), e);
        if (d.open() != Window.OK) {
            return;
        }
        act("Cannot Decide", () -> new Faq(session.stored()).decide(e.id(), d.answer(), d.examples(), d.extraLabels(), session.user()));
    }

    /** Asks where to put the selected decided entry in the guideline draft and puts it there. */
    public void promote() {
        FaqEntry e = actionable();
        if (e == null) {
            return;
        }
        List<String> sections;
        try {
            sections = new MarkdownSections(new Guidelines(session.stored()).draft().markdown()).headings();
        } catch (StoreException | RuntimeException x) {
            Problems.show(root.getShell(), "Cannot Promote", x);
            return;
        }
        PromoteDialog d = new PromoteDialog(root.getShell(), e, sections);
        if (d.open() != Window.OK) {
            return;
        }
        act("Cannot Promote", () -> new Faq(session.stored()).promote(e.id(), d.section(), d.text(), session.user()));
    }

    /** Asks which entry the selected one duplicates and closes it so. */
    public void markDuplicate() {
        FaqEntry e = actionable();
        if (e == null) {
            return;
        }
        DuplicateDialog d = new DuplicateDialog(root.getShell(), e, filter.entries());
        if (d.open() != Window.OK) {
            return;
        }
        act("Cannot Mark as Duplicate", () -> new Faq(session.stored()).markDuplicate(e.id(), d.duplicateOf(), session.user()));
    }

    /** Asks why and withdraws the selected entry. */
    public void withdraw() {
        FaqEntry e = actionable();
        if (e == null) {
            return;
        }
        InputDialog d = new InputDialog(root.getShell(), "Withdraw " + e.id(), "Why is the question withdrawn? (optional)", "", null);
        if (d.open() != Window.OK) {
            return;
        }
        act("Cannot Withdraw", () -> new Faq(session.stored()).withdraw(e.id(), d.getValue(), session.user()));
    }

    private interface Action {
        FaqEntry run() throws StoreException;
    }

    private void act(String failure, Action action) {
        FaqEntry result;
        try {
            result = action.run();
        } catch (StoreException | RuntimeException x) {
            Problems.show(root.getShell(), failure, x);
            return;
        }
        reload();
        if (!select(result.id())) {
            clearFilters();
            select(result.id());
        }
        GuidelinesEvents.changed(broker, result.id() + " " + result.status().id());
    }

    // ---- presentation ----

    /** Words for a status. */
    public static String statusName(FaqStatus s) {
        return switch (s) {
            case OPEN -> "Open";
            case DECIDED -> "Decided";
            case PROMOTED -> "Promoted";
            case DUPLICATE -> "Duplicate";
            case WITHDRAWN -> "Withdrawn";
        };
    }

    /** The colour of a status mark. */
    public static RGB statusColor(FaqStatus s) {
        return switch (s) {
            case OPEN -> new RGB(0xe0, 0x9b, 0x00);
            case DECIDED -> new RGB(0x27, 0xa0, 0x5a);
            case PROMOTED -> new RGB(0x2f, 0x80, 0xed);
            case DUPLICATE, WITHDRAWN -> new RGB(0x9e, 0x9e, 0x9e);
        };
    }

    private Image labelImage(FaqEntry e) {
        if (session == null || e.labels().isEmpty()) {
            return null;
        }
        String label = e.labels().iterator().next();
        for (LabelSchema schema : session.project().schemas().values()) {
            java.util.Optional<LabelClass> c = schema.labelClass(label);
            if (c.isPresent()) {
                return marks.label(c.get().color());
            }
        }
        return null;
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "\u2026" : line;
    }

    /** The headings of a Markdown text, for choosing a section. */
    private record MarkdownSections(String markdown) {
        List<String> headings() {
            List<String> out = new ArrayList<>();
            boolean fence = false;
            for (String line : markdown.split("\n")) {
                String l = line.strip();
                if (l.startsWith("```") || l.startsWith("~~~")) {
                    fence = !fence;
                } else if (!fence && l.matches("#{1,6}\\s+.*")) {
                    out.add(l.replaceFirst("^#{1,6}\\s+", "").replaceFirst("\\s+#+\\s*$", "").strip());
                }
            }
            return out;
        }
    }
}
