package dev.vellum.guidelines.ui.parts;

import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.views.SessionFollower;
import dev.vellum.guidelines.GuidelineDiff;
import dev.vellum.guidelines.GuidelineDraft;
import dev.vellum.guidelines.GuidelineVersion;
import dev.vellum.guidelines.Guidelines;
import dev.vellum.guidelines.ui.internal.GuidelinesEvents;
import dev.vellum.guidelines.ui.internal.Problems;
import dev.vellum.guidelines.ui.internal.ProjectImages;
import dev.vellum.guidelines.ui.internal.PublishDialog;
import dev.vellum.guidelines.ui.internal.RequeueDialog;
import dev.vellum.guidelines.ui.internal.TextUndo;
import dev.vellum.guidelines.ui.internal.Widgets;
import dev.vellum.guidelines.ui.internal.Workbench;
import dev.vellum.core.ui.widgets.MarkdownViewer;
import dev.vellum.core.ui.widgets.MarkdownViewer.HeadingRef;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

/**
 * The project's guidelines: any published version or the draft, rendered from Markdown with an
 * outline of its sections; and the draft's editor, Markdown source beside a live preview, with
 * saving and publishing.
 */
public final class GuidelinesPart {
    /**
     * The workbench's commands this view handles itself while the draft is edited, so that their
     * keys, menu items and buttons act on the draft's text (Ctrl+S saves the draft, Ctrl+Z undoes
     * typing) instead of on the project's annotations.
     */
    public static final String SAVE_COMMAND = "dev.vellum.app.command.save";
    public static final String UNDO_COMMAND = "dev.vellum.app.command.undo";
    public static final String REDO_COMMAND = "dev.vellum.app.command.redo";
    private static final int PREVIEW_DELAY_MS = 300;

    private final EHandlerService handlers;
    private final Object saveHandler = new DraftHandler(this::saveDraft, () -> this.editing);
    private final Object undoHandler = new DraftHandler(this::undoTyping, () -> this.editing && this.undo.canUndo());
    private final Object redoHandler = new DraftHandler(this::redoTyping, () -> this.editing && this.undo.canRedo());
    private final IEventBroker broker;
    private final EPartService parts;
    private final SessionFollower follower = new SessionFollower(() -> this.root, SessionFollower::settingsChanged, this::reload);

    private ProjectSession session;
    private List<GuidelineVersion> versions = List.of();
    private GuidelineDraft draft;
    private final List<String> refs = new ArrayList<>();
    private String shownRef;
    private boolean editing;
    private boolean dirty;
    private String problem;

    private Composite root;
    private Combo versionCombo;
    private Label info;
    private Button compareButton;
    private Button editButton;
    private Button saveButton;
    private Button publishButton;
    /** The stored draft text the editor started from (or last saved): what a save may replace. */
    private String editedFrom;
    private Button closeButton;
    private StackLayout pages;
    private SashForm readPage;
    private SashForm editPage;
    private Composite messagePage;
    private Label message;
    private Tree outline;
    private MarkdownViewer viewer;
    private StyledText source;
    private TextUndo undo;
    private MarkdownViewer preview;
    private int previewGeneration;
    private boolean settingSource;

    /** What is versioned with the guidelines (the quality bundle's rules), frozen on publish. */
    @Inject
    @Optional
    @org.eclipse.e4.core.di.extensions.Service
    java.util.List<dev.vellum.guidelines.PublishParticipant> participants;

    @Inject
    public GuidelinesPart(@Optional EHandlerService handlers, @Optional IEventBroker broker, @Optional EPartService parts) {
        this.handlers = handlers;
        this.broker = broker;
        this.parts = parts;
    }

    @PostConstruct
    void create(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        root.setLayout(Widgets.tight(1, false));
        createBar();
        Label line = new Label(root, SWT.SEPARATOR | SWT.HORIZONTAL);
        line.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Composite body = new Composite(root, SWT.NONE);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        pages = new StackLayout();
        body.setLayout(pages);
        createReadPage(body);
        createEditPage(body);
        messagePage = new Composite(body, SWT.NONE);
        GridLayout ml = new GridLayout(1, false);
        ml.marginWidth = 16;
        ml.marginHeight = 16;
        messagePage.setLayout(ml);
        message = Widgets.id(new Label(messagePage, SWT.WRAP), "guidelines.message");
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        reload();
    }

