package dev.vellum.quality.ui.parts;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.Item;
import dev.vellum.core.session.ProjectChange;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.Finding.Severity;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.editors.ItemEditor;
import dev.vellum.core.ui.views.SessionFollower;
import dev.vellum.core.ui.widgets.ColorMarks;
import dev.vellum.core.validation.Validator;
import dev.vellum.quality.rules.ProjectValidation;
import dev.vellum.quality.ui.internal.ItemOpener;
import dev.vellum.quality.ui.internal.WorkbenchItemOpener;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;

/**
 * The Problems view: the findings of every validation rule (core's, the modalities', and the
 * project's rules in force) in a sortable table, filtered by severity. Validation runs in a
 * background job, never on the UI thread: when the view opens, on Refresh, and again shortly after
 * each save or change of project settings. A double-click opens the item in its editor and
 * reveals the annotation.
 */
public final class ProblemsPart {
    /** Widget ids for tests, kept in each control's data under this key. */
    public static final String ID = "dev.vellum.widgetId";
    /** How long after a save the view waits for more saves before it validates again. */
    static final long DEBOUNCE_MS = 600;

    private final Validator validator;
    private final MPart part;
    private final ItemOpener opener;
    /**
     * Validation reads the saved project: edits count once saved; items added or removed, and
     * settings (schemas, a published guideline version and so the rules in force) at once.
     */
    private final SessionFollower follower = new SessionFollower(() -> this.root,
            change -> change.kind() != ProjectChange.Kind.ITEMS_CHANGED, () -> schedule(DEBOUNCE_MS));
    private final Set<Severity> shown = EnumSet.allOf(Severity.class);

    private ProjectSession session;
    private Composite root;
    private TableViewer viewer;
    private Label status;
    private final List<Button> severityButtons = new ArrayList<>();
    private ColorMarks marks;
    private FindingTable.Column sortColumn = FindingTable.Column.SEVERITY;
    private boolean ascending = true;
    private List<Finding> findings = List.of();
    private Job job;
    /** Counts validation runs; a run's result is shown only when no later run was started. */
    private int generation;
    private volatile boolean busy;

    @Inject
    public ProblemsPart(@org.eclipse.e4.core.di.annotations.Optional Validator validator,
            @org.eclipse.e4.core.di.annotations.Optional MPart part,
            @org.eclipse.e4.core.di.annotations.Optional ItemOpener opener,
            @org.eclipse.e4.core.di.annotations.Optional ECommandService commands,
            @org.eclipse.e4.core.di.annotations.Optional EHandlerService handlers,
            @org.eclipse.e4.core.di.annotations.Optional EPartService parts) {
        this.validator = validator;
        this.part = part;
        this.opener = opener != null ? opener : new WorkbenchItemOpener(commands, handlers, parts);
    }

    @PostConstruct
    void create(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 2;
        root.setLayout(layout);
        marks = new ColorMarks(root.getDisplay());
        createBar();
        createTable();
        root.addDisposeListener(e -> marks.dispose());
        if (session != null) {
            refresh();
        } else {
            status.setText("No project open.");
        }
    }

    private void createBar() {
        Composite bar = new Composite(root, SWT.NONE);
        GridLayout layout = new GridLayout(Severity.values().length + 2, false);
        layout.marginHeight = 2;
        layout.marginWidth = 4;
        bar.setLayout(layout);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Button refresh = id(new Button(bar, SWT.PUSH), "problems.refresh");
        refresh.setText("Refresh");
        refresh.setToolTipText("Validate the saved project again with every installed rule and the project's rules");
        refresh.addListener(SWT.Selection, e -> refresh());
        for (Severity s : Severity.values()) {
            Button b = id(new Button(bar, SWT.CHECK), "problems.show." + s.name().toLowerCase(java.util.Locale.ROOT));
            b.setSelection(true);
            b.setImage(marks.dot(color(s)));
            b.setData(s);
            b.addListener(SWT.Selection, e -> {
                if (b.getSelection()) {
                    shown.add(s);
                } else {
                    shown.remove(s);
                }
                viewer.refresh();
                updateStatus();
            });
            severityButtons.add(b);
        }
        status = id(new Label(bar, SWT.NONE), "problems.status");
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        updateButtons();
    }

