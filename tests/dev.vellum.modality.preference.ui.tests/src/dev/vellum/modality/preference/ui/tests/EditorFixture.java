package dev.vellum.modality.preference.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.ui.parts.PreferenceEditor;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;

/**
 * A folder project with the given comparisons as items {@code c-0}, {@code c-1}... (each a JSON
 * asset under media/chat), the given {@code preference.settings}, a shell of 1280 x 800 and a
 * preference editor on an item for "alice", as the workbench would make it, without a running
 * workbench.
 */
final class EditorFixture implements AutoCloseable {
    final Display display = Display.getDefault();
    final Shell shell = new Shell(display);
    final FolderProject stored;
    final ProjectSession session;
    final IEclipseContext context = EclipseContextFactory.create("preference-editor-test");
    final List<Object> selections = new ArrayList<>();
    PreferenceEditor editor;

    EditorFixture(Path tmp, Map<String, Object> settings, List<Comparison> comparisons) throws Exception {
        this(tmp, settings, comparisons, "alice");
    }

    EditorFixture(Path tmp, Map<String, Object> settings, List<Comparison> comparisons, String user) throws Exception {
        Path dir = tmp.resolve("project");
        stored = Files.exists(dir) ? new FolderProjectStore().open(dir.toString()) : create(dir, settings, comparisons);
        session = new ProjectSession(stored, user);
        shell.setSize(1280, 800);
        shell.setLayout(new FillLayout());
        context.set(ProjectSession.class, session);
        context.set(Composite.class, shell);
        shell.open();
    }

    private static FolderProject create(Path dir, Map<String, Object> settings, List<Comparison> comparisons) throws Exception {
        FolderProject p = new FolderProjectStore().create(dir.toString(), "pref", "Preferences");
        if (settings != null) {
            p.project().setExtensions(Map.of("preference.settings", settings));
        }
        p.saveProject();
        Path media = Files.createDirectories(dir.resolve("media/chat"));
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            Files.writeString(media.resolve("c-" + i + ".json"), comparisons.get(i).toJsonText(), StandardCharsets.UTF_8);
            items.add(new Item("c-" + i, "", List.of(new Asset("media/chat/c-" + i + ".json", "preference", "", Map.of())), Map.of(),
                    List.of(), List.of()));
        }
        p.saveItems(items);
        return p;
    }

    PreferenceEditor open(String itemId) {
        MPart part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(EditorProvider.ITEM_ID, itemId);
        context.set(MPart.class, part);
        editor = ContextInjectionFactory.make(PreferenceEditor.class, context);
        shell.layout(true, true);
        spin();
        assertTrue(editor.isShowing(), "the comparison did not show: " + editor.message());
        return editor;
    }

    /** The annotations of the user's set in item {@code itemId} now. */
    List<Annotation> annotations(String itemId) {
        return session.item(itemId).set(session.user()).map(AnnotationSet::annotations).orElse(List.of());
    }

    /** Sends a key press to the response pane at {@code position}, as the keyboard would. */
    void key(int position, int keyCode, char character, int state) {
        StyledText t = editor.view().panes().get(position).viewer().getControl();
        t.setFocus();
        Event e = new Event();
        e.keyCode = keyCode;
        e.character = character;
        e.stateMask = state;
        e.doit = true;
        t.notifyListeners(SWT.KeyDown, e);
        spin();
    }

    void key(char c) {
        key(editor.focusedResponse(), c, c, 0);
    }

    void click(int position) {
        StyledText t = editor.view().panes().get(position).viewer().getControl();
        Event e = new Event();
        e.x = 20;
        e.y = 20;
        e.button = 1;
        t.notifyListeners(SWT.MouseDown, e);
        t.notifyListeners(SWT.MouseUp, e);
        spin();
    }

    void spin() {
        while (display.readAndDispatch()) {
            // drain
        }
    }

    /** Runs the event loop until {@code done} or 5 s. */
    void waitFor(BooleanSupplier done) {
        long end = System.currentTimeMillis() + 5000;
        while (!done.getAsBoolean() && System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
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
}
