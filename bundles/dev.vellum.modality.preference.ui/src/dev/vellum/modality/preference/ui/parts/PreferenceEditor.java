package dev.vellum.modality.preference.ui.parts;

import dev.vellum.core.edit.AddAnnotation;
import dev.vellum.core.edit.EditCommand;
import dev.vellum.core.edit.RemoveAnnotation;
import dev.vellum.core.edit.ReplaceAnnotation;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Ids;
import dev.vellum.core.model.Item;
import dev.vellum.core.session.ProjectChange;
import dev.vellum.core.session.ProjectListener;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.editors.EditorPages;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.core.ui.editors.EditorStatus;
import dev.vellum.core.ui.editors.ItemEditor;
import dev.vellum.core.ui.editors.SessionEdits;
import dev.vellum.modality.preference.Comparisons;
import dev.vellum.modality.preference.PreferenceModality;
import dev.vellum.modality.preference.model.Blinding;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Flag;
import dev.vellum.modality.preference.model.FlagKind;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.PayloadException;
import dev.vellum.modality.preference.model.PreferenceMode;
import dev.vellum.modality.preference.model.PreferenceSettings;
import dev.vellum.modality.preference.model.Ranking;
import dev.vellum.modality.preference.model.Rationale;
import dev.vellum.modality.preference.model.RubricDimension;
import dev.vellum.modality.preference.model.Rubric;
import dev.vellum.modality.preference.ui.internal.ItemSequence;
import dev.vellum.modality.preference.ui.viewers.ComparisonView;
import dev.vellum.modality.preference.ui.viewers.ResponsePane;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.core.runtime.ILog;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.Persist;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.EMenuService;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DragSource;
import org.eclipse.swt.dnd.DragSourceAdapter;
import org.eclipse.swt.dnd.DragSourceEvent;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * The editor of preference items: the context and the responses in the annotator's blind order
 * ("Response A", "Response B"... by position; ids, model names and metadata never shown), and beside
 * them the judgements the project asks for ({@link PreferenceSettings}): a pairwise choice on a
 * Likert scale with tie and "both bad", a ranking (keys or drag), rubric scores per dimension with
 * their anchors, flags (optionally on a selected passage) and a rationale.
 * <p>
 * Keys: 1 / 2 choose Response A / B, = tie, 0 both bad; Left/Right move on the scale, Up/Down make
 * the choice stronger/weaker; with a ranking, a digit ranks the focused response; U, F, R flag it
 * (the selected passage, if any); Enter goes to the next comparison, Shift+Enter to the previous one.
 * The next comparison is laid out ahead in a hidden page, so Enter only swaps pages.
 * <p>
 * Every change is an undoable, audited edit of the user's own annotation set
 * ({@link ItemEditor#mayEdit}).
 */
public final class PreferenceEditor implements ItemEditor {
    /** Part descriptor id, as contributed by this bundle's model fragment. */
    public static final String PART_DESCRIPTOR = "dev.vellum.modality.preference.ui.partdescriptor.editor";
    private static final String HELP = "1 / 2 choose \u00b7 = tie \u00b7 0 both bad \u00b7 \u2190\u2192 scale \u00b7 \u2191\u2193 strength \u00b7 "
            + "U F R flag \u00b7 Enter next \u00b7 Shift+Enter previous";

    /** A comparison read and ready to show. */
    private record Prepared(String itemId, Item item, Comparison comparison, String problem) {
    }

    private final MPart part;
    private final ProjectSession session;
    private final ESelectionService selectionService;
    private final EMenuService menus;
    private final ProjectListener listener = this::projectChanged;
    private final Listener keyFilter = this::filterKey;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "preference-editor-preload");
        t.setDaemon(true);
        return t;
    });

    private String itemId;
    private Item item;
    private Comparison comparison;
    private List<String> order = List.of();
    private int focused;
    private PreferenceSettings settings = PreferenceSettings.DEFAULT;
    /** Why the project's settings could not be read (then {@link PreferenceSettings#DEFAULT} is used), or null. */
    private String settingsProblem;
    /** A rationale typed before there was a choice or ranking to keep it: written with the first one. */
    private String pendingRationale = "";
    private ItemSequence sequence;
    private Judged judged = Judged.of(List.of());
    private List<SelectedAnnotation> selectedAnnotations = List.of();
    private long lastSwitchNanos;
    private boolean lastSwitchPreloaded;
    private volatile Prepared preloaded;
    private int preloadGeneration;

    private Composite root;
    private EditorPages pages;
    private Composite editorPage;
    private Composite viewHolder;
    private StackLayout viewPages;
    private final ComparisonView[] views = new ComparisonView[2];
    private int current;
    private Button syncCheck;
    private Button diffCheck;
    private ScrolledComposite sideScroll;
    private Composite side;
    private String sideShape = "";
    private EditorStatus statusLine;
    private Label help;
    private Menu menu;

    // side panel widgets (rebuilt when the number of responses or the settings change)
    private Group pairwiseGroup;
    private Button[] scaleButtons = new Button[0];
    private Button bothBadButton;
    private Label pairwiseText;
    private Table rankingTable;
    private final Map<String, Combo> rubricCombos = new LinkedHashMap<>();
    private org.eclipse.swt.widgets.List flagList;
    private List<Annotation> listedFlags = List.of();
    private Label flagTarget;
    private Text rationale;

    @Inject
    public PreferenceEditor(MPart part, @Optional ProjectSession session, @Optional ESelectionService selection, @Optional EMenuService menus) {
        this.part = part;
        this.session = session;
        this.selectionService = selection;
        this.menus = menus;
    }

    @PostConstruct
    void create(Composite parent) {
        itemId = part.getPersistedState().get(EditorProvider.ITEM_ID);
        pages = new EditorPages(parent);
        root = pages.root();
        createEditorPage();
        root.getDisplay().addFilter(SWT.KeyDown, keyFilter);
        if (session == null) {
            showMessage("No project is open.");
            return;
        }
        session.addListener(listener);
        readSettings();
        if (itemId == null) {
            showMessage("The editor was opened without an item.");
            return;
        }
        Prepared p = prepare(itemId);
        if (p.problem() != null) {
            showMessage(p.problem());
            itemId = null;
            return;
        }
        show(p);
    }

    @PreDestroy
    void dispose() {
        loader.shutdownNow();
        if (!root.isDisposed()) {
            root.getDisplay().removeFilter(SWT.KeyDown, keyFilter);
        } else {
            Display.getDefault().removeFilter(SWT.KeyDown, keyFilter);
        }
        SessionEdits.detach(session, listener, item != null ? itemId : null);
    }

    @Focus
    void focus() {
        if (pages.isTop(editorPage) && !view().panes().isEmpty()) {
            view().panes().get(Math.min(focused, view().panes().size() - 1)).viewer().getControl().setFocus();
        } else {
            root.setFocus();
        }
    }

    /** Saves every changed item of the project. */
    @Persist
    void save() {
        if (session == null) {
            return;
        }
        commitRationale();
        SessionEdits.save(session, root.getShell(), PreferenceEditor.class);
    }

    // ---------------------------------------------------------------- widgets

    private static GridLayout tight(int columns) {
        GridLayout l = new GridLayout(columns, false);
        l.marginHeight = 2;
        l.marginWidth = 4;
        return l;
    }

    private void createEditorPage() {
        editorPage = new Composite(root, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 0;
        editorPage.setLayout(layout);

        Composite bar = new Composite(editorPage, SWT.NONE);
        bar.setLayout(tight(3));
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        syncCheck = new Button(bar, SWT.CHECK);
        syncCheck.setText("Scroll in step");
        syncCheck.setToolTipText("Scrolling one response scrolls the others to the same place");
        syncCheck.setSelection(true);
        syncCheck.addListener(SWT.Selection, e -> setSyncScroll(syncCheck.getSelection()));
        diffCheck = new Button(bar, SWT.CHECK);
        diffCheck.setText("Mark differences");
        diffCheck.setToolTipText("Marks the words in which Response A and Response B differ");
        diffCheck.addListener(SWT.Selection, e -> setDiff(diffCheck.getSelection()));
        help = new Label(bar, SWT.NONE);
        help.setText(HELP);
        help.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        SashForm sash = new SashForm(editorPage, SWT.HORIZONTAL | SWT.SMOOTH);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewHolder = new Composite(sash, SWT.NONE);
        viewPages = new StackLayout();
        viewHolder.setLayout(viewPages);
        if (menus != null) {
            menus.registerContextMenu(viewHolder, ItemEditor.POPUP_MENU);
            menu = viewHolder.getMenu();
        }
        for (int i = 0; i < 2; i++) {
            views[i] = new ComparisonView(viewHolder, this::focusResponse);
            views[i].setMenu(menu);
        }
        viewPages.topControl = views[0].control();
        sideScroll = new ScrolledComposite(sash, SWT.V_SCROLL);
        sideScroll.setExpandHorizontal(true);
        sideScroll.setExpandVertical(true);
        side = new Composite(sideScroll, SWT.NONE);
        side.setLayout(new GridLayout(1, false));
        sideScroll.setContent(side);
        sideScroll.addListener(SWT.Resize, e -> fitSide());
        sash.setWeights(74, 26);
        sash.addListener(SWT.Resize, e -> {
            int width = sash.getClientArea().width;
            if (width > 500) {
                int sideWidth = Math.max(290, Math.min(360, width / 4));
                sash.setWeights(width - sideWidth, sideWidth);
            }
        });

        Label status = new Label(editorPage, SWT.NONE);
        GridData sd = new GridData(SWT.FILL, SWT.BOTTOM, true, false);
        sd.horizontalIndent = 6;
        status.setLayoutData(sd);
        status.setText(" ");
        statusLine = new EditorStatus(status);
    }

    private void fitSide() {
        int width = sideScroll.getClientArea().width;
        sideScroll.setMinSize(side.computeSize(width, SWT.DEFAULT));
    }

    /** Builds the judgement controls for the settings and the number of responses shown, when either changed. */
    private void buildSide() {
        boolean pairwise = pairwiseAsked();
        String shape = settings + "|" + order.size() + "|" + pairwise;
        if (shape.equals(sideShape)) {
            return;
        }
        sideShape = shape;
        help.setText(pairwise ? HELP : (settings.enabled(PreferenceMode.RANKING) ? "1-" + order.size() + " rank the focused response \u00b7 " : "")
                + "Tab next response \u00b7 U F R flag \u00b7 Enter next \u00b7 Shift+Enter previous");
        help.getParent().layout(true);
        for (Control c : side.getChildren()) {
            c.dispose();
        }
        rubricCombos.clear();
        scaleButtons = new Button[0];
        pairwiseGroup = null;
        rankingTable = null;
        bothBadButton = null;
        if (pairwise) {
            buildPairwise();
        }
        if (settings.enabled(PreferenceMode.RANKING)) {
            buildRanking();
        }
        if (settings.enabled(PreferenceMode.RUBRIC)) {
            buildRubric();
        }
        buildFlags();
        Group g = group("Rationale");
        rationale = new Text(g, SWT.MULTI | SWT.WRAP | SWT.BORDER | SWT.V_SCROLL);
        GridData rd = new GridData(SWT.FILL, SWT.FILL, true, false);
        rd.heightHint = 64;
        rationale.setLayoutData(rd);
        rationale.setMessage("Why? (optional)");
        rationale.addListener(SWT.FocusOut, e -> commitRationale());
        side.layout(true, true);
        fitSide();
    }

    private Group group(String title) {
        Group g = new Group(side, SWT.NONE);
        g.setText(title);
        g.setLayout(new GridLayout(1, false));
        g.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return g;
    }

    private void buildPairwise() {
        pairwiseGroup = group("Which response is better?");
        int max = scaleMax();
        Composite scale = new Composite(pairwiseGroup, SWT.NONE);
        GridLayout sl = new GridLayout(2 * max + 1, true);
        sl.marginWidth = 0;
        sl.horizontalSpacing = 2;
        scale.setLayout(sl);
        scale.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        scaleButtons = new Button[2 * max + 1];
        for (int p = -max; p <= max; p++) {
            Button b = new Button(scale, SWT.TOGGLE);
            int position = p;
            b.setText(p == 0 ? "=" : (p < 0 ? "A" : "B") + Math.abs(p));
            b.setToolTipText(scaleWords(p));
            b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            b.setEnabled(p != 0 || settings.pairwise().tie());
            b.addListener(SWT.Selection, e -> choose(position));
            scaleButtons[p + max] = b;
        }
        Composite ends = new Composite(pairwiseGroup, SWT.NONE);
        ends.setLayout(tight(3));
        ends.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        new Label(ends, SWT.NONE).setText("\u2190 A better (1)");
        Label mid = new Label(ends, SWT.CENTER);
        mid.setText(settings.pairwise().tie() ? "tie (=)" : "");
        mid.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(ends, SWT.NONE).setText("B better (2) \u2192");
        if (settings.pairwise().bothBad()) {
            bothBadButton = new Button(pairwiseGroup, SWT.TOGGLE);
            bothBadButton.setText("Both bad (0)");
            bothBadButton.addListener(SWT.Selection, e -> chooseBothBad());
        }
        pairwiseText = new Label(pairwiseGroup, SWT.WRAP);
        pairwiseText.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
    }

    private void buildRanking() {
        Group g = group("Ranking (1 best; equal numbers tie)");
        rankingTable = new Table(g, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        rankingTable.setHeaderVisible(true);
        GridData td = new GridData(SWT.FILL, SWT.TOP, true, false);
        td.heightHint = rankingTable.getItemHeight() * (Math.max(2, order.size()) + 2) + rankingTable.getHeaderHeight();
        rankingTable.setLayoutData(td);
        TableColumn rank = new TableColumn(rankingTable, SWT.LEFT);
        rank.setText("Rank");
        rank.setWidth(60);
        TableColumn resp = new TableColumn(rankingTable, SWT.LEFT);
        resp.setText("Response");
        resp.setWidth(160);
        rankingTable.addListener(SWT.Selection, e -> {
            int row = rankingTable.getSelectionIndex();
            if (row >= 0) {
                focusResponse(order.indexOf((String) rankingTable.getItem(row).getData()));
            }
        });
        Label hint = new Label(g, SWT.WRAP);
        hint.setText("Select a response, press its rank (1-" + order.size() + ", 0 clears); Alt+\u2191/\u2193 or drag to move.");
        hint.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        DragSource source = new DragSource(rankingTable, DND.DROP_MOVE);
        source.setTransfer(new Transfer[] {TextTransfer.getInstance()});
        source.addDragListener(new DragSourceAdapter() {
            @Override
            public void dragSetData(DragSourceEvent event) {
                event.data = Integer.toString(rankingTable.getSelectionIndex());
            }
        });
        DropTarget target = new DropTarget(rankingTable, DND.DROP_MOVE);
        target.setTransfer(new Transfer[] {TextTransfer.getInstance()});
        target.addDropListener(new DropTargetAdapter() {
            @Override
            public void drop(DropTargetEvent event) {
                try {
                    int from = Integer.parseInt(String.valueOf(event.data));
                    int to = event.item instanceof TableItem ti ? rankingTable.indexOf(ti) : rankingTable.getItemCount() - 1;
                    moveRow(from, to);
                } catch (NumberFormatException e) {
                    // not a row of this table
                }
            }
        });
    }

    private void buildRubric() {
        Group g = group("Rubric");
        for (RubricDimension d : settings.rubric()) {
            Label name = new Label(g, SWT.WRAP);
            name.setText(d.name() + (d.guideline().isEmpty() ? "" : " \u2014 see \u201c" + d.guideline() + "\u201d"));
            name.setFont(JFaceResources.getBannerFont());
            name.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
            if (!d.anchors().isEmpty()) {
                Label anchors = new Label(g, SWT.WRAP);
                anchors.setText(anchorText(d));
                anchors.setForeground(anchors.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
                GridData ad = new GridData(SWT.FILL, SWT.TOP, true, false);
                ad.widthHint = 240;
                anchors.setLayoutData(ad);
            }
            Composite row = new Composite(g, SWT.NONE);
            row.setLayout(tight(2 * order.size()));
            for (int i = 0; i < order.size(); i++) {
                new Label(row, SWT.NONE).setText(Blinding.label(i));
                Combo c = new Combo(row, SWT.READ_ONLY);
                c.add("\u2014");
                for (int v = d.min(); v <= d.max(); v++) {
                    c.add(Integer.toString(v));
                }
                c.setToolTipText(anchorText(d));
                int position = i;
                c.addListener(SWT.Selection, e -> {
                    int index = c.getSelectionIndex();
                    score(position, d, index <= 0 ? null : d.min() + index - 1);
                });
                rubricCombos.put(d.id() + "\u0000" + i, c);
            }
        }
    }

    private void buildFlags() {
        Group g = group("Flags");
        flagTarget = new Label(g, SWT.WRAP);
        flagTarget.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Composite buttons = new Composite(g, SWT.NONE);
        buttons.setLayout(tight(Math.max(1, settings.flags().size())));
        for (FlagKind k : settings.flags()) {
            String kind = k.id();
            Button b = new Button(buttons, SWT.PUSH);
            char key = flagKey(kind);
            b.setText(k.name() + (key == 0 ? "" : " (" + Character.toUpperCase(key) + ")"));
            b.setToolTipText(k.description().isEmpty() ? "Flag the focused response, or the passage selected in it" : k.description());
            b.addListener(SWT.Selection, e -> flag(kind));
        }
        flagList = new org.eclipse.swt.widgets.List(g, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
        GridData fd = new GridData(SWT.FILL, SWT.TOP, true, false);
        fd.heightHint = 60;
        flagList.setLayoutData(fd);
        flagList.addListener(SWT.Selection, e -> publishSelection());
        Button remove = new Button(g, SWT.PUSH);
        remove.setText("Remove Flag");
        remove.addListener(SWT.Selection, e -> removeSelectedFlag());
    }

    private char flagKey(String kind) {
        return switch (kind) {
            case "unsafe" -> 'u';
            case "factual_error" -> 'f';
            case "refusal" -> 'r';
            default -> 0;
        };
    }

    /** "Response A" for position 0: responses are named by where they are shown, never by id. */
    private static String responseLabel(int position) {
        return "Response " + Blinding.label(position);
    }

    /** The project's name of a flag; flags it does not list (imported ones) get one made from the id. */
    private String flagName(String kind) {
        FlagKind k = settings.flag(kind);
        return (k == null ? new FlagKind(kind) : k).name();
    }

    /** The anchors in score order, "1 = ..., 5 = ...". */
    private static String anchorText(RubricDimension d) {
        StringBuilder b = new StringBuilder();
        d.anchors().forEach((k, v) -> b.append(b.isEmpty() ? "" : "  \u00b7  ").append(k).append(" = ").append(v));
        return b.toString();
    }

    /**
     * The right end of the Likert scale. A project with no strengths ({@code maxStrength} 0) still
     * gets one step each side; the choice is then written with strength 0, as the scale says.
     */
    private int scaleMax() {
        return Math.max(1, settings.pairwise().maxStrength());
    }

    /** Reads the project's settings; on a bad setting says so on the status line and uses the defaults. */
    private void readSettings() {
        try {
            settings = PreferenceSettings.of(session.project());
            settingsProblem = null;
        } catch (IllegalArgumentException e) {
            settings = PreferenceSettings.DEFAULT;
            settingsProblem = e.getMessage() + "; the defaults are used";
        }
    }

    private String scaleWords(int p) {
        if (p == 0) {
            return "Tie: about as good";
        }
        String which = p < 0 ? "Response A" : "Response B";
        int s = Math.abs(p);
        int max = settings.pairwise().maxStrength();
        return max == 0 ? which + " better" : which + " " + settings.pairwise().label(s) + " (strength " + s + " of " + max + ")";
    }

    // ---------------------------------------------------------------- loading and browsing

    private void showMessage(String text) {
        pages.showMessage(text);
    }

    /** Reads an item and its comparison; safe on any thread (the session is synchronized). */
    private Prepared prepare(String id) {
        try {
            Item it = session.load(id);
            if (it.assets().isEmpty()) {
                return new Prepared(id, it, null, "Item '" + id + "' has no comparison.");
            }
            return new Prepared(id, it, Comparisons.load(session.stored(), it), null);
        } catch (StoreException e) {
            return new Prepared(id, null, null, e.getMessage());
        } catch (RuntimeException e) {
            ILog.of(PreferenceEditor.class).error("item '" + id + "': " + e.getMessage(), e);
            return new Prepared(id, null, null, "item '" + id + "': " + e.getMessage());
        }
    }

    /** The comparison shown (the other view holds the next item, laid out ahead). */
    public ComparisonView view() {
        return views[current];
    }

    private ComparisonView hidden() {
        return views[1 - current];
    }

    private List<Annotation> own(Item it) {
        return it == null ? List.of() : it.set(session.user()).map(AnnotationSet::annotations).orElse(List.of());
    }

    private List<String> orderFor(Item it, Comparison c) {
        return Blinding.order(it.id(), session.user(), c.ids(), Judged.of(own(it)).recordedOrder(c.ids()), settings.blind());
    }

    /** Shows a prepared comparison: in the hidden page when it is laid out there already, else laid out now. */
    private void show(Prepared p) {
        long t0 = System.nanoTime();
        String previous = item == null ? null : itemId;
        try {
            session.retain(p.itemId());
        } catch (StoreException e) {
            problem(e.getMessage());
            return;
        }
        if (previous != null) {
            session.release(previous);
        }
        item = session.item(p.itemId());
        itemId = p.itemId();
        comparison = p.comparison();
        pendingRationale = "";
        order = orderFor(item, comparison);
        focused = 0;
        part.getPersistedState().put(EditorProvider.ITEM_ID, itemId);
        part.setLabel(itemId);
        pages.raise(editorPage);
        ComparisonView target = hidden();
        lastSwitchPreloaded = itemId.equals(target.itemId()) && order.equals(shownOrder(target));
        if (!lastSwitchPreloaded && !itemId.equals(view().itemId())) {
            if (editorPage.getBounds().width == 0) {
                root.layout(true, true);
            }
            target.show(itemId, comparison, order);
        }
        if (lastSwitchPreloaded || !itemId.equals(view().itemId())) {
            current = 1 - current;
            viewPages.topControl = view().control();
            viewHolder.layout();
        } else if (!order.equals(shownOrder(view()))) {
            view().show(itemId, comparison, order);
        }
        view().setSyncScroll(syncCheck.getSelection());
        view().setDiff(diffCheck.getSelection());
        buildSide();
        editorPage.layout(true, false);
        refresh();
        focus();
        root.update();
        lastSwitchNanos = System.nanoTime() - t0;
        preloadNext();
    }

    private static List<String> shownOrder(ComparisonView v) {
        return v.panes().stream().map(ResponsePane::responseId).toList();
    }

    /** Lays the next comparison out in the hidden page while the annotator reads this one. */
    private void preloadNext() {
        String next = sequence().next(itemId);
        int generation = ++preloadGeneration;
        if (next == null || next.equals(hidden().itemId())) {
            return;
        }
        Display display = root.getDisplay();
        loader.execute(() -> {
            Prepared p = prepare(next);
            display.asyncExec(() -> {
                if (root.isDisposed() || generation != preloadGeneration || p.problem() != null) {
                    return;
                }
                preloaded = p;
                hidden().show(p.itemId(), p.comparison(), orderFor(p.item(), p.comparison()));
                hidden().setSyncScroll(syncCheck.getSelection());
                hidden().setDiff(diffCheck.getSelection());
            });
        });
    }

    private ItemSequence sequence() {
        if (sequence == null || !sequence.fits(session.project())) {
            sequence = new ItemSequence(session.project(), PreferenceModality.ID);
        }
        return sequence;
    }

    /** Goes to the next comparison of the project (Enter); says so when this is the last one. */
    public void next() {
        go(sequence().next(itemId), "This is the last comparison.");
    }

    /** Goes to the previous comparison (Shift+Enter). */
    public void previous() {
        go(sequence().previous(itemId), "This is the first comparison.");
    }

    private void go(String id, String none) {
        if (itemId == null) {
            return;
        }
        commitRationale();
        if (id == null) {
            status(none);
            return;
        }
        Prepared p = preloaded != null && preloaded.itemId().equals(id) ? preloaded : prepare(id);
        preloaded = null;
        if (p.problem() != null) {
            problem(p.problem());
            return;
        }
        show(p);
    }

    // ---------------------------------------------------------------- refresh

    private void projectChanged(ProjectChange change) {
        SessionEdits.refreshOn(change, itemId, root, this::refresh);
    }

    /** Brings the judgement controls, the response notes and the status line in step with the user's set. */
    public void refresh() {
        if (root.isDisposed() || item == null || session == null) {
            return;
        }
        try {
            item = session.item(itemId);
        } catch (IllegalArgumentException e) {
            // released elsewhere: keep the last state
        }
        judged = Judged.of(own(item));
        String[] notes = new String[order.size()];
        java.util.Arrays.fill(notes, "");
        int p = pairwisePosition();
        if (scaleButtons.length > 0) {
            int max = scaleMax();
            for (int i = 0; i < scaleButtons.length; i++) {
                scaleButtons[i].setSelection(judged.pairwise() != null && !bothBad() && i - max == p);
            }
            if (bothBadButton != null) {
                bothBadButton.setSelection(bothBad());
            }
            pairwiseText.setText(judged.pairwise() == null ? "Not chosen yet." : bothBad() ? "Both responses are bad." : scaleWords(p) + ".");
            if (judged.pairwise() != null && order.size() >= 2) {
                if (bothBad()) {
                    notes[0] = notes[1] = "bad";
                } else if (p == 0) {
                    notes[0] = notes[1] = "tie";
                } else {
                    notes[p < 0 ? 0 : 1] = "\u2713 better (" + Math.abs(p) + ")";
                }
            }
        }
        Map<String, Integer> ranks = ranks();
        if (rankingTable != null) {
            List<String> rows = rankedRows(ranks);
            rankingTable.setItemCount(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                TableItem ti = rankingTable.getItem(i);
                Integer r = ranks.get(rows.get(i));
                ti.setText(new String[] {r == null ? "\u2014" : r.toString(), responseLabel(order.indexOf(rows.get(i)))});
                ti.setData(rows.get(i));
            }
            for (int i = 0; i < order.size(); i++) {
                Integer r = ranks.get(order.get(i));
                if (r != null) {
                    notes[i] = (notes[i].isEmpty() ? "" : notes[i] + " \u00b7 ") + "rank " + r;
                }
            }
        }
        for (RubricDimension d : settings.rubric()) {
            for (int i = 0; i < order.size(); i++) {
                Combo c = rubricCombos.get(d.id() + "\u0000" + i);
                if (c != null) {
                    Annotation a = judged.rubrics().get(order.get(i));
                    Integer v = a == null ? null : Rubric.fromPayload(a.payload()).scores().get(d.id());
                    c.select(v == null || v < d.min() || v > d.max() ? 0 : v - d.min() + 1);
                }
            }
        }
        listedFlags = judged.flags();
        List<Flag> flags = new ArrayList<>();
        String[] flagRows = new String[listedFlags.size()];
        for (int i = 0; i < listedFlags.size(); i++) {
            Flag f = Flag.fromPayload(listedFlags.get(i).payload());
            flags.add(f);
            int position = order.indexOf(f.response());
            String text = spanText(f);
            String quote = text.length() > 40 ? text.substring(0, 38) + "\u2026" : text;
            flagRows[i] = (position < 0 ? "?" : Blinding.label(position)) + " \u00b7 " + flagName(f.flag())
                    + (f.hasSpan() ? " \u00b7 \u201c" + quote.replace('\n', ' ') + "\u201d" : "");
            if (position >= 0) {
                notes[position] = (notes[position].isEmpty() ? "" : notes[position] + " \u00b7 ") + "\u2691 " + flagName(f.flag());
            }
        }
        if (flagList != null) {
            int selected = flagList.getSelectionIndex();
            flagList.setItems(flagRows);
            if (selected >= 0 && selected < flagRows.length) {
                flagList.select(selected);
            }
        }
        if (rationale != null && !rationale.isFocusControl()) {
            Annotation target = rationaleTarget();
            String text = target == null ? pendingRationale : Rationale.of(target);
            if (!rationale.getText().equals(text)) {
                rationale.setText(text);
            }
        }
        view().setFlags(flags);
        for (ResponsePane pane : view().panes()) {
            pane.setNote(notes[pane.position()]);
            pane.setFocused(pane.position() == focused);
        }
        if (flagTarget != null) {
            flagTarget.setText("Flags go on " + responseLabel(focused) + " (click a response to choose).");
        }
        side.layout(true, true);
        fitSide();
        updateStatus();
        publishSelection();
    }

    private void updateStatus() {
        int position = sequence().position(itemId);
        StringBuilder b = new StringBuilder();
        b.append(itemId).append("  \u00b7  ").append(String.format(Locale.ROOT, "%,d of %,d", position + 1, sequence().size()));
        List<String> missing = new ArrayList<>();
        if (pairwiseAsked() && judged.pairwise() == null) {
            missing.add("choice");
        }
        if (settings.enabled(PreferenceMode.RANKING) && ranks().size() < order.size()) {
            missing.add("ranking");
        }
        if (settings.enabled(PreferenceMode.RUBRIC)) {
            for (RubricDimension d : settings.rubric()) {
                for (String id : order) {
                    Annotation a = judged.rubrics().get(id);
                    if (a == null || !Rubric.fromPayload(a.payload()).scores().containsKey(d.id())) {
                        missing.add("rubric");
                        break;
                    }
                }
                if (missing.contains("rubric")) {
                    break;
                }
            }
        }
        if (rationaleRequired() && !Rationale.isGiven(rationaleTarget())) {
            missing.add("rationale");
        }
        b.append("  \u00b7  ").append(missing.isEmpty() ? "done" : "to do: " + String.join(", ", missing));
        b.append("  \u00b7  Enter: next");
        if (settingsProblem != null) {
            problem(b + "  \u00b7  " + settingsProblem);
        } else {
            status(b.toString());
        }
    }

    private void publishSelection() {
        List<SelectedAnnotation> now = new ArrayList<>();
        int f = flagList == null || flagList.isDisposed() ? -1 : flagList.getSelectionIndex();
        if (f >= 0 && f < listedFlags.size()) {
            now.add(new SelectedAnnotation(session.user(), listedFlags.get(f)));
        } else if (judged.pairwise() != null) {
            now.add(new SelectedAnnotation(session.user(), judged.pairwise()));
        }
        boolean same = now.size() == selectedAnnotations.size()
                && (now.isEmpty() || now.get(0).annotation() == selectedAnnotations.get(0).annotation());
        selectedAnnotations = List.copyOf(now);
        if (!same && selectionService != null) {
            selectionService.setSelection(now.isEmpty() ? null : now.get(0).annotation());
        }
    }

    // ---------------------------------------------------------------- judgements

    private boolean pairwiseAsked() {
        return settings.enabled(PreferenceMode.PAIRWISE) && order.size() == 2;
    }

    private boolean bothBad() {
        return judged.pairwise() != null && Pairwise.BOTH_BAD.equals(Pairwise.fromPayload(judged.pairwise().payload()).preferred());
    }

    /** The chosen place on the Likert scale: negative for Response A, positive for B, 0 tie (or nothing chosen). */
    private int pairwisePosition() {
        if (judged.pairwise() == null || order.size() < 2) {
            return 0;
        }
        Pairwise pw;
        try {
            pw = Pairwise.fromPayload(judged.pairwise().payload());
        } catch (PayloadException e) {
            return 0;
        }
        int s = Math.min(scaleMax(), Math.max(1, pw.strength()));
        if (pw.preferred().equals(order.get(0))) {
            return -s;
        }
        if (pw.preferred().equals(order.get(1))) {
            return s;
        }
        return 0;
    }

    /** Chooses a place on the Likert scale (negative: Response A better by that much; 0: tie). */
    public void choose(int position) {
        if (!pairwiseAsked()) {
            return;
        }
        int max = scaleMax();
        int p = Math.max(-max, Math.min(max, position));
        if (p == 0 && !settings.pairwise().tie()) {
            refresh();
            return;
        }
        String preferred = p < 0 ? order.get(0) : p > 0 ? order.get(1) : Pairwise.TIE;
        int strength = p == 0 || settings.pairwise().maxStrength() == 0 ? 0 : Math.abs(p);
        put(Pairwise.TYPE, judged.pairwise(), new Pairwise(preferred, strength, order).toPayload(),
                p == 0 ? "Tie" : "Prefer " + responseLabel(p < 0 ? 0 : 1));
    }

    private void chooseBothBad() {
        if (!pairwiseAsked() || !settings.pairwise().bothBad()) {
            return;
        }
        put(Pairwise.TYPE, judged.pairwise(), new Pairwise(Pairwise.BOTH_BAD, 0, order).toPayload(), "Both bad");
    }

    private int currentStrength() {
        int p = pairwisePosition();
        return judged.pairwise() != null && !bothBad() && p != 0 ? Math.abs(p) : 1;
    }

    private void moveOnScale(int step) {
        int p = judged.pairwise() == null || bothBad() ? 0 : pairwisePosition();
        int next = p + step;
        if (next == 0 && !settings.pairwise().tie()) {
            next += step;
        }
        choose(next);
    }

    private void strengthen(int step) {
        int p = pairwisePosition();
        if (judged.pairwise() == null || bothBad() || p == 0) {
            return;
        }
        int s = Math.max(1, Math.min(scaleMax(), Math.abs(p) + step));
        choose(p < 0 ? -s : s);
    }

    private Map<String, Integer> ranks() {
        if (judged.ranking() == null) {
            return Map.of();
        }
        try {
            return Ranking.fromPayload(judged.ranking().payload()).ranks();
        } catch (PayloadException e) {
            return Map.of();
        }
    }

    /** Response ids by rank (unranked last), ties and unranked in shown order. */
    private List<String> rankedRows(Map<String, Integer> ranks) {
        List<String> rows = new ArrayList<>(order);
        rows.sort(Comparator.comparingInt((String id) -> ranks.getOrDefault(id, Integer.MAX_VALUE)).thenComparingInt(order::indexOf));
        return rows;
    }

    /** Gives the response at {@code position} the rank (1 best; equal ranks tie), or takes its rank away (null). */
    public void rank(int position, Integer rank) {
        if (!settings.enabled(PreferenceMode.RANKING) || position < 0 || position >= order.size()) {
            return;
        }
        Map<String, Integer> ranks = new LinkedHashMap<>(ranks());
        if (rank == null) {
            ranks.remove(order.get(position));
        } else {
            ranks.put(order.get(position), Math.max(1, Math.min(order.size(), rank)));
        }
        writeRanks(ranks, "Rank " + responseLabel(position));
    }

    private void writeRanks(Map<String, Integer> ranks, String label) {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (String id : order) {
            if (ranks.containsKey(id)) {
                ordered.put(id, ranks.get(id));
            }
        }
        if (ordered.isEmpty() && judged.ranking() != null) {
            remove(judged.ranking());
            return;
        }
        put(Ranking.TYPE, judged.ranking(), new Ranking(ordered, order).toPayload(), label);
    }

    /** Moves a row of the ranking table (drag, Alt+arrows): the rows' order becomes the ranking, 1 to N. */
    public void moveRow(int from, int to) {
        List<String> rows = rankedRows(ranks());
        if (from < 0 || from >= rows.size() || to < 0 || to >= rows.size() || from == to) {
            return;
        }
        String moved = rows.remove(from);
        rows.add(to, moved);
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            ranks.put(rows.get(i), i + 1);
        }
        writeRanks(ranks, "Move " + responseLabel(order.indexOf(moved)));
        if (rankingTable != null) {
            rankingTable.setSelection(to);
        }
    }

    private void score(int position, RubricDimension d, Integer value) {
        String id = order.get(position);
        Annotation existing = judged.rubrics().get(id);
        Map<String, Integer> scores = new LinkedHashMap<>(existing == null ? Map.of() : Rubric.fromPayload(existing.payload()).scores());
        if (value == null) {
            scores.remove(d.id());
        } else {
            scores.put(d.id(), value);
        }
        if (scores.isEmpty() && existing != null) {
            remove(existing);
            return;
        }
        put(Rubric.TYPE, existing, new Rubric(id, scores, order).toPayload(), "Score " + d.name() + " of "
                + responseLabel(position));
    }

    /**
     * Flags the focused response: the passage selected in it when there is one (always a new flag),
     * else the whole response (a second time takes the flag away).
     */
    public void flag(String kind) {
        if (order.isEmpty()) {
            return;
        }
        ResponsePane pane = view().panes().get(focused);
        StyledText t = pane.viewer().getControl();
        Point sel = t.getSelection();
        String response = order.get(focused);
        if (sel.y > sel.x) {
            // the viewer maps shown text to UTF-16 offsets in the Markdown; flags count code points
            String content = pane.content();
            int start = pane.viewer().sourceOffset(sel.x);
            int end = pane.viewer().sourceOffset(sel.y - 1) + 1;
            if (start >= 0 && end > start && end <= content.length()) {
                Flag f = new Flag(response, kind, content.codePointCount(0, start), content.codePointCount(0, end));
                put(Flag.TYPE, null, f.toPayload(), "Flag " + flagName(kind));
                t.setSelection(sel.y);
                return;
            }
        }
        for (int i = 0; i < judged.flags().size(); i++) {
            Flag f = judged.flagValues().get(i);
            if (f.flag().equals(kind) && f.response().equals(response) && !f.hasSpan()) {
                remove(judged.flags().get(i));
                return;
            }
        }
        put(Flag.TYPE, null, new Flag(response, kind).toPayload(), "Flag " + flagName(kind));
    }

    /** The flagged passage in the response's Markdown, or empty for a flag on the whole response. */
    private String spanText(Flag f) {
        var r = comparison == null || !f.hasSpan() ? null : comparison.response(f.response());
        if (r == null) {
            return "";
        }
        String c = r.content();
        int n = c.codePointCount(0, c.length());
        if (f.end() > n) {
            return "";
        }
        return c.substring(c.offsetByCodePoints(0, f.start()), c.offsetByCodePoints(0, f.end()));
    }

    private void removeSelectedFlag() {
        int i = flagList.getSelectionIndex();
        if (i >= 0 && i < listedFlags.size()) {
            remove(listedFlags.get(i));
        }
    }

    /**
     * The judgement the rationale explains, as the attribute {@link Rationale#ATTRIBUTE}: the
     * pairwise choice where one is asked, else the ranking, else whichever exists; null before
     * either is made.
     */
    private Annotation rationaleTarget() {
        if (pairwiseAsked() && judged.pairwise() != null) {
            return judged.pairwise();
        }
        return judged.ranking() != null ? judged.ranking() : judged.pairwise();
    }

    /** Whether the project's rationale policy asks for one on the judgement made. */
    private boolean rationaleRequired() {
        Annotation target = rationaleTarget();
        if (target == null) {
            return false;
        }
        return Pairwise.TYPE.equals(target.typeId()) ? settings.rationale().requires(Pairwise.fromPayload(target.payload()))
                : settings.rationale().requires(Ranking.fromPayload(target.payload()));
    }

    /**
     * Writes the rationale field's text as the judgement's attribute when it differs from the
     * stored one (empty removes it). Before there is a choice or ranking the text waits and is
     * written with the first one.
     */
    public void commitRationale() {
        if (rationale == null || rationale.isDisposed() || item == null) {
            return;
        }
        String text = rationale.getText().strip();
        Annotation target = rationaleTarget();
        if (target == null) {
            pendingRationale = text;
            if (!text.isEmpty()) {
                status("The rationale is kept with the choice or ranking: it is saved when you make one.");
            }
            return;
        }
        if (text.equals(Rationale.of(target))) {
            return;
        }
        execute(new ReplaceAnnotation(itemId, session.user(), target.withAttributes(Rationale.with(target, text), session.user()),
                "Rationale"));
    }

    private void put(String type, Annotation existing, Map<String, Object> payload, String label) {
        String user = session.user();
        if (!ItemEditor.mayEdit(session.project(), user, user)) {
            problem("You may not change this set.");
            return;
        }
        Annotation created = null;
        if (existing == null) {
            created = Annotation.create(Ids.random(), type, "", payload, user);
            if (!pendingRationale.isEmpty() && (Pairwise.TYPE.equals(type) || Ranking.TYPE.equals(type))) {
                created = created.withAttributes(Rationale.with(created, pendingRationale), user);
                pendingRationale = "";
            }
        }
        EditCommand command = existing == null
                ? new AddAnnotation(itemId, user, created, -1, session.project().currentGuidelineVersion())
                : new ReplaceAnnotation(itemId, user, existing.withPayload(payload, user), label);
        execute(command);
    }

    private void remove(Annotation a) {
        execute(new RemoveAnnotation(itemId, session.user(), a.id()));
    }

    private boolean execute(EditCommand command) {
        return SessionEdits.execute(session, command, statusLine, PreferenceEditor.class);
    }

    // ---------------------------------------------------------------- keys

    private boolean mine(Object widget) {
        if (!(widget instanceof Control c) || root.isDisposed()) {
            return false;
        }
        for (Control x = c; x != null; x = x.getParent()) {
            if (x == editorPage) {
                return true;
            }
        }
        return false;
    }

    private void filterKey(Event e) {
        if (e.type != SWT.KeyDown || !mine(e.widget) || itemId == null) {
            return;
        }
        if (handleKey(e.widget, e.keyCode, e.character, e.stateMask)) {
            e.doit = false;
            e.type = SWT.None;
        }
    }

    /** Acts on a key pressed in {@code widget}; whether it was the editor's. */
    private boolean handleKey(Object widget, int keyCode, char character, int state) {
        boolean enter = keyCode == SWT.CR || keyCode == SWT.KEYPAD_CR;
        int mods = state & SWT.MODIFIER_MASK;
        if (widget instanceof Text || widget instanceof Combo) {
            if (enter && (mods & SWT.MOD1) != 0) {
                next();
                return true;
            }
            if (keyCode == SWT.ESC) {
                focus();
                return true;
            }
            return false;
        }
        if (enter) {
            if ((mods & SWT.SHIFT) != 0) {
                previous();
            } else {
                next();
            }
            return true;
        }
        if ((mods & (SWT.MOD1 | SWT.MOD3)) != 0 && !(widget == rankingTable && (mods & SWT.ALT) != 0)) {
            return false;
        }
        if (widget == rankingTable && rankingTable != null) {
            int row = rankingTable.getSelectionIndex();
            String id = row < 0 ? null : (String) rankingTable.getItem(row).getData();
            if ((mods & SWT.ALT) != 0 && (keyCode == SWT.ARROW_UP || keyCode == SWT.ARROW_DOWN)) {
                moveRow(row, row + (keyCode == SWT.ARROW_UP ? -1 : 1));
                return true;
            }
            if (id != null && character >= '0' && character <= '9') {
                rank(order.indexOf(id), character == '0' ? null : character - '0');
                return true;
            }
            if (id != null && (keyCode == SWT.DEL || keyCode == SWT.BS)) {
                rank(order.indexOf(id), null);
                return true;
            }
            return false;
        }
        if (widget == flagList && (keyCode == SWT.DEL || keyCode == SWT.BS)) {
            removeSelectedFlag();
            return true;
        }
        if (pairwiseAsked()) {
            switch (character) {
                case '1' -> {
                    choose(-currentStrength());
                    return true;
                }
                case '2' -> {
                    choose(currentStrength());
                    return true;
                }
                case '=' -> {
                    choose(0);
                    return true;
                }
                case '0' -> {
                    chooseBothBad();
                    return true;
                }
                default -> {
                    // not a choice
                }
            }
            switch (keyCode) {
                case SWT.ARROW_LEFT -> {
                    moveOnScale(-1);
                    return true;
                }
                case SWT.ARROW_RIGHT -> {
                    moveOnScale(1);
                    return true;
                }
                case SWT.ARROW_UP -> {
                    strengthen(1);
                    return true;
                }
                case SWT.ARROW_DOWN -> {
                    strengthen(-1);
                    return true;
                }
                default -> {
                    // not on the scale
                }
            }
        } else if (settings.enabled(PreferenceMode.RANKING) && character >= '0' && character <= '9') {
            rank(focused, character == '0' ? null : character - '0');
            return true;
        }
        if (keyCode == SWT.TAB && (mods & SWT.CTRL) == 0 && widget instanceof StyledText && !order.isEmpty()) {
            focusResponse(Math.floorMod(focused + ((mods & SWT.SHIFT) != 0 ? -1 : 1), order.size()));
            return true;
        }
        for (FlagKind f : settings.flags()) {
            String kind = f.id();
            char k = flagKey(kind);
            if (k != 0 && Character.toLowerCase(character) == k) {
                flag(kind);
                return true;
            }
        }
        return false;
    }

    /** Makes the response at {@code position} the one keys and flags act on. */
    public void focusResponse(int position) {
        if (position < 0 || position >= view().panes().size() || position == focused) {
            return;
        }
        focused = position;
        for (ResponsePane p : view().panes()) {
            p.setFocused(p.position() == focused);
        }
        if (flagTarget != null) {
            flagTarget.setText("Flags go on " + responseLabel(focused) + " (click a response to choose).");
        }
        StyledText t = view().panes().get(focused).viewer().getControl();
        if (!t.isFocusControl() && !(root.getDisplay().getFocusControl() instanceof Table)) {
            t.setFocus();
        }
    }

    private void setSyncScroll(boolean on) {
        syncCheck.setSelection(on);
        views[0].setSyncScroll(on);
        views[1].setSyncScroll(on);
    }

    private void setDiff(boolean on) {
        diffCheck.setSelection(on);
        views[0].setDiff(on);
        views[1].setDiff(on);
    }

    // ---------------------------------------------------------------- status

    private void status(String text) {
        statusLine.status(text);
    }

    private void problem(String text) {
        statusLine.problem(text);
    }

    // ---------------------------------------------------------------- ItemEditor

    @Override
    public String itemId() {
        return itemId;
    }

    @Override
    public List<SelectedAnnotation> selectedAnnotations() {
        return selectedAnnotations;
    }

    @Override
    public void select(List<SelectedAnnotation> annotations) {
        for (SelectedAnnotation a : annotations) {
            int i = listedFlags.indexOf(a.annotation());
            for (int k = 0; i < 0 && k < listedFlags.size(); k++) {
                if (listedFlags.get(k).id().equals(a.annotation().id())) {
                    i = k;
                }
            }
            if (i >= 0 && flagList != null) {
                flagList.select(i);
                Flag f = Flag.fromPayload(listedFlags.get(i).payload());
                focusResponse(order.indexOf(f.response()));
                publishSelection();
                return;
            }
        }
    }

    /**
     * Performs a context-menu action: {@code flag:<kind>} (flag the focused response or its selected
     * passage), {@code next} or {@code previous}.
     *
     * @throws IllegalArgumentException for another action
     */
    public void perform(String action) {
        if (action.startsWith("flag:")) {
            flag(action.substring(5));
        } else if ("next".equals(action)) {
            next();
        } else if ("previous".equals(action)) {
            previous();
        } else {
            throw new IllegalArgumentException("no preference editor action '" + action + "'");
        }
    }

    // ---------------------------------------------------------------- for tests and benchmarks

    /** The response ids in the order shown (what payloads record). */
    public List<String> order() {
        return order;
    }

    /** The response the keys and flags act on, by position. */
    public int focusedResponse() {
        return focused;
    }

    /** Whether a comparison is shown. */
    public boolean isShowing() {
        return pages.isShowing(editorPage);
    }

    /** The message shown instead of the comparison, or null. */
    public String message() {
        return pages.message();
    }

    /** The status line's text. */
    public String statusText() {
        return statusLine.text();
    }

    /** The last refusal or failure, or null. */
    public String lastProblem() {
        return statusLine.lastProblem();
    }

    /** Nanoseconds the last switch to a comparison took, up to its paint. */
    public long lastSwitchNanos() {
        return lastSwitchNanos;
    }

    /** Whether the last switch found the comparison laid out ahead. */
    public boolean lastSwitchPreloaded() {
        return lastSwitchPreloaded;
    }

    /** Whether the next comparison is laid out in the hidden page. */
    public boolean nextIsReady() {
        String next = itemId == null ? null : sequence().next(itemId);
        return next != null && next.equals(hidden().itemId());
    }

    /** The ranking table, or null. */
    public Table rankingTable() {
        return rankingTable;
    }

    /** The rubric score chooser of a dimension and response position, or null. */
    public Combo rubricCombo(String dimension, int position) {
        return rubricCombos.get(dimension + "\u0000" + position);
    }

    /** The rationale field. */
    public Text rationaleField() {
        return rationale;
    }

    /** The flags listed. */
    public String[] flagRows() {
        return flagList == null ? new String[0] : flagList.getItems();
    }

    /** The root composite (tests look through every widget's text). */
    public Composite rootControl() {
        return root;
    }

    /** The scale's toggle buttons, from A strongest to B strongest. */
    public List<Button> scaleButtons() {
        return List.of(scaleButtons);
    }

    /** The settings in force. */
    public PreferenceSettings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "PreferenceEditor[" + Objects.toString(itemId) + "]";
    }

    /**
     * One annotator's judgements of an item, as the editor shows them, read through the model's
     * records: the first pairwise choice and ranking (an editor makes one of each), rubric scores by
     * response, every flag. A payload the model cannot read is left out here (and kept in the set:
     * the rules report it).
     */
    private record Judged(Annotation pairwise, Annotation ranking, Map<String, Annotation> rubrics, List<Annotation> flags,
            List<Flag> flagValues, List<List<String>> orders) {
        static Judged of(List<Annotation> annotations) {
            Annotation pairwise = null;
            Annotation ranking = null;
            Map<String, Annotation> rubrics = new LinkedHashMap<>();
            List<Annotation> flags = new ArrayList<>();
            List<Flag> flagValues = new ArrayList<>();
            List<List<String>> orders = new ArrayList<>();
            for (Annotation a : annotations) {
                try {
                    switch (a.typeId()) {
                        case Pairwise.TYPE -> {
                            orders.add(Pairwise.fromPayload(a.payload()).order());
                            pairwise = pairwise == null ? a : pairwise;
                        }
                        case Ranking.TYPE -> {
                            orders.add(Ranking.fromPayload(a.payload()).order());
                            ranking = ranking == null ? a : ranking;
                        }
                        case Rubric.TYPE -> {
                            Rubric r = Rubric.fromPayload(a.payload());
                            orders.add(r.order());
                            rubrics.putIfAbsent(r.response(), a);
                        }
                        case Flag.TYPE -> {
                            flagValues.add(Flag.fromPayload(a.payload()));
                            flags.add(a);
                        }
                        default -> {
                            // another modality's or a newer type: kept, not shown
                        }
                    }
                } catch (PayloadException e) {
                    // not readable: the rules name it; the editor shows the rest
                }
            }
            return new Judged(pairwise, ranking, rubrics, flags, flagValues, orders);
        }

        /** The first recorded order that is a permutation of {@code ids} (a pair's order on a larger comparison is not), else empty. */
        List<String> recordedOrder(List<String> ids) {
            for (List<String> o : orders) {
                if (o.size() == ids.size() && new java.util.HashSet<>(o).equals(new java.util.HashSet<>(ids))) {
                    return o;
                }
            }
            return List.of();
        }
    }
}
