package dev.vellum.modality.text.ui.parts;

import dev.vellum.core.edit.EditCommand;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.session.ProjectChange;
import dev.vellum.core.session.ProjectListener;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.editors.EditorPages;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.core.ui.editors.EditorStatus;
import dev.vellum.core.ui.editors.ItemEditor;
import dev.vellum.core.ui.editors.SessionEdits;
import dev.vellum.core.ui.editors.SetFilter;
import dev.vellum.modality.text.TextModality;
import dev.vellum.modality.text.model.PayloadException;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Segmentation;
import dev.vellum.modality.text.model.Span;
import dev.vellum.modality.text.ui.internal.RelationFigure;
import dev.vellum.modality.text.ui.internal.SpanFigure;
import dev.vellum.modality.text.ui.internal.SpanScene;
import dev.vellum.modality.text.model.RelationLabels;
import dev.vellum.modality.text.tokenize.Tokenizers;
import dev.vellum.modality.text.ui.internal.TextDocument;
import dev.vellum.modality.text.ui.viewers.SpanText;
import dev.vellum.modality.text.ui.viewers.SpanTextHost;
import dev.vellum.modality.text.ui.viewers.TextLabelPalette;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.core.runtime.ILog;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.Persist;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.EMenuService;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * The editor of text items: the document with one annotation set's entity spans and relations,
 * the label palette (choose, search, hide labels), the list of relations, a find bar and a status
 * line. Every change is an undoable, audited edit of the session; the set changed is the user's own
 * unless another annotator's is chosen and the project lets the user change it
 * ({@link ItemEditor#mayEdit}).
 */
public final class TextEditor implements ItemEditor, SpanTextHost {
    /** Part descriptor id, as contributed by this bundle's model fragment. */
    public static final String PART_DESCRIPTOR = "dev.vellum.modality.text.ui.partdescriptor.editor";
    private static final RGB[] FALLBACK = {new RGB(0xe6, 0x19, 0x4b), new RGB(0x3c, 0xb4, 0x4b), new RGB(0x43, 0x63, 0xd8),
            new RGB(0xf5, 0x82, 0x31), new RGB(0x91, 0x1e, 0xb4), new RGB(0x42, 0xd4, 0xf4), new RGB(0xf0, 0x32, 0xe6),
            new RGB(0xbf, 0xef, 0x45)};
    private static final String HELP = "Drag or Shift+arrows select (whole tokens; Alt: exact)  \u00b7  1-9 label  \u00b7  Tab next span  \u00b7  "
            + "R relation  \u00b7  N next sentence without spans  \u00b7  Del delete  \u00b7  Ctrl+F find";

    private final MPart part;
    private final ProjectSession session;
    private final ESelectionService selectionService;
    private final EMenuService menus;
    private final ProjectListener listener = this::projectChanged;
    private final Map<String, RGB> colorCache = new HashMap<>();

    private String itemId;
    private Item item;
    private String activeAnnotator;
    private List<SelectedAnnotation> selectedAnnotations = List.of();
    private String lastRelationType = "";
    private SpanFigure pendingFrom;
    private SpanFigure pendingTo;
    private List<RelationFigure> listedRelations = List.of();
    private long openNanos;

    private Composite root;
    private EditorPages pages;
    private Composite editorPage;
    private SpanText view;
    private TextLabelPalette palette;
    private Combo setCombo;
    private Table relationTable;
    private Composite findBar;
    private Text findText;
    private Label findCount;
    private Composite relationBar;
    private Label relationText;
    private Combo relationType;
    private Button snapCheck;
    private EditorStatus statusLine;

    private final SetFilter visibility;

    @Inject
    public TextEditor(MPart part, @Optional ProjectSession session, @Optional ESelectionService selection, @Optional EMenuService menus,
            @Optional SetFilter visibility) {
        this.part = part;
        this.visibility = SetFilter.orAll(visibility);
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
        if (session != null) {
            session.addListener(listener);
            activeAnnotator = session.user();
        }
        load();
    }

    @PreDestroy
    void dispose() {
        SessionEdits.detach(session, listener, item != null ? itemId : null);
    }

    @Focus
    void focus() {
        if (pages.isTop(editorPage)) {
            view.widget().setFocus();
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
        SessionEdits.save(session, root.getShell(), TextEditor.class);
    }

    // ---------------------------------------------------------------- widgets

    private static GridLayout tight(int columns) {
        GridLayout l = new GridLayout(columns, false);
        l.marginHeight = 2;
        l.marginWidth = 4;
        return l;
    }

    private static void show(Control c, boolean visible) {
        c.setVisible(visible);
        ((GridData) c.getLayoutData()).exclude = !visible;
        c.getParent().layout(true, true);
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
        snapCheck = new Button(bar, SWT.CHECK);
        snapCheck.setText("Snap to tokens");
        snapCheck.setToolTipText("Selections take whole tokens; hold Alt to select characters exactly");
        snapCheck.setSelection(true);
        snapCheck.addListener(SWT.Selection, e -> {
            view.setSnap(snapCheck.getSelection());
            view.widget().setFocus();
        });
        Button find = new Button(bar, SWT.PUSH);
        find.setText("Find...");
        find.setToolTipText("Find in the document (Ctrl+F; F3 next, Shift+F3 previous)");
        find.addListener(SWT.Selection, e -> find());
        Label help = new Label(bar, SWT.NONE);
        help.setText("1-9 label \u00b7 Tab next span \u00b7 R relation \u00b7 N unlabelled sentence \u00b7 Del");
        help.setToolTipText(HELP);
        help.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        findBar = new Composite(editorPage, SWT.NONE);
        findBar.setLayout(tight(5));
        findBar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        new Label(findBar, SWT.NONE).setText("Find");
        findText = new Text(findBar, SWT.SEARCH | SWT.ICON_CANCEL);
        GridData fd = new GridData(SWT.LEFT, SWT.CENTER, false, false);
        fd.widthHint = 260;
        findText.setLayoutData(fd);
        findText.addListener(SWT.Modify, e -> findFrom(Math.min(view.textSelection().x, view.textSelection().y), true, false));
        findText.addListener(SWT.DefaultSelection, e -> findAgain(true));
        findText.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.ESC) {
                closeFind();
            } else if ((e.keyCode == SWT.CR || e.keyCode == SWT.KEYPAD_CR) && (e.stateMask & SWT.SHIFT) != 0) {
                e.doit = false;
                findAgain(false);
            }
        });
        Button previous = new Button(findBar, SWT.PUSH);
        previous.setText("Previous");
        previous.addListener(SWT.Selection, e -> findAgain(false));
        Button next = new Button(findBar, SWT.PUSH);
        next.setText("Next");
        next.addListener(SWT.Selection, e -> findAgain(true));
        findCount = new Label(findBar, SWT.NONE);
        findCount.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        show(findBar, false);

        SashForm sash = new SashForm(editorPage, SWT.HORIZONTAL | SWT.SMOOTH);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        view = new SpanText(sash, this);
        if (menus != null) {
            menus.registerContextMenu(view.widget(), ItemEditor.POPUP_MENU);
        }
        Composite side = new Composite(sash, SWT.NONE);
        GridLayout sideLayout = new GridLayout(1, false);
        sideLayout.marginWidth = 0;
        sideLayout.marginHeight = 0;
        side.setLayout(sideLayout);
        palette = new TextLabelPalette(side, new TextLabelPalette.Listener() {
            @Override
            public void chosen(String label) {
                view.applyLabel(label);
            }

            @Override
            public void visibilityChanged(String label, boolean hidden) {
                if (view.scene() != null) {
                    view.scene().setHidden(label, hidden);
                    view.refreshVisible();
                    fillRelations();
                }
            }

            @Override
            public void done() {
                view.widget().setFocus();
            }
        });
        palette.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Composite sets = palette.header();
        GridLayout setsLayout = new GridLayout(2, false);
        setsLayout.marginWidth = 0;
        setsLayout.marginHeight = 0;
        sets.setLayout(setsLayout);
        new Label(sets, SWT.NONE).setText("Set");
        setCombo = new Combo(sets, SWT.READ_ONLY);
        setCombo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        setCombo.setToolTipText("Whose annotation set is shown and edited");
        setCombo.addListener(SWT.Selection, e -> {
            String chosen = (String) setCombo.getData(Integer.toString(setCombo.getSelectionIndex()));
            if (chosen != null) {
                setActiveAnnotator(chosen);
                view.widget().setFocus();
            }
        });
        Label relTitle = new Label(side, SWT.NONE);
        relTitle.setText("Relations");
        relTitle.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        relationTable = new Table(side, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER | SWT.V_SCROLL);
        relationTable.setHeaderVisible(true);
        GridData rd = new GridData(SWT.FILL, SWT.FILL, true, true);
        rd.heightHint = 120;
        relationTable.setLayoutData(rd);
        for (String[] c : new String[][] {{"Type", "80"}, {"From", "90"}, {"To", "90"}}) {
            TableColumn col = new TableColumn(relationTable, SWT.LEFT);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        relationTable.addListener(SWT.SetData, e -> {
            TableItem ti = (TableItem) e.item;
            int i = relationTable.indexOf(ti);
            if (i < listedRelations.size()) {
                RelationFigure r = listedRelations.get(i);
                ti.setText(new String[] {r.label(), snippet(r.from()), snippet(r.to())});
            }
        });
        relationTable.addListener(SWT.Selection, e -> {
            int i = relationTable.getSelectionIndex();
            if (i >= 0 && i < listedRelations.size()) {
                view.selectRelation(listedRelations.get(i));
            }
        });
        relationTable.addListener(SWT.DefaultSelection, e -> view.widget().setFocus());
        sash.setWeights(76, 24);
        sash.addListener(SWT.Resize, e -> {
            int width = sash.getClientArea().width;
            if (width > 400) {
                int sideWidth = Math.max(250, Math.min(320, width / 4));
                sash.setWeights(width - sideWidth, sideWidth);
                sash.layout();
            }
        });

        relationBar = new Composite(editorPage, SWT.NONE);
        relationBar.setLayout(tight(4));
        relationBar.setLayoutData(new GridData(SWT.FILL, SWT.BOTTOM, true, false));
        relationText = new Label(relationBar, SWT.NONE);
        relationType = new Combo(relationBar, SWT.DROP_DOWN);
        GridData td = new GridData(SWT.LEFT, SWT.CENTER, false, false);
        td.widthHint = 160;
        relationType.setLayoutData(td);
        relationType.addListener(SWT.DefaultSelection, e -> confirmRelation());
        relationType.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.ESC) {
                cancelRelation();
            }
        });
        Button create = new Button(relationBar, SWT.PUSH);
        create.setText("Create");
        create.addListener(SWT.Selection, e -> confirmRelation());
        Button cancel = new Button(relationBar, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.addListener(SWT.Selection, e -> cancelRelation());
        show(relationBar, false);

        Label status = new Label(editorPage, SWT.NONE);
        GridData sd = new GridData(SWT.FILL, SWT.BOTTOM, true, false);
        sd.horizontalIndent = 6;
        status.setLayoutData(sd);
        status.setText(" ");
        statusLine = new EditorStatus(status);
    }

    // ---------------------------------------------------------------- loading

    private void showMessage(String text) {
        pages.showMessage(text);
    }

    private void load() {
        if (session == null) {
            showMessage("No project is open.");
            return;
        }
        if (itemId == null) {
            showMessage("The editor was opened without an item.");
            return;
        }
        long t0 = System.nanoTime();
        try {
            item = session.retain(itemId);
        } catch (StoreException e) {
            showMessage(e.getMessage());
            return;
        } catch (RuntimeException e) {
            ILog.of(TextEditor.class).error("item '" + itemId + "': " + e.getMessage(), e);
            showMessage("item '" + itemId + "': " + e.getMessage());
            return;
        }
        Asset asset = item.assets().stream().filter(a -> TextModality.ID.equals(a.modalityId())).findFirst()
                .orElse(item.assets().isEmpty() ? null : item.assets().get(0));
        if (asset == null) {
            showMessage("Item '" + itemId + "' has no text.");
            return;
        }
        URI uri = session.stored().resolve(asset);
        if (!"file".equals(uri.getScheme())) {
            showMessage("Item '" + itemId + "': only texts in files can be shown, not " + uri);
            return;
        }
        Path file = Path.of(uri);
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            showMessage(file + ": not UTF-8 text (" + e.getMessage() + ")");
            return;
        } catch (IOException e) {
            showMessage(file + ": cannot be read: " + e.getMessage());
            return;
        }
        String segmentationProblem = null;
        TextDocument doc;
        try {
            Segmentation stored = Segmentation.fromAsset(asset);
            doc = new TextDocument(text, stored != null ? stored : Tokenizers.forProject(session.project()).segment(text));
        } catch (PayloadException | IndexOutOfBoundsException e) {
            segmentationProblem = file.getFileName() + ": the stored tokens do not fit the text (" + e.getMessage() + "); tokenized again";
            doc = new TextDocument(text, Tokenizers.forProject(session.project()).segment(text));
        }
        List<String> visible = visibleAnnotators();
        if (item.set(activeAnnotator).isEmpty() && !visible.isEmpty()) {
            // nothing of the user's yet: show someone's work the workflow lets them see (read only unless allowed)
            activeAnnotator = visible.get(0);
        }
        view.setDocument(doc, new SpanScene(doc));
        pages.show(editorPage);
        refresh();
        openNanos = System.nanoTime() - t0;
        if (segmentationProblem != null) {
            problem(segmentationProblem);
        } else if (!view.scene().problems().isEmpty()) {
            problem(view.scene().problems().size() + " annotation(s) cannot be shown: " + view.scene().problems().get(0));
        } else {
            status(String.format(Locale.ROOT, "%,d characters, %,d tokens, %,d sentences, %,d spans, %,d relations (%s's set)",
                    doc.toCodePoint(doc.length()), doc.tokenCount(), doc.sentenceCount(), view.scene().layer().size(),
                    view.scene().relations().size(), activeAnnotator));
        }
        view.widget().setFocus();
    }

    // ---------------------------------------------------------------- refresh

    private void projectChanged(ProjectChange change) {
        SessionEdits.refreshOn(change, itemId, root, this::refresh);
    }

    /** Brings the view, the set chooser, the palette and the relation list in step with the item. */
    public void refresh() {
        if (root.isDisposed() || item == null || session == null || view.document() == null) {
            return;
        }
        try {
            item = session.item(itemId);
        } catch (IllegalArgumentException e) {
            // released elsewhere: keep the last state
        }
        colorCache.clear();
        if (!visibleAnnotators().contains(activeAnnotator) && item.set(activeAnnotator).isPresent()) {
            // the set became hidden (blind rules changed): back to the user's own
            activeAnnotator = session.user();
        }
        fillSetCombo();
        List<Annotation> annotations = item.set(activeAnnotator).map(AnnotationSet::annotations).orElse(List.of());
        view.update(annotations);
        Map<String, Integer> counts = new HashMap<>();
        for (Annotation a : annotations) {
            if (Span.TYPE.equals(a.typeId())) {
                counts.merge(a.label(), 1, Integer::sum);
            }
        }
        palette.setLabels(labels(), counts);
        fillRelations();
        part.setLabel(itemId);
    }

    private void fillRelations() {
        List<RelationFigure> shown = new ArrayList<>();
        for (RelationFigure r : view.scene().relations()) {
            if (view.scene().isVisible(r)) {
                shown.add(r);
            }
        }
        listedRelations = shown;
        relationTable.clearAll();
        relationTable.setItemCount(shown.size());
        RelationFigure selected = view.selectedRelation();
        int i = selected == null ? -1 : shown.indexOf(selected);
        if (i >= 0) {
            relationTable.setSelection(i);
        } else {
            relationTable.deselectAll();
        }
    }

    private void fillSetCombo() {
        Set<String> annotators = new LinkedHashSet<>();
        annotators.add(session.user());
        annotators.addAll(visibleAnnotators());
        annotators.add(activeAnnotator);
        setCombo.removeAll();
        int i = 0;
        for (String a : annotators) {
            AnnotationSet set = item.set(a).orElse(null);
            String text = a + (a.equals(session.user()) ? " (you)" : ItemEditor.mayEdit(session.project(), session.user(), a) ? "" : " (read only)")
                    + (set == null ? "" : "  \u00b7  " + set.annotations().size());
            setCombo.add(text);
            setCombo.setData(Integer.toString(i), a);
            if (a.equals(activeAnnotator)) {
                setCombo.select(i);
            }
            i++;
        }
        setCombo.getParent().layout(true);
    }

    private LabelSchema schema() {
        return session.project().schema(TextModality.ID).orElse(new LabelSchema(TextModality.ID, List.of()));
    }

    /** The span labels: the schema's classes without the ones the project declares relation types. */
    private List<LabelClass> labels() {
        java.util.Set<String> relations;
        try {
            relations = RelationLabels.of(session.project());
        } catch (IllegalArgumentException e) {
            relations = java.util.Set.of();
        }
        java.util.Set<String> skip = relations;
        return schema().classes().stream().filter(c -> !skip.contains(c.name())).toList();
    }

    private String snippet(SpanFigure f) {
        String s = view.document().text().substring(f.start(), f.end()).replace('\n', ' ');
        return s.length() > 24 ? s.substring(0, 22) + "..." : s;
    }

    // ---------------------------------------------------------------- find

    @Override
    public void find() {
        show(findBar, true);
        Point s = view.textSelection();
        if (s.x < s.y && s.y - s.x < 80) {
            findText.setText(view.document().text().substring(s.x, s.y));
        }
        findText.setFocus();
        findText.selectAll();
    }

    private void closeFind() {
        show(findBar, false);
        view.widget().setFocus();
    }

    @Override
    public void findAgain(boolean forward) {
        Point s = view.textSelection();
        findFrom(forward ? Math.max(s.x, s.y) : Math.min(s.x, s.y), forward, true);
    }

    /** Selects the next (or previous) match of the find text from an offset, wrapping; says "n of m". */
    private void findFrom(int offset, boolean forward, boolean step) {
        String q = findText.getText();
        if (q.isEmpty()) {
            findCount.setText("");
            return;
        }
        String text = view.document().text();
        Matcher m = Pattern.compile(Pattern.quote(q), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text);
        List<Integer> starts = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        while (m.find()) {
            starts.add(m.start());
            ends.add(m.end());
        }
        if (starts.isEmpty()) {
            findCount.setText("not found");
            findCount.getParent().layout(true);
            return;
        }
        int pick = -1;
        if (forward) {
            for (int i = 0; i < starts.size(); i++) {
                if (step ? starts.get(i) >= offset : starts.get(i) >= offset) {
                    pick = i;
                    break;
                }
            }
            pick = pick < 0 ? 0 : pick;
        } else {
            for (int i = starts.size() - 1; i >= 0; i--) {
                if (starts.get(i) < offset) {
                    pick = i;
                    break;
                }
            }
            pick = pick < 0 ? starts.size() - 1 : pick;
        }
        view.selectText(starts.get(pick), ends.get(pick));
        view.widget().showSelection();
        findCount.setText((pick + 1) + " of " + starts.size());
        findCount.getParent().layout(true);
    }

    // ---------------------------------------------------------------- relations

    @Override
    public void relationTargetChosen(SpanFigure from, SpanFigure to) {
        pendingFrom = from;
        pendingTo = to;
        Set<String> types = new LinkedHashSet<>();
        try {
            types.addAll(RelationLabels.of(session.project()));
        } catch (IllegalArgumentException e) {
            status(e.getMessage());
        }
        for (AnnotationSet set : visibility.visibleSets(session.project(), item, session.user())) {
            set.annotations().stream().filter(a -> Relation.TYPE.equals(a.typeId())).forEach(a -> types.add(a.label()));
        }
        relationType.setItems(types.toArray(new String[0]));
        relationType.setText(!lastRelationType.isEmpty() ? lastRelationType : types.isEmpty() ? "related" : types.iterator().next());
        relationText.setText("Relation " + from.label() + " '" + snippet(from) + "' \u2192 " + to.label() + " '" + snippet(to) + "'  type:");
        show(relationBar, true);
        relationType.setFocus();
        relationType.setSelection(new Point(0, relationType.getText().length()));
        status("Type or choose the relation's type, Enter to create it, Escape to cancel.");
    }

    /** Creates the relation whose target was just chosen, with the type typed in the relation bar. */
    public void confirmRelation() {
        String type = relationType.getText().trim();
        if (pendingFrom == null || pendingTo == null) {
            return;
        }
        if (type.isEmpty()) {
            problem("A relation needs a type.");
            return;
        }
        lastRelationType = type;
        SpanFigure from = pendingFrom, to = pendingTo;
        pendingFrom = pendingTo = null;
        show(relationBar, false);
        view.createRelation(from, to, type);
        view.widget().setFocus();
    }

    private void cancelRelation() {
        pendingFrom = pendingTo = null;
        show(relationBar, false);
        status("No relation made.");
        view.widget().setFocus();
    }

    /** The type field of the relation bar (tests). */
    public Combo relationTypeField() {
        return relationType;
    }

    // ---------------------------------------------------------------- SpanTextHost

    @Override
    public String itemId() {
        return itemId;
    }

    @Override
    public String user() {
        return session.user();
    }

    @Override
    public String activeAnnotator() {
        return activeAnnotator;
    }

    @Override
    public boolean mayEdit() {
        return ItemEditor.mayEdit(session.project(), session.user(), activeAnnotator);
    }

    @Override
    public int guidelineVersion() {
        return session.project().currentGuidelineVersion();
    }

    @Override
    public RGB color(String label) {
        return colorCache.computeIfAbsent(label, l -> {
            LabelClass c = schema().labelClass(l).orElse(null);
            if (c == null || c.color().length() != 7) {
                return FALLBACK[Math.floorMod(l.hashCode(), FALLBACK.length)];
            }
            int v = Integer.parseInt(c.color().substring(1), 16);
            return new RGB(v >> 16 & 0xFF, v >> 8 & 0xFF, v & 0xFF);
        });
    }

    @Override
    public String labelForHotkey(char key) {
        List<LabelClass> labels = labels();
        for (LabelClass c : labels) {
            if (c.hotkey().equals(String.valueOf(key))) {
                return c.name();
            }
        }
        int n = key - '1';
        boolean anyHotkeys = labels.stream().anyMatch(c -> !c.hotkey().isEmpty());
        return !anyHotkeys && n >= 0 && n < labels.size() ? labels.get(n).name() : null;
    }

    @Override
    public boolean execute(EditCommand command) {
        return SessionEdits.execute(session, command, statusLine, TextEditor.class);
    }

    @Override
    public void status(String text) {
        statusLine.status(text);
    }

    @Override
    public void problem(String text) {
        statusLine.problem(text);
    }

    @Override
    public void selectionChanged(SpanFigure span, RelationFigure relation) {
        List<SelectedAnnotation> now = new ArrayList<>();
        if (span != null) {
            now.add(new SelectedAnnotation(activeAnnotator, span.annotation()));
        }
        if (relation != null) {
            now.add(new SelectedAnnotation(activeAnnotator, relation.annotation()));
        }
        boolean same = now.size() == selectedAnnotations.size();
        for (int i = 0; same && i < now.size(); i++) {
            same = now.get(i).annotation() == selectedAnnotations.get(i).annotation();
        }
        selectedAnnotations = List.copyOf(now);
        int row = relation == null ? -1 : listedRelations.indexOf(relation);
        if (row >= 0) {
            relationTable.setSelection(row);
            relationTable.showSelection();
        } else if (relationTable.getSelectionCount() > 0 && relation == null) {
            relationTable.deselectAll();
        }
        if (!same && selectionService != null) {
            selectionService.setSelection(now.isEmpty() ? null : now.get(0).annotation());
        }
    }

    @Override
    public void searchLabels() {
        palette.focusSearch();
    }

    // ---------------------------------------------------------------- ItemEditor

    @Override
    public List<SelectedAnnotation> selectedAnnotations() {
        return selectedAnnotations;
    }

    @Override
    public void select(List<SelectedAnnotation> annotations) {
        if (session == null || item == null) {
            return;
        }
        for (SelectedAnnotation a : annotations) {
            if (!visibility.mayView(session.project(), item, a.annotator(), session.user())) {
                continue;
            }
            if (!a.annotator().equals(activeAnnotator)) {
                setActiveAnnotator(a.annotator());
            }
            SpanFigure f = view.scene().span(a.annotation().id());
            if (f != null) {
                view.selectSpan(f);
                return;
            }
            RelationFigure r = view.scene().relation(a.annotation().id());
            if (r != null) {
                view.selectRelation(r);
                return;
            }
        }
    }

    @Override
    public void reveal(SelectedAnnotation annotation) {
        select(List.of(annotation));
        view.widget().showSelection();
        view.widget().setFocus();
    }

    /**
     * Performs a context-menu action: {@code delete} (the selected span or relation) or
     * {@code relation} (start a relation from the selected span).
     *
     * @throws IllegalArgumentException for another action
     */
    public void perform(String action) {
        switch (action) {
            case "delete" -> view.deleteSelection();
            case "relation" -> view.startRelation();
            default -> throw new IllegalArgumentException("no text editor action '" + action + "'");
        }
    }

    // ---------------------------------------------------------------- for tests and benchmarks

    // The annotators whose sets this user may see now (the workflow's blind rules), in the item's order.
    private List<String> visibleAnnotators() {
        return visibility.visibleAnnotators(session.project(), item, session.user());
    }

    /** Shows and edits another annotator's set. */
    public void setActiveAnnotator(String annotator) {
        activeAnnotator = annotator;
        refresh();
    }

    /** The document view. */
    public SpanText view() {
        return view;
    }

    public TextLabelPalette palette() {
        return palette;
    }

    /** Whether the document is shown. */
    public boolean isShowing() {
        return pages.isShowing(editorPage);
    }

    /** The message shown instead of the document, or null. */
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

    /** Types into the find bar (tests). */
    public void findText(String text) {
        show(findBar, true);
        findText.setText(text);
    }

    /** Nanoseconds the last opening took (read, segment, lay out, first refresh). */
    public long openNanos() {
        return openNanos;
    }

    /** The relations listed beside the document. */
    public List<RelationFigure> listedRelations() {
        return listedRelations;
    }
}
