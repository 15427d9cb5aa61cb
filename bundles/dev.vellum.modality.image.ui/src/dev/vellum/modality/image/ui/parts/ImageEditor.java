package dev.vellum.modality.image.ui.parts;

import dev.vellum.core.edit.AddAnnotation;
import dev.vellum.core.edit.EditCommand;
import dev.vellum.core.edit.RemoveAnnotation;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Ids;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.session.ProjectChange;
import dev.vellum.core.session.ProjectListener;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.editors.EditorPages;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.core.ui.editors.EditorStatus;
import dev.vellum.core.ui.editors.ItemEditor;
import dev.vellum.core.ui.editors.SessionEdits;
import dev.vellum.core.ui.editors.SetFilter;
import dev.vellum.modality.image.ImageModality;
import dev.vellum.modality.image.model.KeypointTemplate;
import dev.vellum.modality.image.model.Tag;
import dev.vellum.modality.image.raster.ImageInfo;
import dev.vellum.modality.image.raster.RasterImages;
import dev.vellum.modality.image.raster.TiledImage;
import dev.vellum.modality.image.raster.Window;
import dev.vellum.modality.image.ui.internal.Figure;
import dev.vellum.modality.image.ui.viewers.CanvasHost;
import dev.vellum.modality.image.ui.viewers.ImageCanvas;
import dev.vellum.modality.image.ui.viewers.LabelPalette;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.runtime.ILog;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.Persist;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.EMenuService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;

/**
 * The editor of image items: the image (tiled, any size) with every annotator's shapes, the
 * drawing and editing tools, and the label palette. Edits are undoable edits of the session; the
 * set edited is the user's own unless another annotator's is chosen (a reviewer correcting work).
 */
public final class ImageEditor implements ItemEditor, CanvasHost {
    /** Part descriptor id, as contributed by this bundle's model fragment. */
    public static final String PART_DESCRIPTOR = "dev.vellum.modality.image.ui.partdescriptor.editor";
    private static final String OPEN_ITEM_COMMAND = "dev.vellum.app.command.openItem";
    private static final String OPEN_ITEM_PARAMETER = "dev.vellum.app.command.openItem.itemId";
    private static final RGB[] FALLBACK = {new RGB(0xe6, 0x19, 0x4b), new RGB(0x3c, 0xb4, 0x4b), new RGB(0x43, 0x63, 0xd8),
            new RGB(0xf5, 0x82, 0x31), new RGB(0x91, 0x1e, 0xb4), new RGB(0x42, 0xd4, 0xf4), new RGB(0xf0, 0x32, 0xe6),
            new RGB(0xbf, 0xef, 0x45)};

    private final MPart part;
    private final ProjectSession session;
    private final ESelectionService selectionService;
    private final ECommandService commands;
    private final EHandlerService handlers;
    private final EPartService parts;
    private final EMenuService menus;
    private final SetFilter visibility;
    private final ProjectListener listener = this::projectChanged;

    private String itemId;
    private Item item;
    private TiledImage image;
    private String activeAnnotator;
    private boolean showOthers = true;
    private String currentLabel = "";
    private boolean fillingWindow;
    private List<SelectedAnnotation> selectedAnnotations = List.of();
    private final AtomicBoolean cancelLoading = new AtomicBoolean();

    private Composite root;
    private EditorPages pages;
    private Composite loadingPage;
    private Label loadingText;
    private ProgressBar loadingBar;
    private Composite editorPage;
    private ImageCanvas canvas;
    private LabelPalette palette;
    private Combo setCombo;
    private Button othersCheck;
    private Composite windowBar;
    private Spinner windowCentre;
    private Spinner windowWidth;
    private EditorStatus statusLine;
    private final List<ToolItem> toolItems = new ArrayList<>();

    @Inject
    public ImageEditor(MPart part, @Optional ProjectSession session, @Optional ESelectionService selection,
            @Optional ECommandService commands, @Optional EHandlerService handlers, @Optional EPartService parts,
            @Optional EMenuService menus, @Optional SetFilter visibility) {
        this.part = part;
        this.visibility = SetFilter.orAll(visibility);
        this.session = session;
        this.selectionService = selection;
        this.commands = commands;
        this.handlers = handlers;
        this.parts = parts;
        this.menus = menus;
    }

