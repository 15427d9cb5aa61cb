package dev.vellum.quality.ui.parts;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.session.ProjectChange;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.core.ui.editors.EditorStatus;
import dev.vellum.core.ui.editors.ItemEditor;
import dev.vellum.core.ui.editors.ItemEditor.SelectedAnnotation;
import dev.vellum.core.ui.editors.SetFilter;
import dev.vellum.core.ui.views.SessionFollower;
import dev.vellum.core.ui.widgets.ColorMarks;
import dev.vellum.quality.ui.internal.Ids;
import dev.vellum.quality.ui.internal.QualityWorkbench;
import dev.vellum.quality.ui.internal.ReasonDialog;
import dev.vellum.quality.ui.internal.ReviewRules;
import dev.vellum.quality.workflow.Comment;
import dev.vellum.quality.workflow.ReviewEvent;
import dev.vellum.quality.workflow.Reviews;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.core.runtime.ILog;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Widget;

/**
 * The review of the item in the active editor: each annotator's set with its state, and for the set
 * chosen its open comments (double-click selects the annotation a comment is pinned to in the
 * editor) and its review history; buttons submit the user's own set, accept or reject (with a
 * required reason and an optional comment pinned to the annotation selected in the editor), comment
 * on the selected annotation, and pass or fail an audit. A button is enabled only when
 * {@link ReviewRules} says the workflow allows the step for the user.
 * <p>
 * Every step goes through {@link Reviews} over the workbench's {@link ProjectSession}, so state
 * changes are undoable edits and recorded in the audit trail. A refused or failed step is shown in
 * red on the view's status line (and the window's), never in a dialog. Sets the workflow hides from
 * the user (blind annotation, {@link SetFilter}) show their state only: no counts, comments or
 * history.
 */
public final class ReviewPart {
    /** The buttons, by the action they run. */
    public enum Action {
        /** Hand the user's own set in. */
        SUBMIT("Submit", "Hand your set in for review"),
        /** Accept the chosen set. */
        ACCEPT("Accept", "Accept this work"),
        /** Reject the chosen set with a reason. */
        REJECT("Reject\u2026", "Send this work back to its annotator with a reason"),
        /** Comment on the selected annotation (or the set). */
        COMMENT("Comment\u2026", "Comment on the annotation selected in the editor, or on the whole set"),
        /** Pass the audit of the chosen set. */
        AUDIT_PASS("Audit: Pass", "The accepted work passes the audit"),
        /** Fail the audit of the chosen set with a reason. */
        AUDIT_FAIL("Audit: Fail\u2026", "The accepted work fails the audit and goes back to its annotator");

        private final String text;
        private final String tooltip;

        Action(String text, String tooltip) {
            this.text = text;
            this.tooltip = tooltip;
        }

        /** The widget id of its button. */
        public String widgetId() {
            return "review.button." + name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the view asks for the text of a step; a dialog unless tests answer. */
    @FunctionalInterface
    public interface Asker {
        /**
         * Asks for a required text and, when {@code pinnedLabel} is not null, an optional pinned comment.
         *
         * @return the answer, or null when the user cancelled
         */
        Answer ask(Shell shell, String title, String intro, String textLabel, String pinnedLabel);
    }

    /**
     * What the user answered.
     *
     * @param text   the required text
     * @param pinned the optional comment pinned to the selected annotation; empty when none
     */
    public record Answer(String text, String pinned) {
    }

    /** Widget data key: the column of a table that takes the width the others leave. */
    private static final String STRETCH = "review.stretchColumn";
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);
    private static final Asker DIALOG = (shell, title, intro, textLabel, pinnedLabel) -> {
        ReasonDialog d = new ReasonDialog(shell, title, intro, textLabel, pinnedLabel);
        return d.open() == Window.OK ? new Answer(d.reason(), d.pinned()) : null;
    };

    private final EPartService parts;
    private final IEventBroker events;
    private final SetFilter visibility;
    /** Reloads when the shown item changes, or the project's settings (roles, stages). */
    private final SessionFollower follower = new SessionFollower(() -> this.root,
            change -> this.itemId != null && (change.itemIds().contains(this.itemId) || change.kind() == ProjectChange.Kind.PROJECT_CHANGED),
            this::reload);
    private ProjectSession session;
    private MPart followed;
    private String itemId;
    private Item item;
    private String chosen;
    private List<ReviewEvent> history = List.of();
    private List<Comment> comments = List.of();
    private ReviewRules rules;
    private Asker asker = DIALOG;

