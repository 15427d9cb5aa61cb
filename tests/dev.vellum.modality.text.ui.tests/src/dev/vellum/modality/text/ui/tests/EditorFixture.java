package dev.vellum.modality.text.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.modality.text.ui.parts.TextEditor;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.e4.ui.workbench.modeling.ISelectionListener;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * A folder project with one text item "a" (the given text, UTF-8), the text schema PER, ORG, LOC,
 * DATE on keys 1-4, a shell of 1000 x 700 and a text editor on the item, as the workbench would
 * make it, without a running workbench.
 */
final class EditorFixture implements AutoCloseable {
    final Display display = Display.getDefault();
    final Shell shell = new Shell(display);
    final FolderProject stored;
    final ProjectSession session;
    final IEclipseContext context = EclipseContextFactory.create("text-editor-test");
    final List<Object> selections = new ArrayList<>();
    TextEditor editor;

    EditorFixture(Path tmp, String text, Map<String, Object> assetMetadata, AnnotationSet... sets) throws Exception {
        Path dir = tmp.resolve("project");
        stored = new FolderProjectStore().create(dir.toString(), "txt", "Texts");
        stored.project().putSchema(new LabelSchema("text", List.of(new LabelClass("PER", "#e6194b", "1", List.of()),
                new LabelClass("ORG", "#4363d8", "2", List.of()), new LabelClass("LOC", "#3cb44b", "3", List.of()),
                new LabelClass("DATE", "#f58231", "4", List.of()))));
        stored.saveProject();
        Path media = Files.createDirectories(dir.resolve("media"));
        Files.writeString(media.resolve("a.txt"), text, StandardCharsets.UTF_8);
        stored.saveItem(new Item("a", "", List.of(new Asset("media/a.txt", "text", "", assetMetadata)), Map.of(), List.of(), List.of(sets)));
        session = new ProjectSession(stored, "alice");
        shell.setSize(1000, 700);
        shell.setLayout(new FillLayout());
        context.set(ProjectSession.class, session);
        context.set(ESelectionService.class, new Selections());
        context.set(Composite.class, shell);
        shell.open();
    }

    TextEditor open() {
        MPart part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(EditorProvider.ITEM_ID, "a");
        context.set(MPart.class, part);
        editor = ContextInjectionFactory.make(TextEditor.class, context);
        shell.layout(true, true);
        spin();
        assertTrue(editor.isShowing(), "the text did not show: " + editor.message());
        return editor;
    }

    /** The annotations of alice's set now, in order. */
    List<Annotation> annotations() {
        return session.item("a").set("alice").map(AnnotationSet::annotations).orElse(List.of());
    }

    void spin() {
        while (display.readAndDispatch()) {
            // drain
        }
    }

    @Override
    public void close() {
        shell.dispose();
        spin();
        try {
            stored.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Selections implements ESelectionService {
        private Object current;

        @Override
        public void setSelection(Object s) {
            current = s;
            selections.add(s);
        }

        @Override
        public void setPostSelection(Object s) {
            setSelection(s);
        }

        @Override
        public Object getSelection() {
            return current;
        }

        @Override
        public Object getSelection(String partId) {
            return current;
        }

        @Override
        public void addSelectionListener(ISelectionListener listener) {
        }

        @Override
        public void removeSelectionListener(ISelectionListener listener) {
        }

        @Override
        public void addSelectionListener(String partId, ISelectionListener listener) {
        }

        @Override
        public void removeSelectionListener(String partId, ISelectionListener listener) {
        }

        @Override
        public void addPostSelectionListener(ISelectionListener listener) {
        }

        @Override
        public void removePostSelectionListener(ISelectionListener listener) {
        }

        @Override
        public void addPostSelectionListener(String partId, ISelectionListener listener) {
        }

        @Override
        public void removePostSelectionListener(String partId, ISelectionListener listener) {
        }
    }
}
