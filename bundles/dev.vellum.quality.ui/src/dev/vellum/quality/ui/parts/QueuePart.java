package dev.vellum.quality.ui.parts;

import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.ItemSummary.SetSummary;
import dev.vellum.core.session.ProjectChange;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.editors.EditorStatus;
import dev.vellum.core.ui.views.SessionFollower;
import dev.vellum.quality.ui.internal.Ids;
import dev.vellum.quality.ui.internal.NextWork.Role;
import dev.vellum.quality.ui.internal.QualityWorkbench;
import dev.vellum.quality.ui.internal.QualityWorkbench.ItemOpener;
import dev.vellum.quality.workflow.Queues;
import dev.vellum.quality.workflow.Queues.SetRef;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.core.runtime.ILog;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The user's queue as the project's {@link Queues} hand it out: the next items to annotate (their
 * rejected work first, then work in progress, then new items), then the sets waiting for their
 * review and their audit, each up to {@value #LIMIT}. Double-click or Enter opens the item, and for
 * review and audit the Review view on the set. The queue is read again when the project is saved
 * or changes (not on every edit: a queue over 100,000 items costs tens of milliseconds), on Refresh,
 * and after a review step.
 */
public final class QueuePart {
    /** How many entries of each role are listed. */
    public static final int LIMIT = 20;

    /**
     * One row: what to do, on which item, in whose set.
     *
     * @param role  the kind of work
     * @param set   the item and the set
     * @param state what the set is now (for annotating: "new" when the user has not started it)
     */
    public record Entry(Role role, SetRef set, String state) {
    }

    private final ECommandService commands;
    private final EHandlerService handlers;
    private final EPartService parts;
    private final IEventBroker events;
    /** Reloads on every change but edits inside items (saves, added items, settings). */
    private final SessionFollower follower = new SessionFollower(() -> this.root,
            change -> change.kind() != ProjectChange.Kind.ITEMS_CHANGED, this::reload);
    private ProjectSession session;
    private ItemOpener opener;
    private List<Entry> entries = List.of();

    private Composite root;
    private Label title;
    private Table table;
    private EditorStatus status;

    /** A view that opens items through the workbench's commands. */
    @Inject
    public QueuePart(@Optional ECommandService commands, @Optional EHandlerService handlers, @Optional EPartService parts,
            @Optional IEventBroker events) {
        this.commands = commands;
        this.handlers = handlers;
        this.parts = parts;
        this.events = events;
    }

    @PostConstruct
    void create(Composite parent) {
        opener = QualityWorkbench.opener(commands, handlers);
        root = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 6;
        layout.marginHeight = 4;
        root.setLayout(layout);
        title = Ids.id(new Label(root, SWT.NONE), "queue.title");
        title.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button refresh = Ids.id(new Button(root, SWT.PUSH), "queue.refresh");
        refresh.setText("&Refresh");
        refresh.setToolTipText("Read the queues again");
        refresh.addListener(SWT.Selection, e -> reload());
        table = Ids.id(new Table(root, SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL), "queue.table");
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String name : new String[] { "Work", "Item", "Set" }) {
            new TableColumn(table, SWT.LEFT).setText(name);
        }
        table.addListener(SWT.DefaultSelection, e -> open(table.getSelectionIndex()));
        table.addListener(SWT.Resize, e -> fit());
        Label statusLabel = Ids.id(new Label(root, SWT.NONE), "queue.status");
        statusLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        status = new EditorStatus(statusLabel);
        reload();
    }

    @PreDestroy
    void dispose() {
        follower.dispose();
    }

    @Focus
    void focus() {
        table.setFocus();
    }

    /** Follows the open project. */
    @Inject
    void projectChanged(@Optional ProjectSession next) {
        if (!follower.follow(next)) {
            return;
        }
        session = next;
        reload();
    }

    /** Reads the queues again after a review step anywhere. */
    @Inject
    @Optional
    void reviewed(@UIEventTopic(QualityWorkbench.REVIEWED_TOPIC) String itemId) {
        reload();
    }

    /** Lets tests see what would be opened. */
    public void setOpener(ItemOpener opener) {
        this.opener = opener;
    }

    /** The entries listed, in order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The view's status line. */
    public EditorStatus status() {
        return status;
    }

    /** Reads the queues again. */
    public void reload() {
        if (root == null || root.isDisposed()) {
            return;
        }
        List<Entry> out = new ArrayList<>();
        if (session != null) {
            String user = session.user();
            try {
                Queues queues = new Queues(session);
                for (String id : queues.queue(user, LIMIT)) {
                    out.add(new Entry(Role.ANNOTATE, new SetRef(id, user), ownState(id, user)));
                }
                for (SetRef s : queues.toReview(user, LIMIT)) {
                    out.add(new Entry(Role.REVIEW, s, stateOf(s)));
                }
                for (SetRef s : queues.toAudit(user, LIMIT)) {
                    out.add(new Entry(Role.AUDIT, s, stateOf(s)));
                }
                status.status("");
            } catch (StoreException | IllegalArgumentException e) {
                ILog.of(QueuePart.class).warn(e.getMessage(), e);
                status.problem("The queue cannot be read: " + e.getMessage());
            }
        }
        entries = List.copyOf(out);
        title.setText(session == null ? "No project is open" : summary(session.user()));
        title.setToolTipText(title.getText());
        table.removeAll();
        for (Entry e : entries) {
            TableItem row = new TableItem(table, SWT.NONE);
            row.setText(new String[] { switch (e.role()) {
                case ANNOTATE -> "Annotate";
                case REVIEW -> "Review";
                case AUDIT -> "Audit";
            }, e.set().itemId(), e.role() == Role.ANNOTATE ? e.state() : e.set().annotator() + " \u00b7 " + e.state() });
        }
        fit();
        root.layout(true);
    }

    // Only the roles with work, so the line fits the narrow view: "alice: 2 to annotate, 1 to review".
    private String summary(String user) {
        List<String> parts = new ArrayList<>();
        for (Role r : Role.values()) {
            long n = count(r);
            if (n > 0) {
                parts.add((n >= LIMIT ? LIMIT + "+" : Long.toString(n)) + " to " + r.id());
            }
        }
        return parts.isEmpty() ? "Nothing waits for " + user : user + ": " + String.join(", ", parts);
    }

    private long count(Role role) {
        return entries.stream().filter(e -> e.role() == role).count();
    }

    private String ownState(String itemId, String user) {
        return session.project().item(itemId).flatMap(s -> s.sets().stream().filter(x -> x.annotator().equals(user)).findFirst())
                .map(x -> x.state().displayName().toLowerCase(java.util.Locale.ROOT)).orElse("new");
    }

    private String stateOf(SetRef ref) {
        return session.project().item(ref.itemId()).map(ItemSummary::sets).orElse(List.of()).stream()
                .filter(x -> x.annotator().equals(ref.annotator())).findFirst().map(SetSummary::state)
                .map(s -> s.displayName().toLowerCase(java.util.Locale.ROOT)).orElse("");
    }

    private void fit() {
        int used = 0;
        for (int c = 0; c < table.getColumnCount(); c++) {
            TableColumn column = table.getColumn(c);
            column.pack();
            column.setWidth(column.getWidth() + 8);
            if (c < table.getColumnCount() - 1) {
                used += column.getWidth();
            }
        }
        TableColumn last = table.getColumn(table.getColumnCount() - 1);
        last.setWidth(Math.max(last.getWidth(), table.getClientArea().width - used));
    }

    /** Opens the entry in row {@code index}: its item, and for review and audit the Review view on its set. */
    public void open(int index) {
        if (index < 0 || index >= entries.size()) {
            return;
        }
        Entry e = entries.get(index);
        if (!opener.open(e.set().itemId())) {
            status.problem("Could not open " + e.set().itemId() + ".");
            return;
        }
        status.status("Opened " + e.set().itemId() + ".");
        if (e.role() != Role.ANNOTATE) {
            MPart review = QualityWorkbench.showReview(parts, false);
            if (review != null && review.getObject() instanceof ReviewPart part) {
                part.show(e.set().itemId());
                part.choose(e.set().annotator());
            }
        }
        if (events != null) {
            QualityWorkbench.status(events, "Opened " + e.set().itemId() + " to " + e.role().id(), false);
        }
    }
}
