package dev.vellum.app.parts;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.ItemSummary.SetSummary;
import dev.vellum.core.session.ProjectChange;
import dev.vellum.core.session.ProjectListener;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.editors.SetFilter;
import dev.vellum.core.ui.widgets.ColorMarks;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import dev.vellum.core.ui.editors.ItemEditor.SelectedAnnotation;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;

/**
 * The properties of the selection: an item (identity, assets with hash and metadata, each
 * annotator's set) or an annotation (every field, attributes and payload unfolded), as a
 * read-only Property | Value tree. When the selection is one or more annotations of an item editor
 * (the active part, or the one last active), a form above the tree edits their label and
 * attributes ({@link AnnotationForm}); the annotator of each is the one the editor reports, else
 * the one whose set holds it in the editor's item.
 */
public final class PropertiesPart {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private ProjectSession session;

    private Tree tree;
    private ColorMarks marks;
    private Font boldFont;
    private Object shown;
    private AnnotationForm form;
    private final FollowedEditor editors = new FollowedEditor();
    private String formItem;
    private List<SelectedAnnotation> formAnnotations = List.of();
    private final ProjectListener changes = this::onChange;
    private final SetFilter visibility;

    /** Shows only the sets {@code visibility} lets the user see (all when there is none). */
    @Inject
    public PropertiesPart(@Optional SetFilter visibility) {
        this.visibility = SetFilter.orAll(visibility);
    }

    @PostConstruct
    void create(Composite parent) {
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 0;
        parent.setLayout(layout);
        marks = new ColorMarks(parent.getDisplay());
        form = new AnnotationForm(parent);
        tree = new Tree(parent, SWT.FULL_SELECTION | SWT.SINGLE);
        tree.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        tree.setData(ProjectExplorerPart.WIDGET_ID, "properties.tree");
        tree.setHeaderVisible(true);
        tree.setLinesVisible(true);
        TreeColumn property = new TreeColumn(tree, SWT.LEFT);
        property.setText("Property");
        property.setWidth(130);
        TreeColumn value = new TreeColumn(tree, SWT.LEFT);
        value.setText("Value");
        value.setWidth(200);
        tree.addListener(SWT.Resize, e -> value.setWidth(Math.max(120, tree.getClientArea().width - property.getWidth())));
        tree.addListener(SWT.Expand, e -> tree.getDisplay().asyncExec(() -> {
            if (!tree.isDisposed()) {
                fitPropertyColumn();
            }
        }));
        boldFont = FontDescriptor.createFrom(tree.getFont()).setStyle(SWT.BOLD).createFont(tree.getDisplay());
        tree.addDisposeListener(e -> {
            marks.dispose();
            boldFont.dispose();
        });
        show(shown);
        form.show(session, formItem, formAnnotations);
    }

    /** Forgets what was shown when another project opens: it belongs to the old one. */
    @Inject
    void projectChanged(@Optional ProjectSession newSession) {
        if (newSession != session) {
            if (session != null) {
                session.removeListener(changes);
            }
            session = newSession;
            if (session != null) {
                session.addListener(changes);
            }
            shown = null;
            formItem = null;
            formAnnotations = List.of();
            if (tree != null && !tree.isDisposed()) {
                show(null);
                form.show(null, null, List.of());
            }
        }
    }

    @PreDestroy
    void dispose() {
        if (session != null) {
            session.removeListener(changes);
        }
    }

    // An edit, undo or redo replaces immutable annotations and summaries: show the current ones.
    private void onChange(ProjectChange change) {
        if (change.kind() != ProjectChange.Kind.ITEMS_CHANGED || tree == null || tree.isDisposed()) {
            return;
        }
        if (tree.getDisplay().getThread() != Thread.currentThread()) {
            tree.getDisplay().asyncExec(() -> onChange(change));
            return;
        }
        Object current = current(shown, change);
        if (current != shown) {
            shown = current;
            show(shown);
        }
        if (formItem != null && change.itemIds().contains(formItem)) {
            form.refresh();
        }
    }

    private Object current(Object o, ProjectChange change) {
        if (session == null) {
            return o;
        }
        if (o instanceof ItemSummary s && change.itemIds().contains(s.id())) {
            return session.project().item(s.id()).orElse(s);
        }
        if (o instanceof Item i && change.itemIds().contains(i.id())) {
            Item now = loadItem(i.id());
            return now == null ? i : now;
        }
        if (o instanceof Annotation a) {
            for (String id : change.itemIds()) {
                Item item = loadItem(id);
                for (AnnotationSet set : item == null ? List.<AnnotationSet>of() : item.sets()) {
                    for (Annotation candidate : set.annotations()) {
                        if (candidate.id().equals(a.id()) && candidate.created().equals(a.created())) {
                            return candidate;
                        }
                    }
                }
            }
        }
        return o;
    }

    @Focus
    void focus() {
        if (form.isShowing() && form.control().setFocus()) {
            return;
        }
        tree.setFocus();
    }

    /**
     * Shows the new selection. An empty selection is ignored, so that clicking into this view (which
     * selects nothing) keeps showing what was selected before. The active part tells which editor
     * the annotations are selected in.
     */
    @Inject
    void selectionChanged(@Optional @Named(IServiceConstants.ACTIVE_SELECTION) Object selection,
            @Optional @Named(IServiceConstants.ACTIVE_PART) MPart active) {
        editors.activated(active);
        if (selection == null || selection instanceof List<?> l && l.isEmpty()) {
            return;
        }
        shown = selection instanceof List<?> l ? l.get(0) : selection;
        formAnnotations = editors.resolve(session, selection);
        formItem = formAnnotations.isEmpty() ? null : editors.itemId();
        if (tree != null && !tree.isDisposed()) {
            show(shown);
            form.show(session, formItem, formAnnotations);
        }
    }

