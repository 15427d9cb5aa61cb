package dev.vellum.modality.text.ui.bench;

import dev.vellum.core.edit.EditCommand;
import dev.vellum.core.edit.EditTarget;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Span;
import dev.vellum.modality.text.ui.internal.RelationFigure;
import dev.vellum.modality.text.tokenize.Tokenizers;
import dev.vellum.modality.text.ui.internal.SpanFigure;
import dev.vellum.modality.text.ui.internal.SpanScene;
import dev.vellum.modality.text.ui.internal.TextDocument;
import dev.vellum.modality.text.ui.viewers.SpanText;
import dev.vellum.modality.text.ui.viewers.SpanTextHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * The text editor's benchmark: a generated document of about 1 MB (about 200,000 tokens in
 * paragraphs of a few sentences) with 20,000 spans (a tenth of them nested in another) and 2,000
 * relations, in a 1440 x 900 window. Measures opening (read, segment, index the spans, lay out,
 * first paint), labelling a selection (the edit, the index update and the repaint), and scrolling
 * repaints. Run by {@code releng/scripts/bench-text-editor} on the built product's jars (needs a
 * display, e.g. Xvfb).
 * <p>
 * Arguments: {@code workFolder [spans relations]}.
 */
public final class TextEditorBenchmark {
    private static final String[] WORDS = ("the of and to in a is that for on with as was by at from his an were are which this be or "
            + "has had not but have its after their first new one also two been other who into more city government company "
            + "river north council minister report year market station university bridge island harbor ferry director").split(" ");
    private static final String[] NAMES = "Ana Ruiz Greta Lind Portmere Kelso Northwind Alderby Fairhaven Oslo Cairo Mumbai Lagos Lima".split(" ");
    private static final String[] LABELS = {"PER", "ORG", "LOC", "DATE"};

    private TextEditorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/vellum-bench-text");
        int spanCount = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int relationCount = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        Files.createDirectories(work);
        Path file = work.resolve("big.txt");
        Random random = new Random(11);
        if (!Files.exists(file)) {
            Files.writeString(file, document(random, 1_000_000), StandardCharsets.UTF_8);
        }
        String probe = Files.readString(file, StandardCharsets.UTF_8);
        TextDocument probeDoc = new TextDocument(probe, Tokenizers.standard().segment(probe));
        List<Annotation> annotations = annotations(probeDoc, random, spanCount, relationCount);
        Item item = new Item("big", "", List.of(new Asset("media/big.txt", "text", "", Map.of())), Map.of(), List.of(),
                List.of(new AnnotationSet("alice", AnnotationState.IN_PROGRESS, 0, Instant.now(), Instant.now(), annotations)));

        Display display = new Display();
        Shell shell = new Shell(display);
        shell.setLayout(new FillLayout());
        Host host = new Host(item);
        SpanText view = new SpanText(shell, host);
        host.view = view;
        shell.setSize(1440, 900);
        shell.open();
        spin(display);

