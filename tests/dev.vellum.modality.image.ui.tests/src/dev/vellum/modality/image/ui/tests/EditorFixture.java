package dev.vellum.modality.image.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.modality.image.ui.parts.ImageEditor;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
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
 * A folder project with one 400 x 300 image item, a shell of 1000 x 700 and an image editor on the
 * item, as the workbench would make it, without a running workbench.
 */
final class EditorFixture implements AutoCloseable {
    static final int WIDTH = 400, HEIGHT = 300;

    final Display display = Display.getDefault();
    final Shell shell = new Shell(display);
    final FolderProject stored;
    final ProjectSession session;
    final IEclipseContext context = EclipseContextFactory.create("image-editor-test");
    final List<Object> selections = new ArrayList<>();
    ImageEditor editor;

    EditorFixture(Path tmp, AnnotationSet... sets) throws Exception {
        Path dir = tmp.resolve("project");
        stored = new FolderProjectStore().create(dir.toString(), "img", "Images");
        stored.project().putSchema(new LabelSchema("image", List.of(new LabelClass("car", "#e6194b", "1", List.of()),
                new LabelClass("person", "#3cb44b", "2", List.of()), new LabelClass("road", "#808000", "3", List.of()))));
        stored.saveProject();
        Path media = Files.createDirectories(dir.resolve("media"));
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0x336699));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.WHITE);
        g.fillRect(100, 100, 50, 40);
        g.dispose();
        ImageIO.write(img, "png", media.resolve("a.png").toFile());
        stored.saveItem(new Item("a", "", List.of(new Asset("media/a.png", "image", "", Map.of())), Map.of(), List.of(), List.of(sets)));
        ImageIO.write(img, "png", media.resolve("b.png").toFile());
        stored.saveItem(new Item("b", "", List.of(new Asset("media/b.png", "image", "", Map.of())), Map.of(), List.of(), List.of()));
        session = new ProjectSession(stored, "alice");
        shell.setSize(1000, 700);
        shell.setLayout(new FillLayout());
        context.set(ProjectSession.class, session);
        context.set(ESelectionService.class, new Selections());
        context.set(Composite.class, shell);
        shell.open();
    }

    ImageEditor open(String itemId) {
        MPart part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(EditorProvider.ITEM_ID, itemId);
        context.set(MPart.class, part);
        editor = ContextInjectionFactory.make(ImageEditor.class, context);
        shell.layout(true, true);
        long until = System.currentTimeMillis() + 10_000;
        while (!editor.isShowing() && editor.message() == null && System.currentTimeMillis() < until) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        assertTrue(editor.isShowing(), "the image did not show: " + editor.message());
        spin();
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