    /** What is shown now. */
    public Object shown() {
        return shown;
    }

    private void show(Object o) {
        tree.setRedraw(false);
        try {
            tree.removeAll();
            if (o instanceof ItemSummary s) {
                showItem(s, loadItem(s.id()));
            } else if (o instanceof Item i) {
                showItem(i.summary(), i);
            } else if (o instanceof Annotation a) {
                showAnnotation(a);
            }
            for (TreeItem top : tree.getItems()) {
                top.setExpanded(true);
            }
            fitPropertyColumn();
        } finally {
            tree.setRedraw(true);
        }
    }

    // The property names decide the first column's width; the values get the rest.
    private void fitPropertyColumn() {
        TreeColumn property = tree.getColumn(0);
        property.pack();
        property.setWidth(Math.max(110, Math.min(property.getWidth() + 8, tree.getClientArea().width / 2)));
        tree.getColumn(1).setWidth(Math.max(120, tree.getClientArea().width - property.getWidth()));
    }

    private Item loadItem(String id) {
        if (session == null) {
            return null;
        }
        try {
            return session.load(id);
        } catch (StoreException | RuntimeException e) {
            return null;
        }
    }

    private void showItem(ItemSummary s, Item item) {
        TreeItem general = section("Item");
        row(general, "Id", s.id());
        row(general, "Dataset", s.dataset().isEmpty() ? "\u2013" : s.dataset());
        row(general, "Modality", s.modalityId());
        TreeItem state = row(general, "State", ColorMarks.nameOf(s.overallState()));
        state.setImage(1, marks.state(s.overallState()));
        row(general, "Annotations", Integer.toString(s.annotationCount()));
        if (item != null) {
            if (!item.assignees().isEmpty()) {
                row(general, "Assigned to", String.join(", ", item.assignees()));
            }
            map(general, "Metadata", item.metadata());
            for (Asset a : item.assets()) {
                TreeItem asset = section("Asset");
                asset.setText(1, a.uri());
                row(asset, "URI", a.uri());
                row(asset, "Modality", a.modalityId());
                row(asset, "Hash", a.contentHash().isEmpty() ? "\u2013" : a.contentHash());
                for (Map.Entry<String, Object> e : a.metadata().entrySet()) {
                    value(asset, e.getKey(), e.getValue());
                }
                asset.setExpanded(true);
            }
        }
        for (SetSummary set : s.sets()) {
            TreeItem t = section("Set");
            t.setText(1, set.annotator());
            TreeItem st = row(t, "State", set.state().displayName());
            st.setImage(1, marks.state(set.state()));
            if (item != null && session != null && !visibility.mayView(session.project(), item, set.annotator(), session.user())) {
                // blind: whose set and how far it is may be known, not what is in it
                row(t, "Work", "hidden until the workflow lets you see it");
                continue;
            }
            row(t, "Annotations", Integer.toString(set.annotationCount()));
            row(t, "Guideline version", Integer.toString(set.guidelineVersion()));
            row(t, "Labels", set.labels().isEmpty() ? "\u2013" : String.join(", ", set.labels()));
            if (item != null) {
                item.set(set.annotator()).map(AnnotationSet::modified).ifPresent(m -> row(t, "Modified", time(m)));
            }
        }
    }

    private void showAnnotation(Annotation a) {
        TreeItem general = section("Annotation");
        row(general, "Id", a.id());
        row(general, "Type", a.typeId());
        row(general, "Label", a.label().isEmpty() ? "\u2013" : a.label());
        row(general, "Provenance", a.provenance().id());
        row(general, "Author", a.author());
        row(general, "Created", time(a.created()));
        row(general, "Modified", time(a.modified()));
        row(general, "Payload version", Integer.toString(a.payloadVersion()));
        TreeItem attributes = section("Attributes");
        attributes.setText(1, a.attributes().isEmpty() ? "none" : "");
        for (Map.Entry<String, Object> e : a.attributes().entrySet()) {
            value(attributes, e.getKey(), e.getValue());
        }
        TreeItem payload = section("Payload");
        for (Map.Entry<String, Object> e : a.payload().entrySet()) {
            value(payload, e.getKey(), e.getValue());
        }
    }

    private TreeItem section(String name) {
        TreeItem t = new TreeItem(tree, SWT.NONE);
        t.setText(0, name);
        t.setFont(0, boldFont);
        return t;
    }

    private static TreeItem row(TreeItem parent, String name, String value) {
        TreeItem t = new TreeItem(parent, SWT.NONE);
        t.setText(0, name);
        t.setText(1, value == null ? "" : value);
        return t;
    }

    private static void map(TreeItem parent, String name, Map<String, Object> map) {
        if (map == null || map.isEmpty()) {
            return;
        }
        value(parent, name, map);
    }

    /** A JSON value as an indented subtree: objects and arrays unfold, scalars are one row. */
    private static void value(TreeItem parent, String name, Object v) {
        TreeItem t = row(parent, name, inline(v));
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                value(t, String.valueOf(e.getKey()), e.getValue());
            }
            t.setExpanded(m.size() <= 12);
        } else if (v instanceof List<?> l && l.stream().anyMatch(x -> x instanceof Map || x instanceof List)) {
            for (int i = 0; i < l.size(); i++) {
                value(t, "[" + i + "]", l.get(i));
            }
            t.setExpanded(l.size() <= 12);
        }
        parent.setExpanded(true);
    }

    private static String inline(Object v) {
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + inline(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof List<?> l) {
            return l.stream().map(PropertiesPart::inline).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        return String.valueOf(v);
    }

    private static String time(Instant i) {
        return i == null ? "" : TIME.format(i);
    }
}