    private void createBar() {
        Composite bar = new Composite(root, SWT.NONE);
        bar.setLayout(Widgets.bar(8));
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Label l = new Label(bar, SWT.NONE);
        l.setText("&Version:");
        versionCombo = Widgets.id(new Combo(bar, SWT.READ_ONLY), "guidelines.version");
        GridData cd = new GridData(SWT.LEFT, SWT.CENTER, false, false);
        cd.widthHint = 150;
        versionCombo.setLayoutData(cd);
        versionCombo.addListener(SWT.Selection, e -> {
            int i = versionCombo.getSelectionIndex();
            if (i >= 0 && i < refs.size()) {
                show(refs.get(i));
            }
        });
        info = Widgets.id(new Label(bar, SWT.NONE), "guidelines.info");
        info.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        compareButton = Widgets.button(bar, "&Compare\u2026", "Compare this version with the one before it", this::compare);
        editButton = Widgets.button(bar, "&Edit Draft", "Edit the draft of the next version (Markdown, with a live preview)", this::startEditing);
        saveButton = Widgets.button(bar, "&Save Draft", "Save the draft (Ctrl+S)", this::saveDraft);
        publishButton = Widgets.button(bar, "&Publish\u2026", "Publish the draft as the next version, with a change note", this::publish);
        closeButton = Widgets.button(bar, "C&lose Editor", "Stop editing the draft", () -> stopEditing(true));
        Widgets.id(editButton, "guidelines.edit");
        Widgets.id(saveButton, "guidelines.save");
        Widgets.id(publishButton, "guidelines.publish");
    }

    private void createReadPage(Composite body) {
        readPage = new SashForm(body, SWT.HORIZONTAL | SWT.SMOOTH);
        outline = Widgets.id(new Tree(readPage, SWT.SINGLE | SWT.FULL_SELECTION), "guidelines.outline");
        outline.setToolTipText("Sections: select one to jump to it");
        outline.addListener(SWT.Selection, e -> {
            if (e.item != null && e.item.getData() instanceof HeadingRef h) {
                viewer.reveal(h);
            }
        });
        outline.addListener(SWT.DefaultSelection, e -> viewer.getControl().setFocus());
        viewer = new MarkdownViewer(readPage, SWT.NONE);
        Widgets.id(viewer.getControl(), "guidelines.text");
        readPage.setWeights(22, 78);
        // The outline keeps a readable width, and gives way to the text in a narrow view.
        readPage.addListener(SWT.Resize, e -> {
            int width = readPage.getClientArea().width;
            if (width <= 0) {
                return;
            }
            readPage.setMaximizedControl(width < 520 ? viewer.getControl() : null);
            int outlineWidth = Math.max(170, Math.min(300, width / 4));
            readPage.setWeights(outlineWidth, Math.max(1, width - outlineWidth));
        });
    }

    private void createEditPage(Composite body) {
        editPage = new SashForm(body, SWT.HORIZONTAL | SWT.SMOOTH);
        Composite left = new Composite(editPage, SWT.NONE);
        left.setLayout(Widgets.tight(1, false));
        caption(left, "Markdown");
        source = Widgets.id(new StyledText(left, SWT.MULTI | SWT.WRAP | SWT.V_SCROLL), "guidelines.source");
        source.setFont(JFaceResources.getTextFont());
        source.setMargins(10, 8, 10, 8);
        source.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        undo = new TextUndo(source);
        source.addListener(SWT.Modify, e -> sourceChanged());
        source.addListener(SWT.KeyDown, e -> {
            // Also without the workbench's key binding (tests, an application without a Save command).
            if ((e.stateMask & SWT.MOD1) != 0 && (e.keyCode == 's' || e.keyCode == 'S') && (e.stateMask & SWT.SHIFT) == 0) {
                saveDraft();
                e.doit = false;
            }
        });
        source.addCaretListener(e -> preview.revealSourceLine(source.getLineAtOffset(e.caretOffset)));
        Composite right = new Composite(editPage, SWT.NONE);
        right.setLayout(Widgets.tight(1, false));
        caption(right, "Preview");
        preview = new MarkdownViewer(right, SWT.NONE);
        Widgets.id(preview.getControl(), "guidelines.preview");
        preview.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        editPage.setWeights(50, 50);
    }