    @PostConstruct
    void create(Composite parent) {
        itemId = part.getPersistedState().get(EditorProvider.ITEM_ID);
        pages = new EditorPages(parent);
        root = pages.root();
        createLoadingPage();
        createEditorPage();
        root.addDisposeListener(e -> closeImage());
        if (session != null) {
            session.addListener(listener);
            activeAnnotator = session.user();
        }
        load();
    }

    @PreDestroy
    void dispose() {
        cancelLoading.set(true);
        SessionEdits.detach(session, listener, item != null ? itemId : null);
    }

    @Focus
    void focus() {
        if (pages.isTop(editorPage)) {
            canvas.setFocus();
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
        SessionEdits.save(session, root.getShell(), ImageEditor.class);
    }

    // ---------------------------------------------------------------- widgets

    private void createLoadingPage() {
        loadingPage = new Composite(root, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 24;
        layout.marginHeight = 24;
        loadingPage.setLayout(layout);
        loadingText = new Label(loadingPage, SWT.WRAP);
        loadingText.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        loadingBar = new ProgressBar(loadingPage, SWT.SMOOTH);
        loadingBar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button cancel = new Button(loadingPage, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.addListener(SWT.Selection, e -> cancelLoading.set(true));
    }

    private void createEditorPage() {
        editorPage = new Composite(root, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 0;
        editorPage.setLayout(layout);

        Composite bar = new Composite(editorPage, SWT.NONE);
        GridLayout barLayout = new GridLayout(3, false);
        barLayout.marginHeight = 2;
        barLayout.marginWidth = 4;
        bar.setLayout(barLayout);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        ToolBar tools = new ToolBar(bar, SWT.FLAT | SWT.RIGHT);
        for (ImageCanvas.Tool t : ImageCanvas.Tool.values()) {
            ToolItem ti = new ToolItem(tools, SWT.RADIO);
            ti.setText(t.shortTitle);
            ti.setToolTipText(t.title + " (" + Character.toUpperCase(t.key) + ")");
            ti.setData(t);
            ti.setSelection(t == ImageCanvas.Tool.SELECT);
            ti.addListener(SWT.Selection, e -> {
                if (ti.getSelection()) {
                    canvas.setTool(t);
                    canvas.setFocus();
                }
            });
            toolItems.add(ti);
        }
        new ToolItem(tools, SWT.SEPARATOR);
        ToolItem fit = new ToolItem(tools, SWT.PUSH);
        fit.setText("Fit");
        fit.setToolTipText("Fit the image into the view (F)");
        fit.addListener(SWT.Selection, e -> canvas.fit());
        ToolItem actual = new ToolItem(tools, SWT.PUSH);
        actual.setText("1:1");
        actual.setToolTipText("Show image pixels one to one (0)");
        actual.addListener(SWT.Selection, e -> canvas.actualSize());

        Label spacer = new Label(bar, SWT.NONE);
        spacer.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        windowBar = new Composite(bar, SWT.NONE);
        GridLayout wl = new GridLayout(4, false);
        wl.marginHeight = 0;
        windowBar.setLayout(wl);
        new Label(windowBar, SWT.NONE).setText("Level");
        windowCentre = new Spinner(windowBar, SWT.BORDER);
        windowCentre.setValues(128, -1 << 20, 1 << 20, 0, 16, 256);
        new Label(windowBar, SWT.NONE).setText("Window");
        windowWidth = new Spinner(windowBar, SWT.BORDER);
        windowWidth.setValues(256, 1, 1 << 21, 0, 16, 256);
        windowCentre.addListener(SWT.Modify, e -> windowChanged());
        windowWidth.addListener(SWT.Modify, e -> windowChanged());
        windowBar.setLayoutData(new GridData(SWT.RIGHT, SWT.CENTER, false, false));
        windowBar.setVisible(false);
        ((GridData) windowBar.getLayoutData()).exclude = true;

        SashForm sash = new SashForm(editorPage, SWT.HORIZONTAL | SWT.SMOOTH);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        canvas = new ImageCanvas(sash, this);
        if (menus != null) {
            menus.registerContextMenu(canvas, ItemEditor.POPUP_MENU);
        }
        palette = new LabelPalette(sash, new LabelPalette.Listener() {
            @Override
            public void chosen(String label, boolean apply) {
                chooseLabel(label, apply);
            }

            @Override
            public void visibilityChanged(String label, boolean hidden, boolean locked) {
                canvas.scene().setHidden(label, hidden);
                canvas.scene().setLocked(label, locked);
                canvas.invalidate();
            }

            @Override
            public void tagToggled(String label, boolean on) {
                toggleTag(label, on);
            }

            @Override
            public void done() {
                canvas.setFocus();
            }
        });
        Composite sets = palette.header();
        GridLayout setsLayout = new GridLayout(3, false);
        setsLayout.marginWidth = 0;
        setsLayout.marginHeight = 0;
        sets.setLayout(setsLayout);
        new Label(sets, SWT.NONE).setText("Set");
        setCombo = new Combo(sets, SWT.READ_ONLY);
        GridData comboData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        comboData.widthHint = 90;
        setCombo.setLayoutData(comboData);
        setCombo.setToolTipText("Whose annotation set new and changed shapes go into");
        setCombo.addListener(SWT.Selection, e -> {
            String chosen = (String) setCombo.getData(Integer.toString(setCombo.getSelectionIndex()));
            if (chosen != null) {
                activeAnnotator = chosen;
                refresh();
                canvas.setFocus();
            }
        });
        othersCheck = new Button(sets, SWT.CHECK);
        othersCheck.setText("Others");
        othersCheck.setToolTipText("Also show the other annotators' shapes (dashed), those the workflow lets you see");
        othersCheck.setSelection(showOthers);
        othersCheck.addListener(SWT.Selection, e -> {
            showOthers = othersCheck.getSelection();
            refresh();
            canvas.setFocus();
        });
        sash.setWeights(76, 24);
        // the palette keeps a usable width (about 260 pixels) whatever the editor's size; the canvas takes the rest
        sash.addListener(SWT.Resize, e -> {
            int width = sash.getClientArea().width;
            if (width > 400) {
                int side = Math.max(240, Math.min(320, width / 4));
                sash.setWeights(width - side, side);
                sash.layout();
            }
        });

        Label status = new Label(editorPage, SWT.NONE);
        GridData sd = new GridData(SWT.FILL, SWT.BOTTOM, true, false);
        sd.horizontalIndent = 6;
        status.setLayoutData(sd);
        status.setText(" ");
        statusLine = new EditorStatus(status);
    }

    // ---------------------------------------------------------------- loading

    private void load() {
        if (session == null) {
            showMessage("No project is open.");
            return;
        }
        if (itemId == null) {
            showMessage("The editor was opened without an item.");
            return;
        }
        try {
            item = session.retain(itemId);
        } catch (StoreException e) {
            showMessage(e.getMessage());
            return;
        } catch (RuntimeException e) {
            ILog.of(ImageEditor.class).error("item '" + itemId + "': " + e.getMessage(), e);
            showMessage("item '" + itemId + "': " + e.getMessage());
            return;
        }
        Asset asset = item.assets().stream().filter(a -> ImageModality.ID.equals(a.modalityId())).findFirst()
                .orElse(item.assets().isEmpty() ? null : item.assets().get(0));
        if (asset == null) {
            showMessage("Item '" + itemId + "' has no image.");
            return;
        }
        URI uri = session.stored().resolve(asset);
        if (!"file".equals(uri.getScheme())) {
            showMessage("Item '" + itemId + "': only images in files can be shown, not " + uri);
            return;
        }
        // a multi-page file's item names its page in the fragment: scan.tif#page=3 (pages count from 1)
        int page = 0;
        if (uri.getFragment() != null && uri.getFragment().startsWith("page=")) {
            try {
                page = Math.max(0, Integer.parseInt(uri.getFragment().substring(5)) - 1);
            } catch (NumberFormatException e) {
                showMessage("Item '" + itemId + "': '" + uri.getFragment() + "' is not a page number");
                return;
            }
        }
        int pageIndex = page;
        Path file;
        try {
            file = Path.of(new URI(uri.getScheme(), uri.getSchemeSpecificPart(), null));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            showMessage("Item '" + itemId + "': cannot read " + uri + ": " + e.getMessage());
            return;
        }
        Path cache = session.stored().cacheFolder();
        Display display = root.getDisplay();
        loadingText.setText("Opening " + file.getFileName() + "...");
        loadingBar.setSelection(0);
        pages.show(loadingPage);
        Thread loader = new Thread(() -> {
            try {
                ImageInfo info = RasterImages.probe(file, pageIndex);
                if (RasterImages.needsPyramid(info) && !RasterImages.hasPyramid(file, pageIndex, cache)) {
                    display.asyncExec(() -> {
                        if (!root.isDisposed()) {
                            loadingText.setText("Preparing " + file.getFileName() + " (" + info.width() + " x " + info.height()
                                    + ") for display. This is done once; later openings are immediate.");
                            root.layout(true, true);
                        }
                    });
                }
                TiledImage opened = RasterImages.open(file, pageIndex, cache, new LoadingProgress(display));
                display.asyncExec(() -> {
                    if (root.isDisposed()) {
                        opened.close();
                    } else {
                        show(opened);
                    }
                });
            } catch (CancellationException e) {
                display.asyncExec(() -> showMessage("Opening " + file.getFileName() + " was cancelled. Close the editor and open the item again to retry."));
            } catch (IOException | RuntimeException e) {
                ILog.of(ImageEditor.class).warn(e.getMessage(), e);
                display.asyncExec(() -> showMessage(e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }, "vellum-open-image");
        loader.setDaemon(true);
        loader.start();
    }

    private final class LoadingProgress implements Progress {
        private final Display display;
        private volatile int total = -1;
        private int done;

        LoadingProgress(Display display) {
            this.display = display;
        }

        @Override
        public void begin(String task, int totalWork) {
            total = totalWork;
            done = 0;
            display.asyncExec(() -> {
                if (!root.isDisposed()) {
                    loadingBar.setMaximum(Math.max(1, totalWork));
                    loadingBar.setSelection(0);
                }
            });
        }

        @Override
        public void worked(int work) {
            done += work;
            int now = done;
            display.asyncExec(() -> {
                if (!root.isDisposed()) {
                    loadingBar.setSelection(now);
                }
            });
        }

        @Override
        public boolean isCanceled() {
            return cancelLoading.get();
        }
    }

    private void show(TiledImage opened) {
        closeImage();
        image = opened;
        pages.show(editorPage);
        canvas.setImage(opened);
        // window/level for grey images (medical-style, 8 or 16 bits); 16-bit colour shows its full range
        boolean levels = opened.info().bands() <= 2;
        windowBar.setVisible(levels);
        ((GridData) windowBar.getLayoutData()).exclude = !levels;
        if (levels) {
            Window w = opened.defaultWindow();
            fillingWindow = true;
            windowCentre.setSelection((int) Math.round(w.center()));
            windowWidth.setSelection((int) Math.round(w.width()));
            fillingWindow = false;
        }
        editorPage.layout(true, true);
        refresh();
        canvas.fit();
        canvas.setFocus();
    }

    private void windowChanged() {
        if (image != null && !fillingWindow) {
            canvas.setWindow(new Window(windowCentre.getSelection(), Math.max(1, windowWidth.getSelection())));
        }
    }

    private void showMessage(String text) {
        pages.showMessage(text);
    }

    private void closeImage() {
        if (image != null) {
            image.close();
            image = null;
        }
    }

    // ---------------------------------------------------------------- refresh

    private void projectChanged(ProjectChange change) {
        SessionEdits.refreshOn(change, itemId, root, this::refresh);
    }

    /** Brings the canvas, the set chooser and the palette in step with the item and the schema. */
    public void refresh() {
        if (root.isDisposed() || item == null || session == null) {
            return;
        }
        Item now = session.item(itemId);
        if (now != null) {
            item = now;
        }
        fillSetCombo();
        List<String> shown = new ArrayList<>();
        shown.add(activeAnnotator);
        if (showOthers) {
            // blind: only the sets the workflow lets this user see (their own always)
            visibility.visibleAnnotators(session.project(), item, session.user()).stream().filter(a -> !a.equals(activeAnnotator))
                    .forEach(shown::add);
        }
        canvas.setItem(item, shown);
        palette.setLabels(labels(), counts(), tags());
        if (currentLabel.isEmpty() || schema().labelClass(currentLabel).isEmpty()) {
            List<LabelClass> labels = labels();
            currentLabel = labels.isEmpty() ? "" : labels.get(0).name();
        }
        palette.setCurrent(currentLabel);
        part.setLabel(itemId);
    }

    private void fillSetCombo() {
        Set<String> annotators = new LinkedHashSet<>();
        annotators.add(session.user());
        visibility.visibleAnnotators(session.project(), item, session.user()).stream()
                .filter(a -> ItemEditor.mayEdit(session.project(), session.user(), a)).forEach(annotators::add);
        if (!annotators.contains(activeAnnotator)) {
            activeAnnotator = session.user();
        }
        setCombo.removeAll();
        int i = 0;
        for (String a : annotators) {
            AnnotationSet set = item.set(a).orElse(null);
            String text = a + (a.equals(session.user()) ? " (you)" : "") + (set == null ? "" : "  \u00b7  " + set.annotations().size());
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
        return session.project().schema(ImageModality.ID).orElse(new LabelSchema(ImageModality.ID, List.of()));
    }

    private List<LabelClass> labels() {
        return schema().classes();
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> counts = new java.util.HashMap<>();
        item.set(activeAnnotator).ifPresent(s -> s.annotations().forEach(a -> {
            if (!Tag.TYPE.equals(a.typeId())) {
                counts.merge(a.label(), 1, Integer::sum);
            }
        }));
        return counts;
    }

    private Set<String> tags() {
        Set<String> tags = new LinkedHashSet<>();
        item.set(activeAnnotator).ifPresent(s -> s.annotations().stream().filter(a -> Tag.TYPE.equals(a.typeId()))
                .forEach(a -> tags.add(a.label())));
        return tags;
    }

    // ---------------------------------------------------------------- labels and tags

    private void chooseLabel(String label, boolean apply) {
        currentLabel = label;
        palette.setCurrent(label);
        if (apply) {
            canvas.relabelSelection(label);
        }
        status(canvas.tool().title + ": label '" + label + "'");
    }

    private void toggleTag(String label, boolean on) {
        AnnotationSet set = item.set(activeAnnotator).orElse(null);
        Annotation existing = set == null ? null
                : set.annotations().stream().filter(a -> Tag.TYPE.equals(a.typeId()) && a.label().equals(label)).findFirst().orElse(null);
        if (on && existing == null) {
            Annotation tag = Annotation.create(Ids.random(), Tag.TYPE, label, new Tag().toPayload(), session.user());
            execute(new AddAnnotation(itemId, activeAnnotator, tag, -1, guidelineVersion()));
        } else if (!on && existing != null) {
            execute(new RemoveAnnotation(itemId, activeAnnotator, existing.id()));
        }
    }

    // ---------------------------------------------------------------- CanvasHost

    @Override
    public String itemId() {
        return itemId;
    }

    @Override
    public String user() {
        return session.user();
    }

    @Override
    public int guidelineVersion() {
        return session.project().currentGuidelineVersion();
    }

    @Override
    public String activeAnnotator() {
        return activeAnnotator;
    }

    @Override
    public String currentLabel() {
        return currentLabel;
    }

    @Override
    public RGB color(String label) {
        LabelClass c = schema().labelClass(label).orElse(null);
        if (c == null) {
            return FALLBACK[Math.floorMod(label.hashCode(), FALLBACK.length)];
        }
        int v = Integer.parseInt(c.color().substring(1), 16);
        return new RGB(v >> 16 & 0xFF, v >> 8 & 0xFF, v & 0xFF);
    }

    @Override
    public KeypointTemplate template(String label) {
        return KeypointTemplate.forLabel(session.project(), label);
    }

    @Override
    public boolean execute(EditCommand command) {
        return SessionEdits.execute(session, command, statusLine, ImageEditor.class);
    }

    @Override
    public void toolChanged(ImageCanvas.Tool tool) {
        for (ToolItem ti : toolItems) {
            ti.setSelection(ti.getData() == tool);
        }
    }

    @Override
    public void selectionChanged(List<Figure> selected) {
        selectedAnnotations = selected.stream().map(f -> new SelectedAnnotation(f.annotator(), f.annotation())).toList();
        if (selected.size() == 1 && !selected.get(0).label().isEmpty()) {
            currentLabel = selected.get(0).label();
            palette.setCurrent(currentLabel);
        }
        if (selectionService != null) {
            List<Annotation> annotations = selected.stream().map(Figure::annotation).toList();
            selectionService.setSelection(annotations.isEmpty() ? null : annotations.size() == 1 ? annotations.get(0) : annotations);
        }
    }

    @Override
    public boolean keyPressed(int keyCode, int stateMask, char character) {
        if (keyCode == SWT.PAGE_DOWN || keyCode == SWT.PAGE_UP) {
            return openNeighbour(keyCode == SWT.PAGE_DOWN ? 1 : -1);
        }
        if ((stateMask & SWT.MOD1) != 0) {
            return false;
        }
        if (character >= '1' && character <= '9') {
            String label = labelForHotkey(String.valueOf(character));
            if (label != null) {
                chooseLabel(label, true);
                return true;
            }
        }
        switch (Character.toLowerCase(character)) {
            case '/' -> {
                palette.focusSearch();
                return true;
            }
            case 't' -> {
                if (!currentLabel.isEmpty()) {
                    toggleTag(currentLabel, !tags().contains(currentLabel));
                }
                return true;
            }
            case 'h' -> {
                palette.toggleHidden(currentLabel);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** The label a digit chooses: the class with that hotkey, else the n-th class. */
    private String labelForHotkey(String key) {
        List<LabelClass> labels = labels();
        for (LabelClass c : labels) {
            if (c.hotkey().equals(key)) {
                return c.name();
            }
        }
        int n = key.charAt(0) - '1';
        boolean anyHotkeys = labels.stream().anyMatch(c -> !c.hotkey().isEmpty());
        return !anyHotkeys && n < labels.size() ? labels.get(n).name() : null;
    }

    /** Opens the next (or previous) image item of the project in place of this one. */
    public boolean openNeighbour(int direction) {
        List<String> ids = session.project().items().stream().filter(s -> ImageModality.ID.equals(s.modalityId())).map(s -> s.id()).toList();
        int here = ids.indexOf(itemId);
        int next = here + direction;
        if (here < 0 || next < 0 || next >= ids.size() || commands == null || handlers == null) {
            status(next >= ids.size() ? "This is the last image item." : next < 0 ? "This is the first image item." : statusLine.text());
            return false;
        }
        ParameterizedCommand open = commands.createCommand(OPEN_ITEM_COMMAND, Map.of(OPEN_ITEM_PARAMETER, ids.get(next)));
        handlers.executeHandler(open);
        if (parts != null) {
            parts.hidePart(part);
        }
        return true;
    }

    @Override
    public void status(String text) {
        statusLine.status(text);
    }

    private void problem(String text) {
        statusLine.problem(text);
    }

    /** The last edit that failed, in words, or null (tests). */
    public String lastProblem() {
        return statusLine.lastProblem();
    }

    // ---------------------------------------------------------------- ItemEditor

    @Override
    public List<SelectedAnnotation> selectedAnnotations() {
        return selectedAnnotations;
    }

    @Override
    public void select(List<SelectedAnnotation> annotations) {
        canvas.select(annotations.stream().map(a -> Figure.key(a.annotator(), a.annotation().id())).toList(), false);
    }

    @Override
    public void reveal(SelectedAnnotation annotation) {
        canvas.select(List.of(Figure.key(annotation.annotator(), annotation.annotation().id())), true);
        canvas.setFocus();
    }

    /**
     * Performs a context-menu action on the selected shapes: {@code copy}, {@code paste},
     * {@code delete}, {@code front} or {@code back}.
     *
     * @throws IllegalArgumentException for another action
     */
    public void perform(String action) {
        switch (action) {
            case "copy" -> canvas.copySelection();
            case "paste" -> canvas.paste();
            case "delete" -> canvas.deleteSelection();
            case "front" -> canvas.reorderSelection(true);
            case "back" -> canvas.reorderSelection(false);
            default -> throw new IllegalArgumentException("no image editor action '" + action + "'");
        }
    }

    /** The canvas (tests and benchmarks). */
    public ImageCanvas canvas() {
        return canvas;
    }

    /** The item shown, or null. */
    public Item item() {
        return item;
    }

    /** Whether the image is shown (loading finished). */
    public boolean isShowing() {
        return pages.isShowing(editorPage);
    }

    /** The message shown instead of the image, or null. */
    public String message() {
        return pages.message();
    }

    /** The label palette (tests). */
    public LabelPalette palette() {
        return palette;
    }

    /** Chooses whose set is edited (tests, and the set chooser). */
    public void setActiveAnnotator(String annotator) {
        activeAnnotator = annotator;
        refresh();
    }
}