        List<Double> opens = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            String text = Files.readString(file, StandardCharsets.UTF_8);
            long tRead = System.nanoTime();
            TextDocument doc = new TextDocument(text, Tokenizers.standard().segment(text));
            long tSeg = System.nanoTime();
            view.setDocument(doc, new SpanScene(doc));
            view.update(item.set("alice").orElseThrow().annotations());
            long tSet = System.nanoTime();
            view.paintNow();
            long t1 = System.nanoTime();
            opens.add((t1 - t0) / 1e6);
            if (i == 0) {
                System.out.printf(Locale.ROOT, "document: %,d UTF-16 units, %,d tokens, %,d sentences, %,d spans (depth %d), %,d relations%n",
                        doc.length(), doc.tokenCount(), doc.sentenceCount(), view.scene().layer().size(), view.scene().layer().depth(),
                        view.scene().relations().size());
                System.out.printf(Locale.ROOT, "first open: read %.0f ms, segment %.0f ms, text + spans into the view %.0f ms, first paint %.0f ms%n",
                        (tRead - t0) / 1e6, (tSeg - tRead) / 1e6, (tSet - tSeg) / 1e6, (t1 - tSet) / 1e6);
            }
            spin(display);
        }
        report("open (read, segment, index, lay out, first paint)", opens);

        // label a selection: a few tokens in view, a digit key; the edit, the index update and the repaint
        List<Double> labels = new ArrayList<>();
        List<Double> relabels = new ArrayList<>();
        TextDocument doc = view.document();
        for (int i = 0; i < 40; i++) {
            int top = view.widget().getOffsetAtLine(view.widget().getTopIndex());
            int tok = doc.firstTokenEndingAfter(top) + 5 + random.nextInt(40);
            int start = doc.tokenStart(tok), end = doc.tokenEnd(tok + random.nextInt(3));
            view.selectText(start, end);
            view.paintNow();
            long t0 = System.nanoTime();
            view.applyLabel(LABELS[i % 4]);
            view.paintNow();
            labels.add((System.nanoTime() - t0) / 1e6);
            long t1 = System.nanoTime();
            view.applyLabel(LABELS[(i + 1) % 4]);
            view.paintNow();
            relabels.add((System.nanoTime() - t1) / 1e6);
            view.widget().setTopPixel(view.widget().getTopPixel() + 300 + random.nextInt(3000));
            view.paintNow();
        }
        report("label a selection (add span + repaint)", labels);
        List<Double> updates = new ArrayList<>();
        List<Double> repaints = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long t0 = System.nanoTime();
            view.scene().update(item.set("alice").orElseThrow().annotations());
            updates.add((System.nanoTime() - t0) / 1e6);
            long t1 = System.nanoTime();
            view.refreshVisible();
            view.paintNow();
            repaints.add((System.nanoTime() - t1) / 1e6);
        }
        report("  of which: span index update", updates);
        report("  of which: restyle + repaint of the view", repaints);
        report("relabel the selected span (+ repaint)", relabels);

        // scrolling: wheel-sized steps, page steps, and jumps anywhere in the document
        List<Double> wheel = new ArrayList<>();
        List<Double> pages = new ArrayList<>();
        List<Double> jumps = new ArrayList<>();
        view.widget().setTopPixel(0);
        view.paintNow();
        for (int i = 0; i < 200; i++) {
            view.widget().setTopPixel(view.widget().getTopPixel() + 60);
            wheel.add(view.paintNow() / 1e6);
        }
        for (int i = 0; i < 60; i++) {
            view.widget().setTopPixel(view.widget().getTopPixel() + 850);
            pages.add(view.paintNow() / 1e6);
        }
        for (int i = 0; i < 40; i++) {
            int offset = random.nextInt(doc.length());
            view.widget().setTopIndex(view.widget().getLineAtOffset(offset));
            jumps.add(view.paintNow() / 1e6);
        }
        report("scroll by a wheel step (60 px) + repaint", wheel);
        report("scroll by a page + repaint", pages);
        report("jump anywhere + repaint", jumps);
        Point size = shell.getSize();
        System.out.printf(Locale.ROOT, "window %d x %d, %d edits made%n", size.x, size.y, host.edits);
        shell.dispose();
        display.dispose();
    }

    /** Paragraphs of 3-7 sentences of 8-25 words, about {@code chars} UTF-16 units. */
    static String document(Random random, int chars) {
        StringBuilder sb = new StringBuilder(chars + 200);
        while (sb.length() < chars) {
            int sentences = 3 + random.nextInt(5);
            for (int s = 0; s < sentences; s++) {
                int words = 8 + random.nextInt(18);
                for (int w = 0; w < words; w++) {
                    String word = random.nextInt(6) == 0 ? NAMES[random.nextInt(NAMES.length)] : WORDS[random.nextInt(WORDS.length)];
                    if (w == 0) {
                        word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                    }
                    sb.append(word);
                    sb.append(w + 1 < words ? (random.nextInt(12) == 0 ? ", " : " ") : ". ");
                }
            }
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Spans of 1-3 tokens spread over the document (every tenth nested inside the one before), and relations between neighbours. */
    static List<Annotation> annotations(TextDocument doc, Random random, int spans, int relations) {
        List<Annotation> out = new ArrayList<>(spans + relations);
        int tokens = doc.tokenCount();
        int stride = Math.max(4, tokens / spans);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < spans; i++) {
            int t = Math.min(tokens - 4, i * stride + random.nextInt(Math.max(1, stride - 3)));
            int len = 1 + random.nextInt(3);
            if (i % 10 == 9) {
                // a span inside the previous one's tokens (nesting), or one reaching one token further (overlap)
                t = Math.min(tokens - 4, (i - 1) * stride);
                len = i % 20 == 19 ? 1 : 4;
            }
            int start = doc.toCodePoint(doc.tokenStart(t)), end = doc.toCodePoint(doc.tokenEnd(Math.min(tokens - 1, t + len - 1)));
            String id = "s" + i;
            out.add(Annotation.create(id, Span.TYPE, LABELS[random.nextInt(4)], new Span(start, end, "").toPayload(), "alice"));
            ids.add(id);
        }
        for (int i = 0; i < relations; i++) {
            int a = random.nextInt(spans - 1);
            out.add(Annotation.create("r" + i, Relation.TYPE, "rel" + (i % 3), new Relation(ids.get(a), ids.get(a + 1)).toPayload(), "alice"));
        }
        return out;
    }

    private static void report(String what, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%-48s median %7.1f ms, p90 %7.1f ms, max %7.1f ms (%d runs)%n", what, sorted.get(sorted.size() / 2),
                sorted.get((int) (sorted.size() * 0.9)), sorted.get(sorted.size() - 1), sorted.size());
    }

    private static void spin(Display display) {
        while (display.readAndDispatch()) {
            // drain
        }
    }

    /** Applies edits to the in-memory item as the session would, then updates the view as the editor does. */
    private static final class Host implements SpanTextHost, EditTarget {
        private final Item item;
        SpanText view;
        int edits;

        Host(Item item) {
            this.item = item;
        }

        @Override
        public Item item(String itemId) {
            return item;
        }

        @Override
        public String itemId() {
            return "big";
        }

        @Override
        public String user() {
            return "alice";
        }

        @Override
        public String activeAnnotator() {
            return "alice";
        }

        @Override
        public boolean mayEdit() {
            return true;
        }

        @Override
        public int guidelineVersion() {
            return 0;
        }

        @Override
        public RGB color(String label) {
            return switch (label) {
                case "PER" -> new RGB(0xe6, 0x19, 0x4b);
                case "ORG" -> new RGB(0x43, 0x63, 0xd8);
                case "LOC" -> new RGB(0x3c, 0xb4, 0x4b);
                default -> new RGB(0xf5, 0x82, 0x31);
            };
        }

        @Override
        public String labelForHotkey(char key) {
            return key >= '1' && key <= '4' ? LABELS[key - '1'] : null;
        }

        @Override
        public boolean execute(EditCommand command) {
            command.apply(this);
            edits++;
            view.update(item.set("alice").orElseThrow().annotations());
            return true;
        }

        @Override
        public void status(String text) {
        }

        @Override
        public void problem(String text) {
            System.out.println("problem: " + text);
        }

        @Override
        public void selectionChanged(SpanFigure span, RelationFigure relation) {
        }

        @Override
        public void relationTargetChosen(SpanFigure from, SpanFigure to) {
        }

        @Override
        public void find() {
        }

        @Override
        public void findAgain(boolean forward) {
        }

        @Override
        public void searchLabels() {
        }
    }
}