    private void createTable() {
        viewer = new TableViewer(root, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        Table table = id(viewer.getTable(), "problems.table");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        for (FindingTable.Column c : FindingTable.Column.values()) {
            TableViewerColumn col = new TableViewerColumn(viewer, SWT.LEFT);
            col.getColumn().setText(c.header());
            col.getColumn().setWidth(c.width());
            col.getColumn().setData(c);
            col.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    return c.text((Finding) element);
                }

                @Override
                public Image getImage(Object element) {
                    return c == FindingTable.Column.SEVERITY ? marks.dot(color(((Finding) element).severity())) : null;
                }

                @Override
                public String getToolTipText(Object element) {
                    return c == FindingTable.Column.MESSAGE ? ((Finding) element).message() : null;
                }
            });
            col.getColumn().addListener(SWT.Selection, e -> sortBy(c, col.getColumn()));
        }
        table.setSortColumn(table.getColumn(0));
        table.setSortDirection(SWT.UP);
        viewer.setComparator(new ViewerComparator() {
            @Override
            public int compare(Viewer v, Object a, Object b) {
                int r = sortColumn.order().compare((Finding) a, (Finding) b);
                return ascending ? r : -r;
            }
        });
        viewer.addFilter(new ViewerFilter() {
            @Override
            public boolean select(Viewer v, Object parent, Object element) {
                return shown.contains(((Finding) element).severity());
            }
        });
        org.eclipse.jface.viewers.ColumnViewerToolTipSupport.enableFor(viewer);
        // The message takes what the other columns leave: long messages are the point of the view.
        table.addListener(SWT.Resize, e -> fitMessageColumn(table));
        viewer.addDoubleClickListener(e -> {
            if (e.getSelection() instanceof IStructuredSelection s && s.getFirstElement() instanceof Finding f) {
                open(f);
            }
        });
        viewer.setInput(findings);
    }

    private static void fitMessageColumn(Table table) {
        int others = 0;
        TableColumn message = null;
        for (TableColumn c : table.getColumns()) {
            if (c.getData() == FindingTable.Column.MESSAGE) {
                message = c;
            } else {
                others += c.getWidth();
            }
        }
        int free = table.getClientArea().width - others;
        if (message != null && free > FindingTable.Column.MESSAGE.width()) {
            message.setWidth(free);
        }
    }

    private void sortBy(FindingTable.Column c, TableColumn column) {
        ascending = sortColumn != c || !ascending;
        sortColumn = c;
        viewer.getTable().setSortColumn(column);
        viewer.getTable().setSortDirection(ascending ? SWT.UP : SWT.DOWN);
        viewer.refresh();
    }

    private static RGB color(Severity s) {
        return switch (s) {
            case ERROR -> new RGB(0xd6, 0x3b, 0x3b);
            case WARNING -> new RGB(0xe0, 0x9b, 0x00);
            case INFO -> new RGB(0x2f, 0x80, 0xed);
        };
    }

    private static <T extends Control> T id(T control, String id) {
        control.setData(ID, id);
        return control;
    }

    /** Follows whichever project is open. */
    @Inject
    void setSession(@org.eclipse.e4.core.di.annotations.Optional ProjectSession next) {
        if (!follower.follow(next)) {
            return;
        }
        session = next;
        findings = List.of();
        if (root != null && !root.isDisposed()) {
            show(List.of(), session == null ? "No project open." : "");
            if (session != null) {
                refresh();
            }
        }
    }

    /** Validates the project again now (in the background). */
    public void refresh() {
        schedule(0);
    }

    private synchronized void schedule(long delay) {
        ProjectSession s = session;
        if (s == null || validator == null) {
            if (validator == null && status != null && !status.isDisposed()) {
                status.setText("The validation service is not running.");
            }
            return;
        }
        if (job != null) {
            job.cancel();
        }
        int run = ++generation;
        busy = true;
        Job j = new Job("Validating " + s.project().name()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                List<Finding> found = new ArrayList<>();
                ProjectValidation.Summary summary;
                try {
                    summary = new ProjectValidation(validator).validate(s.stored(), progress(monitor), found::add);
                } catch (RuntimeException e) {
                    // A store changed under the run (an item removed while read): the next save runs again.
                    finish(run, null, "Validation failed: " + e.getMessage());
                    return Status.OK_STATUS;
                }
                if (monitor.isCanceled()) {
                    finish(run, null, null);
                    return Status.CANCEL_STATUS;
                }
                finish(run, found, summary.itemsChecked() + " items checked; project rules: "
                        + (summary.rulesVersion().isEmpty() ? "unreadable" : summary.projectRules() + " of " + summary.rulesVersion()));
                return Status.OK_STATUS;
            }
        };
        j.setPriority(Job.DECORATE);
        j.setSystem(false);
        job = j;
        if (status != null && !status.isDisposed()) {
            status.setText("Validating\u2026");
        }
        j.schedule(delay);
    }

    private static Progress progress(IProgressMonitor monitor) {
        return new Progress() {
            @Override
            public void begin(String task, int totalWork) {
                monitor.beginTask(task, totalWork < 0 ? IProgressMonitor.UNKNOWN : totalWork);
            }

            @Override
            public void worked(int work) {
                monitor.worked(work);
            }

            @Override
            public boolean isCanceled() {
                return monitor.isCanceled();
            }
        };
    }

    private void finish(int run, List<Finding> found, String message) {
        if (root == null || root.isDisposed()) {
            busy = false;
            return;
        }
        root.getDisplay().asyncExec(() -> {
            synchronized (this) {
                if (run != generation) {
                    return;
                }
                busy = false;
            }
            if (root.isDisposed()) {
                return;
            }
            if (found != null) {
                show(found, message);
            } else if (message != null) {
                status.setText(message);
            }
        });
    }

    private String lastMessage = "";

    private void show(List<Finding> found, String message) {
        findings = List.copyOf(found);
        lastMessage = message == null ? "" : message;
        viewer.setInput(findings);
        updateButtons();
        updateStatus();
        if (part != null) {
            part.setLabel(FindingTable.title(findings));
        }
    }

    private void updateButtons() {
        Map<Severity, Integer> counts = FindingTable.counts(findings);
        for (Button b : severityButtons) {
            Severity s = (Severity) b.getData();
            int n = counts.get(s);
            b.setText(n + " " + FindingTable.name(s) + (n == 1 || s == Severity.INFO ? "" : "s"));
        }
        if (!severityButtons.isEmpty()) {
            severityButtons.get(0).getParent().layout(true);
        }
    }

    private void updateStatus() {
        int visible = viewer.getTable().getItemCount();
        String shownText = visible == findings.size() ? "" : visible + " of " + findings.size() + " shown. ";
        status.setText(shownText + lastMessage);
    }

    /**
     * Opens the finding's item in its editor and reveals its annotation; findings about the
     * whole project, or an item set, open nothing or only the item.
     *
     * @return whether an editor was opened
     */
    public boolean open(Finding f) {
        if (f.itemId().isEmpty()) {
            status.setText("This finding is about the whole project, not one item.");
            return false;
        }
        Optional<ItemEditor> editor = opener.open(f.itemId());
        if (editor.isEmpty() || f.annotationId().isEmpty() || session == null) {
            return editor.isPresent();
        }
        Optional<Annotation> a;
        try {
            Item item = session.load(f.itemId());
            a = item.set(f.annotator()).flatMap(s -> s.annotation(f.annotationId()));
        } catch (StoreException e) {
            status.setText(e.getMessage());
            return true;
        }
        if (a.isEmpty()) {
            status.setText("The annotation " + f.annotationId() + " is no longer in " + f.annotator() + "'s set: refresh.");
            return true;
        }
        ItemEditor.SelectedAnnotation target = new ItemEditor.SelectedAnnotation(f.annotator(), a.get());
        root.getDisplay().asyncExec(() -> revealWhenShown(editor.get(), target, REVEAL_ATTEMPTS));
        return true;
    }

    /** How often, {@value #REVEAL_INTERVAL_MS} ms apart, an annotation is revealed until the editor shows it selected. */
    static final int REVEAL_ATTEMPTS = 50;
    static final int REVEAL_INTERVAL_MS = 100;

    /**
     * Reveals the annotation, again and again until the editor reports it selected: an editor that
     * has just opened may still be loading its item (the image editor reads the image in the
     * background) and ignores a selection of figures it does not have yet.
     */
    private void revealWhenShown(ItemEditor editor, ItemEditor.SelectedAnnotation target, int attemptsLeft) {
        if (root.isDisposed()) {
            return;
        }
        editor.reveal(target);
        boolean shown = editor.selectedAnnotations().stream().anyMatch(s -> s.annotator().equals(target.annotator())
                && s.annotation().id().equals(target.annotation().id()));
        if (!shown && attemptsLeft > 1) {
            root.getDisplay().timerExec(REVEAL_INTERVAL_MS, () -> revealWhenShown(editor, target, attemptsLeft - 1));
        }
    }

    /** The findings of the last run, all severities. */
    public List<Finding> findings() {
        return findings;
    }

    /** Whether a validation run is scheduled or running. */
    public boolean busy() {
        return busy;
    }

    @Focus
    void focus() {
        viewer.getTable().setFocus();
    }

    @PreDestroy
    void dispose() {
        follower.dispose();
        if (job != null) {
            job.cancel();
        }
    }
}
