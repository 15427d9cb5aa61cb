package dev.vellum.app.parts;

import dev.vellum.app.internal.ExplorerTree;
import dev.vellum.app.internal.ExplorerTree.Group;
import dev.vellum.app.internal.ItemFilter;
import dev.vellum.app.internal.WorkbenchProject;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.ItemSummary.SetSummary;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.model.Project;
import dev.vellum.core.session.ProjectChange;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.ui.widgets.ColorMarks;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;

/**
 * The items of the open project grouped by dataset and modality, with each item's review state,
 * annotation count and annotators, and a filter bar (item id, state, annotator, label). Works from
 * item summaries and a virtual tree, so a project of 100,000 items shows at once. Double-click or
 * Enter opens an item; the selected item summary goes to the selection service.
 */
public final class ProjectExplorerPart {
    /** Widget data key naming the explorer's controls, for tests and accessibility tools. */
    public static final String WIDGET_ID = "dev.vellum.widgetId";
    /** The command that opens an item and its parameter. */
    public static final String OPEN_ITEM_COMMAND = "dev.vellum.app.command.openItem";
    public static final String OPEN_ITEM_PARAMETER = "dev.vellum.app.command.openItem.itemId";

    private static final int COL_NAME = 0;
    private static final int COL_STATE = 1;
    private static final int COL_ANNOTATIONS = 2;
    private static final int COL_ANNOTATORS = 3;
    // Above this many shown items the modality groups start collapsed: expanding them is then the
    // user's choice, and startup does not pay for rows nobody looks at.
    private static final int EXPAND_ALL_LIMIT = 5_000;
    // More datasets than this start collapsed, so the list of datasets fits on a screen.
    private static final int EXPANDED_DATASETS_LIMIT = 20;
    // Marks a collapsed group row that has one placeholder child instead of its real children, which
    // it gets when first expanded: GTK creates a native row for every child even while collapsed.
    private static final String LAZY = "dev.vellum.explorer.lazy";

    private final WorkbenchProject workbench;
    private final ESelectionService selection;
    private final ECommandService commands;
    private final EHandlerService handlers;
    private final NumberFormat numbers = NumberFormat.getIntegerInstance();
    private final WorkbenchProject.Listener listener = new WorkbenchProject.Listener() {
        @Override
        public void projectSwitched(ProjectSession session) {
            showProject(session);
        }

        @Override
        public void projectChanged(ProjectChange change) {
            onChange(change);
        }
    };

    private Composite root;
    private StackLayout pages;
    private Composite projectPage;
    private Composite emptyPage;
    private Link emptyText;
    private Text filterText;
    private Combo stateCombo;
    private Combo annotatorCombo;
    private Combo labelCombo;
    private Label countLabel;
    private Link clearLink;
    private Link problemsLink;
    private Tree tree;
    private ColorMarks marks;
    private Font boldFont;
    private Color secondary;

    private ProjectSession session;
    private ExplorerTree model;
    private ItemFilter filter = ItemFilter.NONE;
    private final List<String> stateKeys = new ArrayList<>();
    private List<String> annotators = List.of();
    private List<String> labels = List.of();
    private final Map<String, TreeItem> itemRows = new HashMap<>();
    private final Map<Group, TreeItem> groupRows = new HashMap<>();

    @Inject
    public ProjectExplorerPart(WorkbenchProject workbench, @Optional ESelectionService selection,
            @Optional ECommandService commands, @Optional EHandlerService handlers) {
        this.workbench = workbench;
        this.selection = selection;
        this.commands = commands;
        this.handlers = handlers;
    }

    @PostConstruct
    void create(Composite parent) {
        marks = new ColorMarks(parent.getDisplay());
        root = new Composite(parent, SWT.NONE);
        pages = new StackLayout();
        root.setLayout(pages);
        createEmptyPage();
        createProjectPage();
        root.addDisposeListener(e -> disposeResources());
        // Asked before listening: the project to start with may be switched to by this very call.
        ProjectSession initial = workbench.session().orElse(null);
        workbench.addListener(listener);
        showProject(initial);
    }

    @PreDestroy
    void dispose() {
        workbench.removeListener(listener);
    }

    @Focus
    void focus() {
        if (pages.topControl == projectPage) {
            tree.setFocus();
        } else {
            emptyText.setFocus();
        }
    }

    /** The tree as it is now: what the filter lets through, grouped. Empty when no project is open. */
    public java.util.Optional<ExplorerTree> model() {
        return java.util.Optional.ofNullable(model);
    }

    /** How many items the explorer shows (after filtering); 0 when no project is open. */
    public int shownItemCount() {
        return model == null ? 0 : model.shownCount();
    }

