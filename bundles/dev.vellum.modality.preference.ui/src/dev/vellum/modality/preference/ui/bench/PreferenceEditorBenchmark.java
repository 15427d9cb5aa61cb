package dev.vellum.modality.preference.ui.bench;

import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.modality.preference.PreferenceModality;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.Response;
import dev.vellum.modality.preference.ui.internal.ItemSequence;
import dev.vellum.modality.preference.ui.parts.PreferenceEditor;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;

/**
 * The preference editor's benchmark: a folder project of 100,000 pairwise comparisons (long Markdown
 * responses with code, lists and tables; 64 distinct comparison files shared by the items) in a
 * 1440 x 900 window. Measures opening the project and the editor, indexing the items for browsing,
 * and Enter to the next comparison: when it was laid out ahead (the annotator read the current one
 * for a moment) and when Enter is held down (nothing ahead). Run by
 * {@code releng/scripts/bench-preference-editor} on the built product's jars (needs a display).
 * <p>
 * Arguments: {@code workFolder [items [steps]]}; the project is kept in the work folder.
 */
public final class PreferenceEditorBenchmark {
    private PreferenceEditorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/vellum-bench-preference");
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path dir = work.resolve("project-" + items);
        long t0 = System.nanoTime();
        if (!Files.exists(dir.resolve("vellum.json"))) {
            generate(dir, items);
            System.out.printf(Locale.ROOT, "generated %,d comparisons in %.1f s%n", items, (System.nanoTime() - t0) / 1e9);
        }
        t0 = System.nanoTime();
        FolderProject stored = new FolderProjectStore().open(dir.toString());
        System.out.printf(Locale.ROOT, "project opened (%,d items) in %.0f ms%n", stored.project().itemCount(), (System.nanoTime() - t0) / 1e6);
        t0 = System.nanoTime();
        ItemSequence seq = new ItemSequence(stored.project(), PreferenceModality.ID);
        System.out.printf(Locale.ROOT, "browsing index of %,d comparisons built in %.1f ms%n", seq.size(), (System.nanoTime() - t0) / 1e6);

        Display display = new Display();
        Shell shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1440, 900);
        shell.open();
        ProjectSession session = new ProjectSession(stored, "alice");
        MPart part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(EditorProvider.ITEM_ID, "c-0");
        PreferenceEditor editor = new PreferenceEditor(part, session, null, null);
        t0 = System.nanoTime();
        Method create = PreferenceEditor.class.getDeclaredMethod("create", Composite.class);
        create.setAccessible(true);
        create.invoke(editor, shell);
        shell.layout(true, true);
        spin(display);
        System.out.printf(Locale.ROOT, "editor opened in %.0f ms%n", (System.nanoTime() - t0) / 1e6);

        double[] ahead = new double[steps];
        for (int i = 0; i < steps; i++) {
            long end = System.currentTimeMillis() + 3000;
            while (!editor.nextIsReady() && System.currentTimeMillis() < end) {
                if (!display.readAndDispatch()) {
                    Thread.sleep(2);
                }
            }
            enter(editor, display);
            ahead[i] = editor.lastSwitchPreloaded() ? editor.lastSwitchNanos() / 1e6 : Double.NaN;
            spin(display);
        }
        report("Enter, next laid out ahead", ahead);
        double[] held = new double[Math.min(steps, 50)];
        for (int i = 0; i < held.length; i++) {
            enter(editor, display);
            held[i] = editor.lastSwitchNanos() / 1e6;
        }
        report("Enter held down (laid out on the spot)", held);
        System.out.println("now at " + editor.itemId());
        shell.dispose();
        display.dispose();
        stored.close();
    }

    private static void enter(PreferenceEditor editor, Display display) {
        Event e = new Event();
        e.keyCode = SWT.CR;
        e.character = '\r';
        e.doit = true;
        editor.view().panes().get(0).viewer().getControl().notifyListeners(SWT.KeyDown, e);
    }

    private static void report(String what, double[] ms) {
        double[] v = Arrays.stream(ms).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            System.out.println(what + ": no samples");
            return;
        }
        System.out.printf(Locale.ROOT, "%s: %d steps, median %.1f ms, p95 %.1f ms, max %.1f ms%s%n", what, v.length, v[v.length / 2],
                v[(int) Math.min(v.length - 1, Math.round(v.length * 0.95))], v[v.length - 1],
                v.length < ms.length ? " (" + (ms.length - v.length) + " not ready in time)" : "");
    }

    private static void spin(Display display) {
        while (display.readAndDispatch()) {
            // drain
        }
    }

    private static void generate(Path dir, int count) throws Exception {
        FolderProject p = new FolderProjectStore().create(dir.toString(), "bench", "Preference benchmark");
        p.saveProject();
        Path media = Files.createDirectories(dir.resolve("media/chat"));
        int distinct = 64;
        for (int i = 0; i < distinct; i++) {
            Files.writeString(media.resolve("c-" + i + ".json"), comparison(i).toJsonText(), StandardCharsets.UTF_8);
        }
        List<Item> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(new Item("c-" + i, "", List.of(new Asset("media/chat/c-" + i % distinct + ".json", PreferenceModality.ID, "", Map.of())),
                    Map.of(), List.of(), List.of()));
            if (batch.size() == 5000) {
                p.saveItems(batch);
                batch.clear();
            }
        }
        p.saveItems(batch);
        p.close();
    }

    static Comparison comparison(int i) {
        StringBuilder a = new StringBuilder("## Approach " + i + "\n\n");
        StringBuilder b = new StringBuilder("### Another way\n\n");
        for (int k = 0; k < 12; k++) {
            a.append("Paragraph ").append(k).append(" explains the idea with **bold** words, `inline code` and a [link](https://example.org). ")
                    .append("It goes on for a while so that the response is long enough to scroll.\n\n");
            b.append("Step ").append(k).append(" describes a different idea with *emphasis* and more words than needed. ")
                    .append("Long answers need scrolling, which the editor keeps in step.\n\n");
        }
        a.append("```java\nint sum = 0;\nfor (int x : values) {\n    sum += x;\n}\nreturn sum;\n```\n\n- first\n- second\n- third\n\n");
        b.append("| option | cost |\n|---|---|\n| one | low |\n| two | high |\n\n1. do this\n2. then that\n");
        return new Comparison(List.of(new Message("system", "You are a careful assistant."), new Message("user", "Question number " + i + "?")),
                List.of(new Response("model-a", a.toString(), Map.of("model", "bench-model-a")),
                        new Response("model-b", b.toString(), Map.of("model", "bench-model-b"))),
                Map.of("source", "benchmark"));
    }
}