    private void caption(Composite parent, String text) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text);
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.horizontalIndent = 10;
        gd.verticalIndent = 4;
        l.setLayoutData(gd);
        l.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
    }

    @Focus
    void focus() {
        if (pages.topControl == editPage) {
            source.setFocus();
        } else if (pages.topControl == readPage) {
            viewer.getControl().setFocus();
        } else {
            versionCombo.setFocus();
        }
    }

    /** Follows the open project: shows the new one's guidelines; an unsaved draft of the old one is asked about first. */
    @Inject
    void setSession(@Optional ProjectSession newSession) {
        if (newSession == session) {
            return;
        }
        if (editing && dirty && root != null && !root.isDisposed() && session != null) {
            // The project is already switched: keep the text where the user can still copy it.
            ProjectSession old = session;
            if (MessageDialog.openQuestion(root.getShell(), "Unsaved Guideline Draft",
                    "The guideline draft of '" + old.project().name() + "' has unsaved changes. Save them?")) {
                try {
                    new Guidelines(old.stored()).saveDraft(source.getText(), editedFrom, old.user());
                } catch (StoreException | RuntimeException e) {
                    Problems.show(root.getShell(), "Cannot Save the Draft", e);
                }
            }
        }
        follower.follow(newSession);
        session = newSession;
        editing = false;
        dirty = false;
        shownRef = null;
        if (root != null && !root.isDisposed()) {
            deactivateDraftHandlers();
            reload();
        }
    }

    @PreDestroy
    void dispose() {
        follower.dispose();
        if (editing) {
            deactivateDraftHandlers();
        }
    }

    @Inject
    @Optional
    void guidelinesChanged(@UIEventTopic(GuidelinesEvents.CHANGED) Object what) {
        if (root != null && !root.isDisposed()) {
            reload();
        }
    }


    /** Reads versions and the draft again and shows what was shown (the current version at first). */
    public void reload() {
        versions = List.of();
        draft = null;
        problem = null;
        if (session == null) {
            showMessage("No project is open. Open a project to see its annotation guidelines.");
            updateBar();
            return;
        }
        Guidelines g = guidelines();
        try {
            versions = g.versions();
            draft = g.draft();
        } catch (StoreException | RuntimeException e) {
            Problems.log(e);
            problem = Problems.message(e);
            showMessage("The guidelines cannot be read: " + problem);
            updateBar();
            return;
        }
        refs.clear();
        versionCombo.removeAll();
        refs.add(Guidelines.DRAFT);
        versionCombo.add("Draft");
        int current = g.current();
        for (int i = versions.size() - 1; i >= 0; i--) {
            GuidelineVersion v = versions.get(i);
            refs.add(Integer.toString(v.number()));
            versionCombo.add("v" + v.number() + (v.number() == current ? "  (current)" : ""));
        }
        String ref = shownRef;
        if (ref == null || !refs.contains(ref)) {
            ref = current > 0 && refs.contains(Integer.toString(current)) ? Integer.toString(current)
                    : versions.isEmpty() ? Guidelines.DRAFT : Integer.toString(versions.get(versions.size() - 1).number());
        }
        if (editing) {
            shownRef = Guidelines.DRAFT;
            versionCombo.select(0);
            updateBar();
            return;
        }
        show(ref);
    }

    private Guidelines guidelines() {
        return new Guidelines(session.stored(), participants);
    }

    /** Shows a version ({@code "3"}) or the draft ({@code "draft"}). */
    public void show(String ref) {
        if (session == null || problem != null) {
            return;
        }
        if (editing && !Guidelines.DRAFT.equals(ref)) {
            if (!stopEditing(true)) {
                versionCombo.select(0);
                return;
            }
        }
        shownRef = ref;
        int index = refs.indexOf(ref);
        if (index >= 0 && versionCombo.getSelectionIndex() != index) {
            versionCombo.select(index);
        }
        String markdown;
        try {
            markdown = Guidelines.DRAFT.equals(ref) ? draft.markdown() : guidelines().text(ref);
        } catch (StoreException | RuntimeException e) {
            Problems.log(e);
            showMessage("Version " + ref + " cannot be read: " + Problems.message(e));
            return;
        }
        viewer.setImageSource(new ProjectImages(session.stored()));
        if (markdown.isBlank()) {
            viewer.setMarkdown(versions.isEmpty()
                    ? "*No guidelines yet.*\n\nUse **Edit Draft** to write the first version, then **Publish** it."
                    : "*The draft is empty.*");
        } else {
            viewer.setMarkdown(markdown);
        }
        fillOutline();
        pages.topControl = editing ? editPage : readPage;
        readPage.getParent().layout(true, true);
        updateBar();
    }

    private void fillOutline() {
        outline.setRedraw(false);
        try {
            outline.removeAll();
            List<TreeItem> stack = new ArrayList<>();
            List<Integer> levels = new ArrayList<>();
            for (HeadingRef h : viewer.headings()) {
                while (!levels.isEmpty() && levels.get(levels.size() - 1) >= h.level()) {
                    levels.remove(levels.size() - 1);
                    stack.remove(stack.size() - 1);
                }
                TreeItem item = stack.isEmpty() ? new TreeItem(outline, SWT.NONE) : new TreeItem(stack.get(stack.size() - 1), SWT.NONE);
                item.setText(h.text());
                item.setData(h);
                stack.add(item);
                levels.add(h.level());
            }
            for (TreeItem top : outline.getItems()) {
                expand(top);
            }
        } finally {
            outline.setRedraw(true);
        }
    }

    private static void expand(TreeItem item) {
        item.setExpanded(true);
        for (TreeItem child : item.getItems()) {
            expand(child);
        }
    }

    private void showMessage(String text) {
        message.setText(text);
        pages.topControl = messagePage;
        messagePage.getParent().layout(true, true);
    }

    private void updateBar() {
        boolean open = session != null && problem == null;
        versionCombo.setEnabled(open && !editing);
        boolean isDraft = Guidelines.DRAFT.equals(shownRef);
        String text = "";
        if (open && shownRef != null) {
            if (isDraft && draft != null) {
                String base = draft.basedOn() == 0 ? "no published version" : "v" + draft.basedOn();
                String edited = draft.edited() == null ? "not edited since " + base
                        : "edited " + Widgets.time(draft.edited()) + (draft.editedBy().isEmpty() ? "" : " by " + draft.editedBy());
                text = (editing && dirty ? "\u25cf Unsaved changes  \u00b7  " : "") + "Draft based on " + base + "  \u00b7  " + edited;
            } else {
                GuidelineVersion v = versions.stream().filter(x -> Integer.toString(x.number()).equals(shownRef)).findFirst().orElse(null);
                if (v != null) {
                    text = (v.note().isEmpty() ? "" : "\u201c" + firstLine(v.note()) + "\u201d  \u00b7  ") + Widgets.time(v.published())
                            + (v.author().isEmpty() ? "" : "  \u00b7  " + v.author());
                }
            }
        }
        Widgets.ellipsize(info, text);
        visible(compareButton, open && !editing);
        compareButton.setEnabled(open && (versions.size() > 1 || isDraft && !versions.isEmpty() || !isDraft && !versions.isEmpty()));
        visible(editButton, open && !editing);
        visible(saveButton, open && editing);
        saveButton.setEnabled(dirty);
        visible(publishButton, open && editing);
        visible(closeButton, open && editing);
        info.getParent().layout(true, true);
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 90 ? line.substring(0, 90) + "\u2026" : line;
    }

    private static void visible(Button b, boolean visible) {
        b.setVisible(visible);
        ((GridData) b.getLayoutData()).exclude = !visible;
    }

    /** Opens the diff of the version shown against the one before it (the draft against the current version). */
    private void compare() {
        if (shownRef == null) {
            return;
        }
        String from;
        String to = shownRef;
        if (Guidelines.DRAFT.equals(shownRef)) {
            from = versions.isEmpty() ? null : Integer.toString(versions.get(versions.size() - 1).number());
        } else {
            int n = Integer.parseInt(shownRef);
            from = versions.stream().filter(v -> v.number() < n).reduce((a, b) -> b).map(v -> Integer.toString(v.number())).orElse(null);
            if (from == null) {
                from = to;
                to = Guidelines.DRAFT;
            }
        }
        if (from == null) {
            return;
        }
        GuidelineDiffPart diff = Workbench.show(parts, Workbench.DIFF, GuidelineDiffPart.class, true);
        if (diff != null) {
            diff.compare(from, to);
        }
    }

    // ---- the draft editor ----

    /** Whether the draft's editor is shown. */
    public boolean isEditing() {
        return editing;
    }

    /** Whether the draft editor holds changes not saved yet. */
    public boolean isDirty() {
        return dirty;
    }

    /** Shows the draft's editor. */
    public void startEditing() {
        if (session == null || problem != null || editing) {
            return;
        }
        try {
            draft = guidelines().draft();
        } catch (StoreException | RuntimeException e) {
            Problems.show(root.getShell(), "Cannot Edit the Draft", e);
            return;
        }
        editing = true;
        shownRef = Guidelines.DRAFT;
        versionCombo.select(0);
        settingSource = true;
        try {
            source.setText(draft.markdown());
        } finally {
            settingSource = false;
        }
        editedFrom = draft.markdown();
        undo.clear();
        dirty = false;
        preview.setImageSource(new ProjectImages(session.stored()));
        preview.setMarkdown(draft.markdown());
        pages.topControl = editPage;
        editPage.getParent().layout(true, true);
        if (handlers != null) {
            handlers.activateHandler(SAVE_COMMAND, saveHandler);
            handlers.activateHandler(UNDO_COMMAND, undoHandler);
            handlers.activateHandler(REDO_COMMAND, redoHandler);
        }
        updateBar();
        source.setFocus();
    }

    /** The draft's source editor. */
    public StyledText source() {
        return source;
    }

    /** The rendered guideline being read. */
    public MarkdownViewer viewer() {
        return viewer;
    }

    /** The live preview of the draft being edited. */
    public MarkdownViewer preview() {
        return preview;
    }

    /** The ref shown: a version number or {@code draft}. */
    public String shownRef() {
        return shownRef;
    }

    /** Undoes typing in the draft editor. */
    public void undoTyping() {
        undo.undo();
    }

    /** Redoes typing in the draft editor. */
    public void redoTyping() {
        undo.redo();
    }

    private void sourceChanged() {
        if (settingSource) {
            return;
        }
        if (!dirty) {
            dirty = true;
            updateBar();
        }
        int generation = ++previewGeneration;
        source.getDisplay().timerExec(PREVIEW_DELAY_MS, () -> {
            if (generation == previewGeneration && !source.isDisposed()) {
                preview.setMarkdown(source.getText());
                preview.revealSourceLine(source.getLineAtOffset(source.getCaretOffset()));
            }
        });
    }

    /** Shows the preview of the source as it is now, without waiting for typing to pause. */
    public void refreshPreview() {
        previewGeneration++;
        preview.setMarkdown(source.getText());
    }

    /**
     * Saves the draft being edited.
     *
     * @return whether it was saved (or there was nothing to save)
     */
    public boolean saveDraft() {
        if (!editing || session == null) {
            return true;
        }
        if (!dirty) {
            return true;
        }
        try {
            draft = guidelines().saveDraft(source.getText(), editedFrom, session.user());
            editedFrom = draft.markdown();
        } catch (StoreException | RuntimeException e) {
            Problems.show(root.getShell(), "Cannot Save the Draft", e);
            return false;
        }
        dirty = false;
        updateBar();
        GuidelinesEvents.changed(broker, "draft saved");
        return true;
    }

    /** Asks for a change note and publishes the draft (saved first) as the next version. */
    public void publish() {
        if (!editing || session == null || !saveDraft()) {
            return;
        }
        Guidelines g = guidelines();
        int current = g.current();
        String summary;
        try {
            GuidelineDiff diff = g.diff(current == 0 ? Guidelines.DRAFT : Integer.toString(current), Guidelines.DRAFT);
            if (current > 0 && diff.isEmpty()) {
                MessageDialog.openInformation(root.getShell(), "Nothing to Publish",
                        "The draft is the same as version " + current + ". Change it before publishing.");
                return;
            }
            long changed = diff.rows().stream().filter(r -> r.kind() != GuidelineDiff.Kind.SAME).count();
            summary = current == 0 ? "This is the first version of the guidelines."
                    : Widgets.count(changed, "line differs", "lines differ") + " from version " + current
                            + (diff.sectionsTouched().isEmpty() ? "." : ", in: " + String.join(", ", diff.sectionsTouched()) + ".");
        } catch (StoreException | RuntimeException e) {
            Problems.show(root.getShell(), "Cannot Publish", e);
            return;
        }
        PublishDialog dialog = new PublishDialog(root.getShell(), current + 1, summary);
        if (dialog.open() != PublishDialog.OK) {
            return;
        }
        GuidelineVersion published;
        try {
            published = g.publish(dialog.note(), session.user());
        } catch (StoreException | RuntimeException e) {
            Problems.show(root.getShell(), "Cannot Publish", e);
            return;
        }
        editing = false;
        dirty = false;
        deactivateDraftHandlers();
        shownRef = Integer.toString(published.number());
        session.projectSettingsChanged();
        reload();
        GuidelinesEvents.changed(broker, "published v" + published.number());
        offerRequeue();
    }

    /** After publishing: offers to send back the work whose labels the guidelines changed, if any. */
    private void offerRequeue() {
        try {
            if (!RequeueDialog.worthAsking(guidelines())) {
                return;
            }
        } catch (StoreException | RuntimeException e) {
            Problems.log(e);
            return;
        }
        RequeueDialog d = new RequeueDialog(root.getShell(), session);
        if (d.open() == RequeueDialog.OK) {
            GuidelinesEvents.changed(broker, "re-queued " + d.requeued());
        }
    }

    /**
     * Leaves the draft editor, asking what to do with unsaved changes when {@code ask}.
     *
     * @return false when the user chose to stay
     */
    public boolean stopEditing(boolean ask) {
        if (!editing) {
            return true;
        }
        if (dirty && ask) {
            MessageDialog d = new MessageDialog(root.getShell(), "Unsaved Guideline Draft", null,
                    "Save the changes to the guideline draft?", MessageDialog.QUESTION, 0, "&Save", "Do&n't Save", "Cancel");
            int answer = d.open();
            if (answer == 2 || answer < 0) {
                return false;
            }
            if (answer == 0 && !saveDraft()) {
                return false;
            }
        }
        editing = false;
        dirty = false;
        deactivateDraftHandlers();
        reload();
        return true;
    }

    private void deactivateDraftHandlers() {
        if (handlers != null) {
            handlers.deactivateHandler(SAVE_COMMAND, saveHandler);
            handlers.deactivateHandler(UNDO_COMMAND, undoHandler);
            handlers.deactivateHandler(REDO_COMMAND, redoHandler);
        }
    }

    /** A handler of a workbench command, active in this view while the draft is edited. */
    public static final class DraftHandler {
        private final Runnable action;
        private final java.util.function.BooleanSupplier enabled;

        DraftHandler(Runnable action, java.util.function.BooleanSupplier enabled) {
            this.action = action;
            this.enabled = enabled;
        }

        @org.eclipse.e4.core.di.annotations.CanExecute
        public boolean canExecute() {
            return enabled.getAsBoolean();
        }

        @org.eclipse.e4.core.di.annotations.Execute
        public void execute() {
            action.run();
        }
    }

    /**
     * Shows where the guidelines speak of {@code label}: the first section whose heading names it,
     * else the first mention in the text, selected.
     *
     * @return whether the label was found
     */
    public boolean showLabel(String label) {
        if (editing || label == null || label.isBlank()) {
            return false;
        }
        if (!Objects.equals(shownRef, current())) {
            String current = current();
            if (current != null) {
                show(current);
            }
        }
        java.util.Optional<HeadingRef> heading = viewer.headingMentioning(label);
        if (heading.isPresent()) {
            viewer.reveal(heading.get());
            selectOutline(heading.get());
            return true;
        }
        String text = viewer.getControl().getText().toLowerCase(Locale.ROOT);
        int at = text.indexOf(label.toLowerCase(Locale.ROOT));
        if (at >= 0) {
            viewer.showRange(at, at + label.length());
            return true;
        }
        return false;
    }

    private String current() {
        if (session == null) {
            return null;
        }
        int c = guidelines().current();
        return c > 0 ? Integer.toString(c) : versions.isEmpty() ? Guidelines.DRAFT : Integer.toString(versions.get(versions.size() - 1).number());
    }

    private void selectOutline(HeadingRef h) {
        TreeItem found = find(outline.getItems(), h);
        if (found != null) {
            outline.setSelection(found);
        }
    }

    private static TreeItem find(TreeItem[] items, HeadingRef h) {
        for (TreeItem i : items) {
            if (h.equals(i.getData())) {
                return i;
            }
            TreeItem in = find(i.getItems(), h);
            if (in != null) {
                return in;
            }
        }
        return null;
    }
}