    private Composite root;
    private Label title;
    private Label who;
    private Table sets;
    private Table commentTable;
    private Table historyTable;
    private Label commentsTitle;
    private Label historyTitle;
    private Label stepText;
    private List<ReviewEvent> shownSteps = List.of();
    private final Map<Action, Button> buttons = new LinkedHashMap<>();
    private EditorStatus status;
    private Label statusLabel;
    private ColorMarks marks;
    private Font bold;

    /** A view that finds editors through {@code parts}, tells the window's status line through {@code events}. */
    @Inject
    public ReviewPart(@Optional EPartService parts, @Optional IEventBroker events, @Optional SetFilter visibility) {
        this.parts = parts;
        this.events = events;
        this.visibility = SetFilter.orAll(visibility);
    }

    @PostConstruct
    void create(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridLayout rootLayout = new GridLayout(1, false);
        rootLayout.marginWidth = 0;
        rootLayout.marginHeight = 0;
        rootLayout.verticalSpacing = 0;
        root.setLayout(rootLayout);
        marks = new ColorMarks(root.getDisplay());
        bold = FontDescriptor.createFrom(root.getFont()).setStyle(SWT.BOLD).createFont(root.getDisplay());
        root.addDisposeListener(e -> {
            marks.dispose();
            bold.dispose();
        });

        Composite header = new Composite(root, SWT.NONE);
        GridLayout hl = new GridLayout(3, false);
        hl.marginWidth = 8;
        hl.marginHeight = 4;
        hl.horizontalSpacing = 12;
        header.setLayout(hl);
        header.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        title = Ids.id(new Label(header, SWT.NONE), "review.title");
        title.setFont(bold);
        title.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false));
        // what the last step did, or why it was refused (red): in the header, so it costs the short view no row
        statusLabel = Ids.id(new Label(header, SWT.NONE), "review.status");
        GridData sd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        sd.widthHint = 50;
        statusLabel.setLayoutData(sd);
        status = new EditorStatus(statusLabel);
        who = Ids.id(new Label(header, SWT.NONE), "review.user");
        who.setLayoutData(new GridData(SWT.RIGHT, SWT.CENTER, false, false));