    /** The first item shown, top to bottom, if any. */
    public java.util.Optional<String> firstItemId() {
        if (model == null) {
            return java.util.Optional.empty();
        }
        return model.datasets().stream().flatMap(d -> d.groups().stream()).flatMap(g -> g.items().stream())
                .map(ItemSummary::id).findFirst();
    }

    /** The filter in force. */
    public ItemFilter filter() {
        return filter;
    }

    private void createEmptyPage() {
        emptyPage = new Composite(root, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 16;
        layout.marginHeight = 24;
        emptyPage.setLayout(layout);
        emptyText = new Link(emptyPage, SWT.WRAP);
        emptyText.setData(WIDGET_ID, "explorer.empty");
        emptyText.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        emptyText.addListener(SWT.Selection, e -> runCommand("new".equals(e.text)
                ? "dev.vellum.app.command.newProject" : "dev.vellum.app.command.openProject", Map.of()));
    }

    private void createProjectPage() {
        projectPage = new Composite(root, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 0;
        projectPage.setLayout(layout);

        Composite bar = new Composite(projectPage, SWT.NONE);
        GridLayout barLayout = new GridLayout(3, true);
        barLayout.marginWidth = 6;
        barLayout.marginHeight = 6;
        barLayout.horizontalSpacing = 4;
        barLayout.verticalSpacing = 4;
        bar.setLayout(barLayout);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));

        filterText = new Text(bar, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filterText.setMessage("Filter by item id");
        filterText.setData(WIDGET_ID, "explorer.filter.text");
        filterText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        filterText.addListener(SWT.Modify, e -> setFilter(filter.withText(filterText.getText())));
        filterText.addListener(SWT.DefaultSelection, e -> tree.setFocus());

        stateCombo = combo(bar, "explorer.filter.state");
        stateCombo.addListener(SWT.Selection, e -> setFilter(filter.withState(stateKeys.get(stateCombo.getSelectionIndex()))));
        annotatorCombo = combo(bar, "explorer.filter.annotator");
        annotatorCombo.addListener(SWT.Selection, e -> setFilter(filter.withAnnotator(choice(annotatorCombo, annotators))));
        labelCombo = combo(bar, "explorer.filter.label");
        labelCombo.addListener(SWT.Selection, e -> setFilter(filter.withLabel(choice(labelCombo, labels))));

        countLabel = new Label(bar, SWT.NONE);
        countLabel.setData(WIDGET_ID, "explorer.count");
        countLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        clearLink = new Link(bar, SWT.NONE);
        clearLink.setText("<a>Clear filters</a>");
        clearLink.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
        clearLink.addListener(SWT.Selection, e -> clearFilters());

        // Item files the store could not read are not in the tree; say so instead of hiding them.
        problemsLink = new Link(bar, SWT.WRAP);
        problemsLink.setData(WIDGET_ID, "explorer.problems");
        problemsLink.setForeground(bar.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        problemsLink.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        problemsLink.addListener(SWT.Selection, e -> showProblems());

        Label line = new Label(projectPage, SWT.SEPARATOR | SWT.HORIZONTAL);
        line.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));

        tree = new Tree(projectPage, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER_SOLID);
        tree.setData(WIDGET_ID, "explorer.tree");
        tree.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        tree.setHeaderVisible(true);
        tree.setLinesVisible(false);
        column("Name", SWT.LEFT, 180);
        column("State", SWT.LEFT, 100);
        column("Annotations", SWT.RIGHT, 86);
        column("Annotators", SWT.LEFT, 92);
        tree.addListener(SWT.Resize, e -> fitNameColumn());
        tree.addListener(SWT.SetData, this::fillRow);
        tree.addListener(SWT.Expand, e -> unfold((TreeItem) e.item));
        tree.addListener(SWT.Selection, e -> selected());
        tree.addListener(SWT.DefaultSelection, e -> openSelected());

        Menu menu = new Menu(tree);
        MenuItem open = new MenuItem(menu, SWT.PUSH);
        open.setText("&Open\tEnter");
        open.addListener(SWT.Selection, e -> openSelected());
        menu.addListener(SWT.Show, e -> open.setEnabled(selectedItem() != null));
        tree.setMenu(menu);

        boldFont = FontDescriptor.createFrom(tree.getFont()).setStyle(SWT.BOLD).createFont(tree.getDisplay());
        secondary = tree.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW);
    }

    // No tooltips: they would cover the open list, and the first entry ("All labels") says what a combo filters.
    private Combo combo(Composite bar, String id) {
        Combo c = new Combo(bar, SWT.READ_ONLY | SWT.DROP_DOWN);
        c.setData(WIDGET_ID, id);
        c.setVisibleItemCount(16);
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.widthHint = 60;
        c.setLayoutData(gd);
        return c;
    }

    private void column(String text, int align, int width) {
        TreeColumn c = new TreeColumn(tree, align);
        c.setText(text);
        // Never narrower than its header, whatever the font.
        GC gc = new GC(tree);
        try {
            gc.setFont(tree.getFont());
            width = Math.max(width, gc.textExtent(text).x + 28);
        } finally {
            gc.dispose();
        }
        c.setWidth(width);
        c.setMoveable(false);
    }

    // The name column takes whatever the fixed columns leave, so nothing needs a horizontal scrollbar.
    private void fitNameColumn() {
        int others = 0;
        for (int i = 1; i < tree.getColumnCount(); i++) {
            others += tree.getColumn(i).getWidth();
        }
        int width = tree.getClientArea().width - others;
        tree.getColumn(COL_NAME).setWidth(Math.max(140, width));
    }

    private void showProject(ProjectSession newSession) {
        if (root == null || root.isDisposed()) {
            return;
        }
        session = newSession;
        filter = ItemFilter.NONE;
        if (session == null) {
            model = null;
            String problem = workbench.startupProblem().map(p -> "Could not open the project:\n" + p + "\n\n").orElse("");
            emptyText.setText(problem + "No project open \u2014 File > <a href=\"open\">Open Project\u2026</a> or "
                    + "<a href=\"new\">New Project\u2026</a>");
            pages.topControl = emptyPage;
            if (selection != null) {
                selection.setSelection(null);
            }
        } else {
            filterText.setText("");
            fillChoices(session.project());
            pages.topControl = projectPage;
            updateProblems();
            rebuild(true);
        }
        root.layout(true, true);
    }

    private void updateProblems() {
        List<String> problems = session.stored().problems();
        boolean any = !problems.isEmpty();
        problemsLink.setText(any ? "\u26a0 " + problems.size() + (problems.size() == 1 ? " item file could not be read and is"
                : " item files could not be read and are") + " not shown \u2014 <a>details</a>" : "");
        problemsLink.setToolTipText(any ? String.join("\n", problems) : null);
        problemsLink.setVisible(any);
        ((GridData) problemsLink.getLayoutData()).exclude = !any;
        problemsLink.getParent().layout(true);
    }

    private void showProblems() {
        if (session != null) {
            MessageDialog.openWarning(root.getShell(), "Unreadable item files",
                    "These files are left as they are; fix or delete them and reopen the project:\n\n"
                            + String.join("\n", session.stored().problems()));
        }
    }

    private void fillChoices(Project project) {
        stateKeys.clear();
        List<String> stateNames = new ArrayList<>();
        stateKeys.add(null);
        stateNames.add("All states");
        stateKeys.add(ItemFilter.NOT_STARTED);
        stateNames.add(ColorMarks.nameOf(null));
        for (AnnotationState s : AnnotationState.values()) {
            stateKeys.add(s.id());
            stateNames.add(s.displayName());
        }
        stateCombo.setItems(stateNames.toArray(String[]::new));
        stateCombo.select(0);

        Set<String> annotatorSet = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Set<String> labelSet = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (LabelSchema schema : project.schemas().values()) {
            for (LabelClass c : schema.classes()) {
                labelSet.add(c.name());
            }
        }
        for (ItemSummary s : project.items()) {
            for (SetSummary set : s.sets()) {
                annotatorSet.add(set.annotator());
                labelSet.addAll(set.labels());
            }
        }
        annotators = List.copyOf(annotatorSet);
        labels = List.copyOf(labelSet);
        setChoices(annotatorCombo, "All annotators", annotators, filter.annotator());
        setChoices(labelCombo, "All labels", labels, filter.label());
    }

    private static void setChoices(Combo combo, String all, List<String> values, String selected) {
        List<String> items = new ArrayList<>(values.size() + 1);
        items.add(all);
        items.addAll(values);
        combo.setItems(items.toArray(String[]::new));
        combo.select(selected == null ? 0 : values.indexOf(selected) + 1);
    }

    private static String choice(Combo combo, List<String> values) {
        int i = combo.getSelectionIndex();
        return i <= 0 ? null : values.get(i - 1);
    }

    private void setFilter(ItemFilter newFilter) {
        if (newFilter.equals(filter) || session == null) {
            return;
        }
        filter = newFilter;
        rebuild(false);
    }

    private void clearFilters() {
        filter = ItemFilter.NONE;
        filterText.setText("");
        stateCombo.select(0);
        annotatorCombo.select(0);
        labelCombo.select(0);
        rebuild(false);
    }

    /**
     * Regroups the items and refills the tree, keeping open the groups that were open.
     *
     * @param fresh whether this is a newly opened project (open groups by default)
     */
    private void rebuild(boolean fresh) {
        Set<String> expanded = fresh ? null : expandedKeys();
        String selectedId = fresh ? null : java.util.Optional.ofNullable(selectedItem()).map(ItemSummary::id).orElse(null);
        model = ExplorerTree.build(session.project().items(), filter);
        tree.setRedraw(false);
        try {
            tree.removeAll();
            itemRows.clear();
            groupRows.clear();
            tree.setItemCount(model.datasets().size());
            boolean expandAll = model.shownCount() <= EXPAND_ALL_LIMIT;
            boolean expandDatasets = expandAll || model.datasets().size() <= EXPANDED_DATASETS_LIMIT;
            for (int d = 0; d < model.datasets().size(); d++) {
                Group ds = model.datasets().get(d);
                TreeItem dsRow = tree.getItem(d);
                if (expandAll || (expanded == null ? expandDatasets : expanded.contains(key(ds)))) {
                    materialize(dsRow, ds).setExpanded(true);
                    for (int m = 0; m < ds.groups().size(); m++) {
                        Group modality = ds.groups().get(m);
                        if (expandAll || expanded != null && expanded.contains(key(modality))) {
                            materialize(dsRow.getItem(m), modality).setExpanded(true);
                        }
                    }
                }
            }
        } finally {
            tree.setRedraw(true);
        }
        updateCount();
        if (tree.getItemCount() > 0) {
            tree.setTopItem(tree.getItem(0));
        }
        if (selectedId != null) {
            reveal(selectedId);
        }
    }

    private Set<String> expandedKeys() {
        Set<String> keys = new HashSet<>();
        for (Map.Entry<Group, TreeItem> e : groupRows.entrySet()) {
            if (!e.getValue().isDisposed() && e.getValue().getExpanded()) {
                keys.add(key(e.getKey()));
            }
        }
        return keys;
    }

    private static String key(Group g) {
        return g.parent() == null ? g.name() : g.parent().name() + "\u0000" + g.name();
    }

    private void reveal(String itemId) {
        java.util.Optional<Group> group = model.groupOf(itemId);
        if (group.isEmpty()) {
            return;
        }
        Group modality = group.get();
        TreeItem dsRow = materialize(tree.getItem(model.datasets().indexOf(modality.parent())), modality.parent());
        dsRow.setExpanded(true);
        TreeItem modalityRow = materialize(dsRow.getItem(modality.parent().groups().indexOf(modality)), modality);
        modalityRow.setExpanded(true);
        int index = model.indexOf(itemId);
        TreeItem row = modalityRow.getItem(index);
        if (row.getData() == null) {
            fill(row, modality.items().get(index));
        }
        tree.setSelection(row);
    }

    private void updateCount() {
        String total = numbers.format(model.totalCount());
        if (model.totalCount() == 0) {
            countLabel.setText("No items yet \u2014 add some with 'vellum cli import'");
        } else {
            countLabel.setText(filter.isEmpty() ? total + (model.totalCount() == 1 ? " item" : " items")
                    : "Showing " + numbers.format(model.shownCount()) + " of " + total + " items");
        }
        clearLink.setVisible(!filter.isEmpty());
        countLabel.getParent().layout(true);
    }

    private void fillRow(Event e) {
        TreeItem row = (TreeItem) e.item;
        TreeItem parentRow = row.getParentItem();
        Object node;
        if (parentRow == null) {
            node = model.datasets().get(e.index);
        } else {
            if (parentRow.getData(LAZY) != null) {
                return;
            }
            Group g = (Group) parentRow.getData();
            node = g.holdsItems() ? g.items().get(e.index) : g.groups().get(e.index);
        }
        fill(row, node);
    }

    // A virtual row gets its data when it is first painted; a group about to be expanded needs its
    // child count before that, so it is filled here.
    private TreeItem materialize(TreeItem row, Group g) {
        if (row.getData() != g) {
            fill(row, g);
        }
        unfold(row);
        return row;
    }

    private void unfold(TreeItem row) {
        if (row.getData(LAZY) != null && row.getData() instanceof Group g) {
            row.setData(LAZY, null);
            row.setItemCount(g.childCount());
            row.clear(0, true);
        }
    }

    private void fill(TreeItem row, Object node) {
        row.setData(node);
        if (node instanceof Group g) {
            groupRows.put(g, row);
            renderGroup(row, g);
            if (g.childCount() > 0) {
                row.setData(LAZY, Boolean.TRUE);
                row.setItemCount(1);
            }
        } else {
            ItemSummary s = (ItemSummary) node;
            itemRows.put(s.id(), row);
            renderItem(row, s);
        }
    }

    private void renderGroup(TreeItem row, Group g) {
        String count = numbers.format(g.itemCount()) + (g.itemCount() == 1 ? " item" : " items");
        row.setText(COL_NAME, g.name() + " (" + count + ")");
        int percent = g.itemCount() == 0 ? 0 : (int) Math.floor(100.0 * g.finishedCount() / g.itemCount());
        row.setText(COL_STATE, percent + "% done");
        row.setText(COL_ANNOTATIONS, numbers.format(g.annotationCount()));
        row.setText(COL_ANNOTATORS, g.annotatorCount() == 0 ? "\u2013" : numbers.format(g.annotatorCount()));
        if (g.parent() == null) {
            row.setFont(COL_NAME, boldFont);
        }
        for (int c = COL_STATE; c <= COL_ANNOTATORS; c++) {
            row.setForeground(c, secondary);
        }
    }

    private void renderItem(TreeItem row, ItemSummary s) {
        AnnotationState state = s.overallState();
        row.setText(COL_NAME, s.id());
        row.setImage(COL_STATE, marks.state(state));
        row.setText(COL_STATE, ColorMarks.nameOf(state));
        row.setText(COL_ANNOTATIONS, numbers.format(s.annotationCount()));
        row.setText(COL_ANNOTATORS, s.sets().isEmpty() ? "\u2013"
                : s.sets().stream().map(SetSummary::annotator).collect(Collectors.joining(", ")));
    }

    private void onChange(ProjectChange change) {
        if (session == null || tree.isDisposed()) {
            return;
        }
        switch (change.kind()) {
        case ITEMS_CHANGED -> {
            boolean newChoices = false;
            for (String id : change.itemIds()) {
                java.util.Optional<ItemSummary> summary = session.project().item(id);
                if (summary.isEmpty() || !model.update(summary.get())) {
                    continue;
                }
                newChoices |= addsChoices(summary.get());
                TreeItem row = itemRows.get(id);
                if (row != null && !row.isDisposed()) {
                    row.setData(summary.get());
                    renderItem(row, summary.get());
                }
                Group g = model.groupOf(id).orElseThrow();
                refreshGroupRow(g);
                refreshGroupRow(g.parent());
            }
            if (newChoices) {
                fillChoicesKeepingSelection();
            }
        }
        case ITEMS_ADDED, ITEMS_REMOVED, PROJECT_CHANGED -> {
            fillChoicesKeepingSelection();
            rebuild(false);
        }
        case SAVED -> {
            // Summaries already reflect every edit; saving changes nothing the explorer shows.
        }
        }
    }

    private boolean addsChoices(ItemSummary s) {
        for (SetSummary set : s.sets()) {
            if (!annotators.contains(set.annotator()) || !labels.containsAll(set.labels())) {
                return true;
            }
        }
        return false;
    }

    private void fillChoicesKeepingSelection() {
        String state = filter.state();
        fillChoices(session.project());
        stateCombo.select(Math.max(0, stateKeys.indexOf(state)));
    }

    private void refreshGroupRow(Group g) {
        TreeItem row = groupRows.get(g);
        if (row != null && !row.isDisposed()) {
            renderGroup(row, g);
        }
    }

    private ItemSummary selectedItem() {
        TreeItem[] rows = tree.getSelection();
        return rows.length == 1 && rows[0].getData() instanceof ItemSummary s ? s : null;
    }

    private void selected() {
        if (selection != null) {
            selection.setSelection(selectedItem());
        }
    }

    private void openSelected() {
        TreeItem[] rows = tree.getSelection();
        if (rows.length != 1) {
            return;
        }
        if (rows[0].getData() instanceof ItemSummary s) {
            runCommand(OPEN_ITEM_COMMAND, Map.of(OPEN_ITEM_PARAMETER, s.id()));
        } else {
            rows[0].setExpanded(!rows[0].getExpanded());
        }
    }

    private void runCommand(String id, Map<String, Object> parameters) {
        if (commands == null || handlers == null) {
            return;
        }
        ParameterizedCommand command = commands.createCommand(id, parameters);
        if (command != null) {
            handlers.executeHandler(command);
        }
    }

    private void disposeResources() {
        marks.dispose();
        if (boldFont != null) {
            boldFont.dispose();
        }
    }
}