        SashForm sash = new SashForm(root, SWT.HORIZONTAL | SWT.SMOOTH);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        createSetsSide(sash);
        createDetailSide(sash);
        sash.setWeights(47, 53);
        reload();
    }

    // Left: the sets (a few rows), the buttons, the chosen set's open comments.
    private void createSetsSide(Composite parent) {
        Composite side = column(parent);
        sets = table(side, "review.sets", new String[] { "Annotator", "State", "#" }, 0);
        sets.getColumn(2).setToolTipText("Annotations in the set");
        GridData setsData = (GridData) sets.getLayoutData();
        setsData.grabExcessVerticalSpace = false;
        setsData.heightHint = sets.getHeaderHeight() + sets.getItemHeight() * 3;
        sets.addListener(SWT.Selection, e -> {
            int i = sets.getSelectionIndex();
            if (i >= 0) {
                chosen = (String) sets.getItem(i).getData();
                showChosen();
            }
        });
        Composite bar = new Composite(side, SWT.NONE);
        GridLayout bl = new GridLayout(3, true);
        bl.marginWidth = 0;
        bl.marginHeight = 2;
        bl.horizontalSpacing = 4;
        bl.verticalSpacing = 4;
        bar.setLayout(bl);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        for (Action a : Action.values()) {
            Button b = Ids.id(new Button(bar, SWT.PUSH), a.widgetId());
            b.setText(a.text);
            b.setToolTipText(a.tooltip);
            b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            b.addListener(SWT.Selection, e -> run(a));
            buttons.put(a, b);
        }
        commentsTitle = Ids.id(new Label(side, SWT.NONE), "review.comments.title");
        commentsTitle.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        commentsTitle.setToolTipText("Double-click a comment to select its annotation in the editor");
        commentTable = table(side, "review.comments", new String[] { "On", "Comment", "By" }, 1);
        commentTable.addListener(SWT.DefaultSelection, e -> openComment(commentTable.getSelectionIndex()));
    }

    // Right: the chosen set's history, and the selected step in full under it.
    private void createDetailSide(Composite parent) {
        Composite side = column(parent);
        historyTitle = Ids.id(new Label(side, SWT.NONE), "review.history.title");
        historyTitle.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        historyTable = table(side, "review.history", new String[] { "When", "Step", "Note" }, 2);
        historyTable.addListener(SWT.Selection, e -> showStep(historyTable.getSelectionIndex()));
        stepText = Ids.id(new Label(side, SWT.WRAP), "review.history.detail");
        GridData stepData = new GridData(SWT.FILL, SWT.TOP, true, false);
        stepData.widthHint = 100;
        stepData.heightHint = stepText.computeSize(SWT.DEFAULT, SWT.DEFAULT).y * 5;
        stepText.setLayoutData(stepData);
    }

    private static Composite column(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayout l = new GridLayout(1, false);
        l.marginWidth = 4;
        l.marginHeight = 2;
        l.verticalSpacing = 2;
        c.setLayout(l);
        return c;
    }

    // A table whose columns fit their content and whose column {@code stretch} takes the width left,
    // so short facts are never cut off in a narrow view; a hovered cell shows its whole text.
    private static Table table(Composite parent, String id, String[] names, int stretch) {
        Table t = Ids.id(new Table(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL), id);
        t.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        t.setHeaderVisible(true);
        t.setLinesVisible(true);
        t.setData(STRETCH, stretch);
        for (String name : names) {
            TableColumn c = new TableColumn(t, SWT.LEFT);
            c.setText(name);
        }
        t.addListener(SWT.Resize, e -> fit(t));
        t.addListener(SWT.MouseHover, e -> {
            TableItem row = t.getItem(new org.eclipse.swt.graphics.Point(e.x, e.y));
            String tip = null;
            if (row != null) {
                for (int c = 0; c < t.getColumnCount(); c++) {
                    if (row.getBounds(c).contains(e.x, e.y)) {
                        tip = row.getText(c).isEmpty() ? null : row.getText(c);
                    }
                }
            }
            t.setToolTipText(tip);
        });
        fit(t);
        return t;
    }

    // Packs every column to its content and header, then gives the stretch column what is left.
    private static void fit(Table t) {
        if (t.isDisposed()) {
            return;
        }
        int stretch = (Integer) t.getData(STRETCH);
        int used = 0;
        for (int c = 0; c < t.getColumnCount(); c++) {
            TableColumn column = t.getColumn(c);
            column.pack();
            column.setWidth(column.getWidth() + 6);
            if (c != stretch) {
                used += column.getWidth();
            }
        }
        // the other columns stay in view; a long text is cut, and shown whole on hover
        t.getColumn(stretch).setWidth(Math.max(60, t.getClientArea().width - used));
    }

    @PreDestroy
    void dispose() {
        follower.dispose();
    }

    @Focus
    void focus() {
        sets.setFocus();
    }

    /** Follows the open project. */
    @Inject
    void projectChanged(@Optional ProjectSession next) {
        if (!follower.follow(next)) {
            return;
        }
        session = next;
        followed = null;
        itemId = null;
        chosen = null;
        reload();
    }

    /** Follows the active editor's item and, when an annotation is selected in it, its set. */
    @Inject
    void activeChanged(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart active,
            @Optional @Named(IServiceConstants.ACTIVE_SELECTION) Object ignored) {
        if (isItemEditor(active)) {
            followed = active;
            String id = itemOf(active);
            if (id != null && !id.equals(itemId)) {
                itemId = id;
                chosen = null;
                reload();
                return;
            }
        }
        if (followed != null && !isItemEditor(followed)) {
            followed = null;
        }
        if (root != null && !root.isDisposed() && followed != null && followed.getObject() instanceof ItemEditor editor
                && editor.itemId() != null && editor.itemId().equals(itemId)) {
            List<SelectedAnnotation> selected = editor.selectedAnnotations();
            if (!selected.isEmpty() && !selected.get(0).annotator().equals(chosen)) {
                chosen = selected.get(0).annotator();
                fillSets();
                showChosen();
            } else {
                updateButtons();
            }
            if (!selected.isEmpty()) {
                // the comments on the annotation selected in the editor stand out
                String id = selected.get(0).annotation().id();
                for (int i = 0; i < comments.size(); i++) {
                    if (comments.get(i).annotationId().equals(id)) {
                        commentTable.setSelection(i);
                        break;
                    }
                }
            }
        }
    }

    /** Reloads when another view recorded a review step on the shown item. */
    @Inject
    @Optional
    void reviewed(@UIEventTopic(QualityWorkbench.REVIEWED_TOPIC) String reviewedItem) {
        if (reviewedItem != null && reviewedItem.equals(itemId)) {
            reload();
        }
    }

    // ---------------------------------------------------------------- what is shown

    /** Shows the review of {@code id} (null: nothing), as when an editor of it becomes active. */
    public void show(String id) {
        itemId = id;
        chosen = null;
        reload();
    }

    /** The item shown, or null. */
    public String itemId() {
        return itemId;
    }

    /** The annotator whose set is chosen, or null. */
    public String chosenSet() {
        return chosen;
    }

    /** Chooses the set of {@code annotator}. */
    public void choose(String annotator) {
        chosen = annotator;
        fillSets();
        showChosen();
    }

    /** Lets tests answer the questions the dialogs would ask. */
    public void setAsker(Asker asker) {
        this.asker = asker == null ? DIALOG : asker;
    }

    /** The view's status line. */
    public EditorStatus status() {
        return status;
    }

    /** The button of {@code action}. */
    public Button button(Action action) {
        return buttons.get(action);
    }

    /** The rows of a table as shown: each row's cells joined by " | " (tests). */
    public static List<String> rows(Table table) {
        List<String> out = new ArrayList<>();
        for (TableItem row : table.getItems()) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < table.getColumnCount(); c++) {
                cells.add(row.getText(c));
            }
            out.add(String.join(" | ", cells));
        }
        return out;
    }

    /** The sets table. */
    public Table setsTable() {
        return sets;
    }

    /** The open comments of the chosen set. */
    public Table commentsTable() {
        return commentTable;
    }

    /** The chosen set's history, newest first. */
    public Table historyTable() {
        return historyTable;
    }

    private void reload() {
        if (root == null || root.isDisposed()) {
            return;
        }
        item = null;
        history = List.of();
        rules = null;
        if (session != null && itemId != null) {
            try {
                item = session.project().item(itemId).isPresent() ? session.load(itemId) : null;
            } catch (StoreException | RuntimeException e) {
                problem(itemId + ": " + e.getMessage());
            }
            rules = ReviewRules.of(session.project(), session.user());
            if (item != null) {
                try {
                    history = new Reviews(session).history(itemId);
                } catch (StoreException e) {
                    problem(e.getMessage());
                }
            }
        }
        if (item != null && (chosen == null || item.set(chosen).isEmpty())) {
            chosen = defaultSet();
        }
        title.setText(item == null ? "No item: open one in an editor" : "Review \u00b7 " + itemId);
        who.setText(session == null ? "" : session.user() + roles());
        who.setToolTipText(session == null ? null : "You work as " + session.user() + "; the project's stages follow");
        title.getParent().layout(true);
        if (rules != null && rules.problem().isPresent()) {
            problem(rules.problem().get());
        }
        fillSets();
        showChosen();
    }

    private String roles() {
        if (rules == null || rules.problem().isPresent()) {
            return "";
        }
        List<String> stages = new ArrayList<>();
        stages.add("annotate");
        if (rules.hasReviewStage()) {
            stages.add("review");
        }
        if (rules.hasAuditStage()) {
            stages.add("audit");
        }
        return "  \u00b7  " + String.join(" \u2192 ", stages);
    }

    // The user's own set when there is one, else the first the user may decide on, else the first.
    private String defaultSet() {
        if (item.set(session.user()).isPresent()) {
            return session.user();
        }
        for (AnnotationSet s : item.sets()) {
            if (rules.mayReview(item, s) || rules.mayAudit(item, s)) {
                return s.annotator();
            }
        }
        return item.sets().isEmpty() ? null : item.sets().iterator().next().annotator();
    }

    private boolean visible(AnnotationSet set) {
        return visibility.mayView(session.project(), item, set, session.user());
    }

    private void fillSets() {
        sets.removeAll();
        if (item == null) {
            return;
        }
        int selected = -1;
        for (AnnotationSet s : item.sets()) {
            TableItem row = new TableItem(sets, SWT.NONE);
            row.setData(s.annotator());
            boolean shown = visible(s);
            row.setText(new String[] { s.annotator() + (s.annotator().equals(session.user()) ? " (you)" : ""), s.state().displayName(),
                    shown ? Integer.toString(s.annotations().size()) : "hidden" });
            row.setImage(1, marks.state(s.state()));
            if (s.annotator().equals(chosen)) {
                row.setFont(0, bold);
                selected = sets.getItemCount() - 1;
            }
        }
        if (selected >= 0) {
            sets.setSelection(selected);
        }
        // as tall as its rows (two to four), so the comments below keep the rest
        GridData data = (GridData) sets.getLayoutData();
        int height = sets.getHeaderHeight() + sets.getItemHeight() * Math.max(2, Math.min(4, sets.getItemCount())) + 4;
        if (data.heightHint != height) {
            data.heightHint = height;
            sets.getParent().layout(true);
        }
        fit(sets);
    }

    private void showChosen() {
        commentTable.removeAll();
        historyTable.removeAll();
        comments = List.of();
        shownSteps = List.of();
        stepText.setText("");
        fit(commentTable);
        fit(historyTable);
        AnnotationSet set = chosenSetObject();
        if (set == null) {
            commentsTitle.setText("Open comments");
            historyTitle.setText("History");
            updateButtons();
            return;
        }
        if (!visible(set)) {
            commentsTitle.setText(set.annotator() + "'s set is hidden until the workflow lets you see it");
            historyTitle.setText("History of " + set.annotator() + "'s set");
            updateButtons();
            return;
        }
        try {
            comments = new Reviews(session).comments(itemId, set.annotator());
        } catch (StoreException e) {
            problem(e.getMessage());
        }
        commentsTitle.setText("Open comments on " + set.annotator() + "'s set (" + comments.size() + ")");
        for (Comment c : comments) {
            TableItem row = new TableItem(commentTable, SWT.NONE);
            row.setText(new String[] { pinnedTo(set, c), c.text(), c.author() });
            row.setData(c);
        }
        List<ReviewEvent> steps = history.stream().filter(e -> e.annotator().equals(set.annotator())).toList();
        historyTitle.setText("History of " + set.annotator() + "'s set (" + steps.size() + (steps.size() == 1 ? " step)" : " steps)"));
        shownSteps = steps.reversed();
        for (ReviewEvent e : shownSteps) {
            TableItem row = new TableItem(historyTable, SWT.NONE);
            row.setText(new String[] { when(e.time()), step(e) + " by " + e.user(), note(e) });
            row.setImage(1, marks.state(e.to()));
        }
        fit(commentTable);
        fit(historyTable);
        if (!shownSteps.isEmpty()) {
            historyTable.setSelection(0);
            showStep(0);
        }
        updateButtons();
    }

    private static String step(ReviewEvent e) {
        return switch (e.kind()) {
            case SUBMITTED -> e.to() == AnnotationState.SUBMITTED ? "Submitted" : "Submitted, " + e.to().displayName().toLowerCase(Locale.ROOT);
            case ACCEPTED -> "Accepted";
            case REJECTED -> "Rejected";
            case COMMENTED -> "Comment";
            case AUDITED -> e.passed() ? "Audit passed" : "Audit failed";
        };
    }

    // The whole of a step under the history: its reason or comment and what was pinned with it.
    private void showStep(int index) {
        if (index < 0 || index >= shownSteps.size()) {
            stepText.setText("");
            return;
        }
        ReviewEvent e = shownSteps.get(index);
        AnnotationSet set = chosenSetObject();
        StringBuilder b = new StringBuilder(step(e)).append(" by ").append(e.user()).append(", ").append(when(e.time()));
        if (!e.text().isEmpty()) {
            b.append(": ").append(e.text());
        }
        if (e.kind() != ReviewEvent.Kind.COMMENTED) {
            for (Comment c : e.comments()) {
                if (!c.onSet() && set != null) {
                    b.append("\n  \u2022 ").append(pinnedTo(set, c)).append(": ").append(c.text());
                }
            }
        }
        stepText.setText(b.toString().replace("&", "&&"));
        stepText.setToolTipText(b.toString());
    }

    /** The text under the history: the selected step in full (tests). */
    public String stepDetail() {
        return stepText.getText();
    }

    // Today's steps by their time, older ones by their day: the column stays narrow.
    private static String when(Instant t) {
        ZonedDateTime z = t.atZone(ZoneId.systemDefault());
        return z.toLocalDate().equals(LocalDate.now()) ? TODAY.format(z) : DAY.format(z);
    }

    private static String note(ReviewEvent e) {
        String text = e.text();
        long pinned = e.comments().stream().filter(c -> !c.onSet()).count();
        if (e.kind() != ReviewEvent.Kind.COMMENTED && pinned > 0) {
            text += (text.isEmpty() ? "" : "  ") + "(+" + pinned + (pinned == 1 ? " pinned comment)" : " pinned comments)");
        }
        return text;
    }

    private static String pinnedTo(AnnotationSet set, Comment c) {
        if (c.onSet()) {
            return "(whole set)";
        }
        return set.annotation(c.annotationId()).map(a -> (a.label().isEmpty() ? a.typeId() : a.label()) + " \u00b7 " + a.id())
                .orElse(c.annotationId() + " (deleted)");
    }

    private AnnotationSet chosenSetObject() {
        return item == null || chosen == null ? null : item.set(chosen).orElse(null);
    }

    private void updateButtons() {
        AnnotationSet set = chosenSetObject();
        for (Map.Entry<Action, Button> e : buttons.entrySet()) {
            e.getValue().setEnabled(set != null && rules != null && allowed(e.getKey(), set));
        }
    }

    private boolean allowed(Action a, AnnotationSet set) {
        return switch (a) {
            case SUBMIT -> rules.maySubmit(item, item.set(session.user()).orElse(set));
            case ACCEPT, REJECT -> rules.mayReview(item, set);
            case COMMENT -> rules.mayComment(item, set);
            case AUDIT_PASS, AUDIT_FAIL -> rules.mayAudit(item, set);
        };
    }

    // ---------------------------------------------------------------- actions

    /** Runs the action of a button (as a click does), asking for texts through the {@link Asker}. */
    public void run(Action action) {
        AnnotationSet set = chosenSetObject();
        if (session == null || set == null) {
            return;
        }
        String annotator = action == Action.SUBMIT ? session.user() : set.annotator();
        Reviews reviews = new Reviews(session);
        Annotation pin = selectedAnnotationOf(annotator);
        Step step;
        switch (action) {
            case SUBMIT -> step = () -> reviews.submit(itemId, annotator);
            case ACCEPT -> step = () -> reviews.accept(itemId, annotator, "");
            case REJECT -> {
                Answer a = asker.ask(root.getShell(), "Reject " + annotator + "'s Set",
                        "The set of " + annotator + " on " + itemId + " goes back to " + annotator + " with your reason.", "&Reason (required):",
                        pin == null ? null : "&Comment pinned to " + describe(pin) + " (optional):");
                if (a == null) {
                    return;
                }
                List<Comment> pinned = pin != null && !a.pinned().isBlank() ? List.of(Comment.pinned(pin.id(), a.pinned())) : List.of();
                step = () -> reviews.reject(itemId, annotator, a.text(), pinned);
            }
            case COMMENT -> {
                Answer a = asker.ask(root.getShell(), "Comment on " + annotator + "'s Set",
                        pin == null ? "The comment is about the whole set of " + annotator + " on " + itemId
                                + " (select an annotation in the editor to pin it there)."
                                : "The comment is pinned to " + describe(pin) + " in the set of " + annotator + ".",
                        "&Comment:", null);
                if (a == null) {
                    return;
                }
                String annotationId = pin == null ? "" : pin.id();
                step = () -> reviews.comment(itemId, annotator, annotationId, a.text());
            }
            case AUDIT_PASS -> step = () -> reviews.audit(itemId, annotator, true, "");
            case AUDIT_FAIL -> {
                Answer a = asker.ask(root.getShell(), "Fail the Audit of " + annotator + "'s Set",
                        "The set of " + annotator + " on " + itemId + " goes back to " + annotator + " (rejected) with your reason.",
                        "&Reason (required):", null);
                if (a == null) {
                    return;
                }
                step = () -> reviews.audit(itemId, annotator, false, a.text());
            }
            default -> throw new IllegalArgumentException(action.name());
        }
        perform(action, annotator, step);
    }

    @FunctionalInterface
    private interface Step {
        ReviewEvent run() throws StoreException;
    }

    private void perform(Action action, String annotator, Step step) {
        String what = action.text.replace("\u2026", "").replace("Audit: ", "audit ").toLowerCase(Locale.ROOT);
        try {
            ReviewEvent e = step.run();
            String text = step(e) + ": " + annotator + "'s set on " + itemId
                    + (e.from() != e.to() ? " is now " + e.to().displayName().toLowerCase(Locale.ROOT) : "");
            say(text);
            QualityWorkbench.status(events, text, false);
            if (events != null) {
                events.send(QualityWorkbench.REVIEWED_TOPIC, itemId);
            }
        } catch (StoreException | IllegalStateException | IllegalArgumentException e) {
            ILog.of(ReviewPart.class).warn(e.getMessage(), e);
            String text = "Could not " + what + ": " + e.getMessage();
            problem(text);
            QualityWorkbench.status(events, text, true);
        }
        String keep = status.text();
        boolean wasProblem = status.lastProblem() != null && status.lastProblem().equals(keep);
        reload();
        if (wasProblem) {
            problem(keep);
        } else {
            say(keep);
        }
    }

    // The header has room for a short line; the whole of it is its tooltip (and on the window's status line).
    private void say(String text) {
        status.status(text);
        statusLabel.setToolTipText(text);
    }

    private void problem(String text) {
        status.problem(text);
        statusLabel.setToolTipText(text);
    }

    private static String describe(Annotation a) {
        return (a.label().isEmpty() ? a.typeId() : a.label()) + " (" + a.id() + ")";
    }

    // The annotation selected in the followed editor when it is in annotator's set.
    private Annotation selectedAnnotationOf(String annotator) {
        ItemEditor editor = editor();
        if (editor == null) {
            return null;
        }
        for (SelectedAnnotation s : editor.selectedAnnotations()) {
            if (s.annotator().equals(annotator)) {
                return s.annotation();
            }
        }
        return null;
    }

    /** Selects the annotation the comment in row {@code index} is pinned to in the editor and brings it into view. */
    public void openComment(int index) {
        if (index < 0 || index >= comments.size() || item == null || chosen == null) {
            return;
        }
        Comment c = comments.get(index);
        AnnotationSet set = chosenSetObject();
        if (c.onSet() || set == null) {
            say("The comment is about the whole set.");
            return;
        }
        Annotation a = set.annotation(c.annotationId()).orElse(null);
        if (a == null) {
            problem("The annotation " + c.annotationId() + " is no longer in " + chosen + "'s set.");
            return;
        }
        MPart part = editorPart();
        if (part == null || !(part.getObject() instanceof ItemEditor editor)) {
            problem("Open " + itemId + " in an editor to see the annotation.");
            return;
        }
        if (parts != null) {
            parts.activate(part);
        }
        editor.reveal(new SelectedAnnotation(chosen, a));
        say("Selected " + describe(a) + " in the editor.");
    }

    private ItemEditor editor() {
        MPart p = editorPart();
        return p != null && p.getObject() instanceof ItemEditor e ? e : null;
    }

    // The followed editor when it shows this item; else any open editor of it.
    private MPart editorPart() {
        if (followed != null && isItemEditor(followed) && itemId != null && itemId.equals(itemOf(followed))) {
            return followed;
        }
        if (parts == null || itemId == null) {
            return null;
        }
        Collection<MPart> all = parts.getParts();
        return all.stream().filter(ReviewPart::isItemEditor).filter(p -> itemId.equals(itemOf(p))).findFirst().orElse(null);
    }

    private static boolean isItemEditor(MPart p) {
        if (p == null || p.getObject() == null || !p.isToBeRendered()) {
            return false;
        }
        Object widget = p.getWidget();
        if (widget instanceof Widget w && w.isDisposed()) {
            return false;
        }
        return p.getObject() instanceof ItemEditor || p.getPersistedState().containsKey(EditorProvider.ITEM_ID);
    }

    private static String itemOf(MPart p) {
        return p.getObject() instanceof ItemEditor e ? e.itemId() : p.getPersistedState().get(EditorProvider.ITEM_ID);
    }
}
