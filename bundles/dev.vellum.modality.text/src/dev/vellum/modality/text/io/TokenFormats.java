package dev.vellum.modality.text.io;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Ids;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.model.Project;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.TextModality;
import dev.vellum.modality.text.model.CodePoints;
import dev.vellum.modality.text.model.PayloadException;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Segmentation;
import dev.vellum.modality.text.model.Span;

/**
 * What the token-based formats (CoNLL-2003, CoNLL-U, spaCy JSON and DocBin, doccano) share: building
 * an imported document from tokens and whitespace, writing it as a project document with its item,
 * spans and relations, decoding and encoding per-token entity tags, and on export the text, tokens,
 * sentences and spans of an item. Package-private: the formats' own classes are the API.
 */
final class TokenFormats {
    private TokenFormats() {
    }

    /** The project document folder imported texts are written to. */
    static final String MEDIA = "media";

    // ------------------------------------------------------------------ import: documents

    /**
     * One imported document while it is read: its text grows token by token (or is given whole), with
     * the token and sentence ranges in code points, and its spans and relations.
     */
    static final class Doc {
        /** The document's name (file stem, document id), from which its item id and text path come. */
        String name;
        final StringBuilder text = new StringBuilder();
        private int cp;
        private int[] tokens = new int[64];
        private int tokenInts;
        private int[] sentences = new int[16];
        private int sentenceInts;
        private int sentenceStartToken = -1;
        /** Spans: start, end (code points), label, optional source id (for relations). */
        final List<SpanDraft> spans = new ArrayList<>();
        final List<RelationDraft> relations = new ArrayList<>();
        final Map<String, Object> metadata = new LinkedHashMap<>();
        boolean tokenized;

        Doc(String name) {
            this.name = name;
        }

        /** Code points so far. */
        int length() {
            return cp;
        }

        /** Appends whitespace (or any text that is no token). */
        void gap(String s) {
            text.append(s);
            cp += s.codePointCount(0, s.length());
        }

        /** Appends a token and returns its index. */
        int token(String s) {
            tokenized = true;
            int start = cp;
            gap(s);
            if (tokenInts + 2 > tokens.length) {
                tokens = Arrays.copyOf(tokens, tokens.length * 2);
            }
            tokens[tokenInts++] = start;
            tokens[tokenInts++] = cp;
            return tokenInts / 2 - 1;
        }

        /** Records a token already in the text (given whole) at code points {@code start..end}. */
        int tokenAt(int start, int end) {
            tokenized = true;
            if (tokenInts + 2 > tokens.length) {
                tokens = Arrays.copyOf(tokens, tokens.length * 2);
            }
            tokens[tokenInts++] = start;
            tokens[tokenInts++] = end;
            return tokenInts / 2 - 1;
        }

        int tokenCount() {
            return tokenInts / 2;
        }

        int tokenStart(int i) {
            return tokens[2 * i];
        }

        int tokenEnd(int i) {
            return tokens[2 * i + 1];
        }

        /** Starts a sentence at the next token. */
        void beginSentence() {
            endSentence();
            sentenceStartToken = tokenCount();
        }

        /** Ends the current sentence (nothing when it has no token). */
        void endSentence() {
            if (sentenceStartToken >= 0 && tokenCount() > sentenceStartToken) {
                if (sentenceInts + 2 > sentences.length) {
                    sentences = Arrays.copyOf(sentences, sentences.length * 2);
                }
                sentences[sentenceInts++] = tokenStart(sentenceStartToken);
                sentences[sentenceInts++] = tokenEnd(tokenCount() - 1);
            }
            sentenceStartToken = -1;
        }

        boolean inSentence() {
            return sentenceStartToken >= 0 && tokenCount() > sentenceStartToken;
        }

        /** Adds a span over tokens {@code first..last} (inclusive). */
        void spanOverTokens(int first, int last, String label) {
            spans.add(new SpanDraft(tokenStart(first), tokenEnd(last), label, null));
        }

        Segmentation segmentation() {
            return new Segmentation(Arrays.copyOf(tokens, tokenInts), Arrays.copyOf(sentences, sentenceInts));
        }
    }

    /** A span read from a file, in code points; {@code sourceId} names it for relations. */
    record SpanDraft(int start, int end, String label, String sourceId) {
    }

    /** A relation read from a file between two spans named by their source ids. */
    record RelationDraft(String from, String to, String type) {
    }

    /**
     * Writes imported documents into the project: each document's text as {@code media/<name>.txt},
     * an item with one text asset (characters and, when tokenized, the segmentation), and the
     * annotator's set with the spans and relations. Items are saved in batches; the labels met join
     * the text label schema. Problems go to the import's list, naming the file.
     */
    static final class Sink {
        private static final int BATCH = 64;
        final StoredProject stored;
        final String annotator;
        final List<ImportReport.Problem> problems = new ArrayList<>();
        private final Set<String> labels = new LinkedHashSet<>();
        private final List<Item> pending = new ArrayList<>();
        private final Set<String> pendingIds = new HashSet<>();
        private final Set<String> usedNames = new HashSet<>();
        private long pendingChars;
        int items;
        int annotations;

        Sink(StoredProject stored, String annotator) {
            this.stored = stored;
            this.annotator = annotator;
        }

        void problem(Path file, String message) {
            problems.add(new ImportReport.Problem(file.toString(), message));
        }

        /** Writes one document and its annotations (the item is saved with the next batch). */
        void add(Path file, Doc doc) throws StoreException {
            String text = doc.text.toString();
            CodePoints cps = new CodePoints(text);
            String base = documentName(doc.name);
            String name = base;
            Item item = null;
            for (int n = 2;; n++) {
                String id = idFor(name);
                String path = MEDIA + "/" + name + ".txt";
                if (!usedNames.contains(name) && stored.project().item(id).isEmpty() && !pendingIds.contains(id)
                        && stored.documents().read(path).isEmpty()) {
                    break;
                }
                // The same document imported again (another annotator's file, say) joins its item.
                if (!pendingIds.contains(id) && stored.project().item(id).isPresent() && text.equals(stored.documents().read(path).orElse(null))) {
                    Item old = stored.loadItem(id);
                    if (old.assets().get(0).uri().equals(path)) {
                        item = old;
                        break;
                    }
                }
                name = trim(base, ("-" + n).length()) + "-" + n;
            }
            String uri = MEDIA + "/" + name + ".txt";
            boolean isNew = item == null;
            if (isNew) {
                stored.documents().write(uri, text);
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("characters", cps.codePointCount());
                if (doc.metadata.get("language") instanceof String lang) {
                    meta.put("language", lang);
                }
                if (doc.tokenized) {
                    meta = doc.segmentation().addTo(meta);
                }
                Map<String, Object> itemMeta = new LinkedHashMap<>(doc.metadata);
                itemMeta.remove("language");
                item = new Item(idFor(name), "", List.of(new Asset(uri, TextModality.ID, "", meta)), itemMeta, null, null);
            }
            usedNames.add(name);
            List<Annotation> anns = annotations(file, doc, text, cps);
            int added = 0;
            if (!anns.isEmpty()) {
                AnnotationSet set = item.set(annotator).orElse(null);
                if (set == null) {
                    set = AnnotationSet.start(annotator, stored.project().currentGuidelineVersion());
                    item.putSet(set);
                }
                for (Annotation a : anns) {
                    if (set.indexOf(a.id()) >= 0) {
                        problem(file, "item '" + item.id() + "' already has annotation '" + a.id() + "' of " + annotator
                                + " (imported before?); skipped");
                        continue;
                    }
                    set.insert(-1, a);
                    if (Span.TYPE.equals(a.typeId())) {
                        labels.add(a.label());
                    }
                    added++;
                }
            }
            if (isNew || added > 0) {
                pending.add(item);
                pendingIds.add(item.id());
                pendingChars += text.length();
                if (pending.size() >= BATCH || pendingChars > 4_000_000) {
                    flush();
                }
            }
            items += isNew ? 1 : 0;
            annotations += added;
        }

        private List<Annotation> annotations(Path file, Doc doc, String text, CodePoints cps) {
            Instant now = Instant.now();
            List<Annotation> out = new ArrayList<>(doc.spans.size() + doc.relations.size());
            Map<String, String> bySource = new HashMap<>();
            int n = 0;
            for (SpanDraft s : doc.spans) {
                if (s.start() < 0 || s.end() > cps.codePointCount() || s.end() <= s.start()) {
                    problem(file, doc.name + ": span " + s.start() + ".." + s.end() + " (" + s.label() + ") is outside the text of "
                            + cps.codePointCount() + " characters or empty; skipped");
                    continue;
                }
                String id = "s" + (++n);
                if (s.sourceId() != null) {
                    bySource.put(s.sourceId(), id);
                }
                String covered = text.substring(cps.toUtf16(s.start()), cps.toUtf16(s.end()));
                out.add(new Annotation(id, Span.TYPE, s.label(), Map.of(), TextModality.PAYLOAD_VERSION,
                        new Span(s.start(), s.end(), covered).toPayload(), Provenance.IMPORTED, annotator, now, now));
            }
            int r = 0;
            for (RelationDraft d : doc.relations) {
                String from = bySource.get(d.from());
                String to = bySource.get(d.to());
                if (from == null || to == null) {
                    problem(file, doc.name + ": relation " + d.type() + " from " + d.from() + " to " + d.to() + " names a span that was not read; skipped");
                    continue;
                }
                out.add(new Annotation("r" + (++r), Relation.TYPE, d.type(), Map.of(), TextModality.PAYLOAD_VERSION,
                        new Relation(from, to).toPayload(), Provenance.IMPORTED, annotator, now, now));
            }
            return out;
        }

        /** Saves the items written so far. */
        void flush() throws StoreException {
            if (!pending.isEmpty()) {
                stored.saveItems(new ArrayList<>(pending));
                pending.clear();
                pendingIds.clear();
                pendingChars = 0;
            }
        }

        /** Saves what is pending and adds the labels met to the text label schema (existing classes stay). */
        ImportReport finish() throws StoreException {
            flush();
            Project project = stored.project();
            LabelSchema schema = project.schema(TextModality.ID).orElse(new LabelSchema(TextModality.ID, List.of()));
            List<LabelClass> all = new ArrayList<>(schema.classes());
            boolean changed = false;
            for (String l : labels) {
                if (!l.isEmpty() && schema.labelClass(l).isEmpty()) {
                    all.add(new LabelClass(l, null, null, List.of()));
                    changed = true;
                }
            }
            if (changed) {
                project.putSchema(new LabelSchema(TextModality.ID, all));
                stored.saveProject();
            }
            return new ImportReport(items, annotations, problems);
        }
    }

    /** A document name: letters, digits, '.', '_' and '-' only, starting with a letter or digit, short enough for a path. */
    static String documentName(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-') ? c : '_');
        }
        int i = 0;
        while (i < b.length() && !Character.isLetterOrDigit(b.charAt(i))) {
            i++;
        }
        String n = b.substring(i);
        return n.isEmpty() ? "document" : trim(n, 0);
    }

    /** {@code name} cut so that it plus {@code reserve} more characters and ".txt" fit a document path. */
    private static String trim(String name, int reserve) {
        int max = 120 - reserve;
        return name.length() > max ? name.substring(0, max) : name;
    }

    private static String idFor(String name) {
        return Ids.isValid(name) ? name : "document";
    }

    /** The file name without its last extension. */
    static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** The files to read for {@code inputs}: files as given, folders walked for the extensions given (sorted). */
    static List<Path> files(List<Path> inputs, Set<String> extensions) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path f : inputs) {
            if (!Files.exists(f)) {
                throw new IOException(f + ": no such file or folder");
            }
            if (Files.isDirectory(f)) {
                try (Stream<Path> s = Files.walk(f)) {
                    s.filter(p -> Files.isRegularFile(p) && extensions.contains(extension(p))).sorted().forEach(out::add);
                }
            } else {
                out.add(f);
            }
        }
        return out;
    }

    static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a whole file as UTF-8 (a byte order mark dropped).
     *
     * @throws IOException naming the file when it is not UTF-8
     */
    static String readUtf8(Path file, String format) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not a " + format + " file (not UTF-8 text)", e);
        }
    }

    /** Splits text into lines at \n, \r\n or \r, without the line ends. */
    static List<String> lines(String s) {
        return List.of(s.split("\r\n|\r|\n", -1));
    }

    // ------------------------------------------------------------------ tags

    /** Whether {@code tag} reads as an entity tag: {@code O}, or a B/I/E/L/S/U prefix, '-' and a label. */
    static boolean isTag(String tag) {
        if (tag.equals("O")) {
            return true;
        }
        return tag.length() > 2 && tag.charAt(1) == '-' && "BIELSU".indexOf(tag.charAt(0)) >= 0;
    }

    /**
     * Decodes one sentence's tags into spans over token indexes {@code [first, last]} (inclusive),
     * whatever the scheme: IOB1 (an entity starts with I- unless it follows one of the same type),
     * IOB2, BIOES/BILUO, and plain labels (IO: consecutive equal labels form one entity). {@code O},
     * {@code -}, {@code _} and empty tags are outside. An I- or E- tag that does not continue an
     * entity of its type starts one, so broken sequences still give spans.
     *
     * @param offset index of the sentence's first token in the document
     */
    static void decode(List<String> tags, int offset, Doc doc) {
        int open = -1;
        String openLabel = null;
        for (int i = 0; i < tags.size(); i++) {
            String t = tags.get(i);
            char p;
            String label;
            if (t == null || t.isEmpty() || t.equals("O") || t.equals("-") || t.equals("_")) {
                p = 'O';
                label = null;
            } else if (t.length() > 2 && t.charAt(1) == '-' && "BIELSU".indexOf(t.charAt(0)) >= 0) {
                p = t.charAt(0);
                label = t.substring(2);
            } else {
                p = 'I';
                label = t;
            }
            boolean continues = open >= 0 && label != null && label.equals(openLabel);
            switch (p) {
                case 'O' -> {
                    if (open >= 0) {
                        doc.spanOverTokens(offset + open, offset + i - 1, openLabel);
                    }
                    open = -1;
                }
                case 'B', 'S', 'U' -> {
                    if (open >= 0) {
                        doc.spanOverTokens(offset + open, offset + i - 1, openLabel);
                    }
                    open = i;
                    openLabel = label;
                }
                default -> { // I, E, L
                    if (!continues) {
                        if (open >= 0) {
                            doc.spanOverTokens(offset + open, offset + i - 1, openLabel);
                        }
                        open = i;
                        openLabel = label;
                    }
                }
            }
            if (p == 'S' || p == 'U' || p == 'E' || p == 'L') {
                doc.spanOverTokens(offset + open, offset + i, openLabel);
                open = -1;
            }
        }
        if (open >= 0) {
            doc.spanOverTokens(offset + open, offset + tags.size() - 1, openLabel);
        }
    }

    /**
     * The scheme a file's tags follow: BIOES when an E-, L-, S- or U- tag occurs, IOB1 when an I- tag
     * starts an entity (after O, another type or at a sentence start), else IOB2.
     */
    static TagScheme detect(List<List<String>> sentences) {
        boolean iob1 = false;
        for (List<String> tags : sentences) {
            String prev = "O";
            for (String t : tags) {
                if (t.length() > 2 && t.charAt(1) == '-') {
                    char p = t.charAt(0);
                    if (p == 'E' || p == 'L' || p == 'S' || p == 'U') {
                        return TagScheme.BIOES;
                    }
                    if (p == 'I' && !(prev.length() > 2 && prev.substring(2).equals(t.substring(2)))) {
                        iob1 = true;
                    }
                }
                prev = t;
            }
        }
        return iob1 ? TagScheme.IOB1 : TagScheme.IOB2;
    }

    /**
     * Encodes entities over tokens: {@code label[i]} is the entity label of token i or null, and
     * {@code begins[i]} whether an entity starts there.
     */
    static String[] encode(String[] label, boolean[] begins, int from, int to, TagScheme scheme, boolean biluo) {
        String[] out = new String[to - from];
        for (int i = from; i < to; i++) {
            if (label[i] == null) {
                out[i - from] = "O";
                continue;
            }
            boolean first = begins[i];
            boolean last = i + 1 >= to || begins[i + 1] || !label[i].equals(label[i + 1]);
            String p = switch (scheme) {
                case IOB2 -> first ? "B" : "I";
                // IOB1 marks B only where an entity follows one of the same type directly
                case IOB1 -> first && i > from && label[i].equals(label[i - 1]) ? "B" : "I";
                case BIOES -> first && last ? (biluo ? "U" : "S") : first ? "B" : last ? (biluo ? "L" : "E") : "I";
            };
            out[i - from] = p + "-" + label[i];
        }
        return out;
    }

    // ------------------------------------------------------------------ export

    /** A span of an exported item. */
    record SpanRef(String id, int start, int end, String label) {
    }

    /** A relation of an exported item. */
    record RelationRef(String id, String from, String to, String type) {
    }

    /**
     * An item ready to be written: its text, the tokens and sentences (the stored segmentation,
     * else the default tokenizer's), and the spans and relations of the chosen set.
     */
    static final class ExportDoc {
        final String itemId;
        final String text;
        final CodePoints cps;
        int[] tokens;
        int[] sentences;
        final List<SpanRef> spans = new ArrayList<>();
        final List<RelationRef> relations = new ArrayList<>();

        ExportDoc(String itemId, String text, Segmentation seg) {
            this.itemId = itemId;
            this.text = text;
            this.cps = new CodePoints(text);
            if (seg != null) {
                tokens = seg.tokens();
                sentences = seg.sentences();
            } else {
                tokens = tokenize(text);
                sentences = lineSentences(text, tokens);
            }
        }

        /** The text of code points {@code start..end}. */
        String sub(int start, int end) {
            return text.substring(cps.toUtf16(start), cps.toUtf16(end));
        }

        int tokenCount() {
            return tokens.length / 2;
        }

        /**
         * Makes every span start and end on token boundaries (a token with a span boundary inside is
         * split there, reported once per item) and drops a sentence boundary that would cut a span.
         */
        void alignTokens(String format, Losses losses) {
            Set<Integer> cuts = new HashSet<>();
            for (SpanRef s : spans) {
                cuts.add(s.start());
                cuts.add(s.end());
            }
            List<Integer> out = new ArrayList<>(tokens.length);
            int split = 0;
            for (int i = 0; i < tokens.length; i += 2) {
                int a = tokens[i], b = tokens[i + 1];
                int start = a;
                for (int c = a + 1; c < b; c++) {
                    if (cuts.contains(c)) {
                        out.add(start);
                        out.add(c);
                        start = c;
                        split++;
                    }
                }
                out.add(start);
                out.add(b);
            }
            if (split > 0) {
                losses.add(itemId, format + " holds whole tokens only: " + split + " token(s) were split where a span starts or ends inside them");
                tokens = out.stream().mapToInt(Integer::intValue).toArray();
            }
            if (sentences.length > 0) {
                // span starts ascending with the furthest end so far: a cut between sentences splits a
                // span when one starting before the cut ends after it
                int[][] byStart = spans.stream().map(s -> new int[] {s.start(), s.end()}).sorted(Comparator.comparingInt(a -> a[0]))
                        .toArray(int[][]::new);
                spanStarts = new int[byStart.length];
                maxEnd = new int[byStart.length];
                for (int i = 0; i < byStart.length; i++) {
                    spanStarts[i] = byStart[i][0];
                    maxEnd[i] = Math.max(byStart[i][1], i > 0 ? maxEnd[i - 1] : 0);
                }
                List<Integer> sent = new ArrayList<>();
                for (int i = 0; i < sentences.length; i += 2) {
                    int a = sentences[i], b = sentences[i + 1];
                    if (!sent.isEmpty() && crosses(sent.get(sent.size() - 1), a)) {
                        sent.set(sent.size() - 1, b);
                    } else {
                        sent.add(a);
                        sent.add(b);
                    }
                }
                sentences = sent.stream().mapToInt(Integer::intValue).toArray();
            }
        }

        /** Whether a span starts before {@code end} and ends after {@code next} (so a cut between would split it). */
        private boolean crosses(int end, int next) {
            // the number of spans starting before end (lower bound)
            int lo = 0, hi = spanStarts.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (spanStarts[mid] < end) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo > 0 && maxEnd[lo - 1] > next;
        }

        private int[] spanStarts = new int[0];
        private int[] maxEnd = new int[0];

        /** Token index ranges [first, last] of the sentences; one sentence for all tokens when there are none. */
        List<int[]> sentenceTokens() {
            List<int[]> out = new ArrayList<>();
            int n = tokenCount();
            if (sentences.length == 0) {
                if (n > 0) {
                    out.add(new int[] {0, n - 1});
                }
                return out;
            }
            int t = 0;
            for (int s = 0; s < sentences.length; s += 2) {
                int end = sentences[s + 1];
                int first = t;
                while (t < n && tokens[2 * t] < end) {
                    t++;
                }
                if (t > first) {
                    out.add(new int[] {first, t - 1});
                }
            }
            if (t < n) {
                // tokens after the last sentence (a segmentation that does not cover the text) form one more
                out.add(new int[] {t, n - 1});
            }
            return out;
        }

        /**
         * The entity label of each token, with where each entity begins, keeping only spans that do not
         * overlap one kept before (longest first at one start); the others are reported as {@code format}
         * cannot hold them.
         */
        TokenLabels tokenLabels(String format, Losses losses) {
            int n = tokenCount();
            String[] label = new String[n];
            boolean[] begins = new boolean[n];
            List<SpanRef> sorted = new ArrayList<>(spans);
            sorted.sort(Comparator.comparingInt(SpanRef::start).thenComparing(Comparator.comparingInt(SpanRef::end).reversed()));
            List<SpanRef> kept = new ArrayList<>();
            for (SpanRef s : sorted) {
                int first = firstTokenFrom(s.start());
                int last = lastTokenTo(s.end());
                if (first < 0 || last < first) {
                    losses.each(itemId, format + " holds spans over tokens only; spans covering no token were left out", s.id());
                    continue;
                }
                boolean free = true;
                for (int i = first; i <= last; i++) {
                    if (label[i] != null) {
                        free = false;
                        break;
                    }
                }
                if (!free) {
                    losses.each(itemId, format + " cannot hold nested or overlapping spans; left out", s.id());
                    continue;
                }
                for (int i = first; i <= last; i++) {
                    label[i] = s.label().isEmpty() ? "ENTITY" : s.label().replaceAll("\\s", "_");
                }
                begins[first] = true;
                kept.add(s);
            }
            return new TokenLabels(label, begins, kept);
        }

        private int firstTokenFrom(int cp) {
            int lo = 0, hi = tokenCount();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (tokens[2 * mid] < cp) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo < tokenCount() ? lo : -1;
        }

        private int lastTokenTo(int cp) {
            int lo = 0, hi = tokenCount();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (tokens[2 * mid + 1] <= cp) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo - 1;
        }
    }

    /** Entity labels per token, where entities begin, and the spans they stand for. */
    record TokenLabels(String[] label, boolean[] begins, List<SpanRef> kept) {
    }

    /**
     * The default tokenization of an untokenized text: runs of letters, digits and combining marks, and
     * every other character that is not whitespace on its own; in code points.
     */
    static int[] tokenize(String text) {
        int[] out = new int[64];
        int n = 0;
        int cp = 0;
        int runStart = -1;
        for (int i = 0; i < text.length();) {
            int c = text.codePointAt(i);
            boolean word = Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                    || Character.getType(c) == Character.COMBINING_SPACING_MARK;
            if (runStart >= 0 && !word) {
                if (n + 2 > out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = runStart;
                out[n++] = cp;
                runStart = -1;
            }
            if (word) {
                if (runStart < 0) {
                    runStart = cp;
                }
            } else if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                if (n + 2 > out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = cp;
                out[n++] = cp + 1;
            }
            i += Character.charCount(c);
            cp++;
        }
        if (runStart >= 0) {
            if (n + 2 > out.length) {
                out = Arrays.copyOf(out, out.length + 2);
            }
            out[n++] = runStart;
            out[n++] = cp;
        }
        return Arrays.copyOf(out, n);
    }

    /** Sentences of an untokenized text: its non-empty lines, from their first token to their last. */
    static int[] lineSentences(String text, int[] tokens) {
        List<Integer> out = new ArrayList<>();
        int cp = 0;
        int t = 0;
        int nt = tokens.length / 2;
        for (int i = 0; i <= text.length();) {
            int c = i < text.length() ? text.codePointAt(i) : '\n';
            if (c == '\n') {
                int first = t;
                while (t < nt && tokens[2 * t + 1] <= cp) {
                    t++;
                }
                if (t > first) {
                    out.add(tokens[2 * first]);
                    out.add(tokens[2 * (t - 1) + 1]);
                }
            }
            if (i >= text.length()) {
                break;
            }
            i += Character.charCount(c);
            cp++;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The text items in project order. */
    static List<ItemSummary> textItems(StoredProject project) {
        return project.project().items().stream().filter(s -> TextModality.ID.equals(s.modalityId())).toList();
    }

    /**
     * The one set of {@code item} to export: the annotator's, or the most advanced in review; only
     * accepted or audited ones when asked; the candidates not written are reported. Null when none
     * qualifies.
     */
    static AnnotationSet oneSet(Item item, FormatExporter.Options options, String format, Losses losses) {
        List<AnnotationSet> sets = new ArrayList<>(item.sets());
        if (options != null && options.annotator() != null) {
            sets.removeIf(s -> !s.annotator().equals(options.annotator()));
        }
        if (options != null && options.acceptedOnly()) {
            sets.removeIf(s -> s.state() != AnnotationState.ACCEPTED && s.state() != AnnotationState.AUDITED);
        }
        if (sets.isEmpty()) {
            return null;
        }
        AnnotationSet chosen = sets.stream().max(Comparator.comparingInt((AnnotationSet s) -> s.state().progressRank())).orElseThrow();
        if (sets.size() > 1) {
            List<String> others = sets.stream().filter(s -> s != chosen).map(AnnotationSet::annotator).toList();
            losses.add(item.id(), format + " holds one annotation set per document: " + chosen.annotator() + "'s was written, not " + others
                    + "; choose an annotator to write another");
        }
        return chosen;
    }

    /**
     * The export form of a text item: its text (the project document, or the asset's file), tokens,
     * and the spans and relations of {@code set} (none when null). Null, with a loss, when the text
     * cannot be read.
     */
    static ExportDoc exportDoc(StoredProject project, Item item, AnnotationSet set, String format, Losses losses) throws StoreException {
        Asset asset = item.assets().get(0);
        String text = readText(project, asset);
        if (text == null) {
            losses.add(item.id(), "the text " + asset.uri() + " cannot be read; the document was not written");
            return null;
        }
        Segmentation seg;
        try {
            seg = Segmentation.fromAsset(asset);
        } catch (PayloadException e) {
            losses.add(item.id(), "the stored tokens cannot be read (" + e.getMessage() + "); the text was tokenized again");
            seg = null;
        }
        ExportDoc doc = new ExportDoc(item.id(), text, seg);
        if (set == null) {
            return doc;
        }
        int length = doc.cps.codePointCount();
        Set<String> spanIds = new HashSet<>();
        for (Annotation a : set.annotations()) {
            if (Span.TYPE.equals(a.typeId())) {
                try {
                    Span s = Span.fromPayload(a.payload());
                    if (s.end() > length) {
                        losses.each(item.id(), "spans beyond the end of the text were left out", a.id());
                        continue;
                    }
                    doc.spans.add(new SpanRef(a.id(), s.start(), s.end(), a.label()));
                    spanIds.add(a.id());
                } catch (PayloadException e) {
                    losses.each(item.id(), "spans whose payload cannot be read were left out", a.id());
                }
            }
        }
        for (Annotation a : set.annotations()) {
            if (Relation.TYPE.equals(a.typeId())) {
                try {
                    Relation r = Relation.fromPayload(a.payload());
                    if (!spanIds.contains(r.from()) || !spanIds.contains(r.to())) {
                        losses.each(item.id(), "relations to a span that is not exported were left out", a.id());
                        continue;
                    }
                    doc.relations.add(new RelationRef(a.id(), r.from(), r.to(), a.label()));
                } catch (PayloadException e) {
                    losses.each(item.id(), "relations whose payload cannot be read were left out", a.id());
                }
            } else if (!Span.TYPE.equals(a.typeId())) {
                losses.each(item.id(), format + " holds text spans and relations only; other annotations were left out", a.id());
            }
        }
        return doc;
    }

    /** The text of a text asset: the project document it names, else its file; null when neither can be read. */
    static String readText(StoredProject project, Asset asset) throws StoreException {
        String uri = asset.uri();
        try {
            dev.vellum.core.spi.ProjectDocuments.requireValidPath(uri);
            var doc = project.documents().read(uri);
            if (doc.isPresent()) {
                return doc.get();
            }
        } catch (IllegalArgumentException notADocumentPath) {
            // an asset outside the project's documents: read its file below
        }
        try {
            URI u = project.resolve(asset);
            if (u != null && "file".equals(u.getScheme())) {
                Path p = Path.of(u);
                if (Files.isRegularFile(p)) {
                    return readUtf8(p, "text");
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /**
     * Collects what an export leaves out or changes, per item, so that nothing is dropped without a
     * word; repeated messages of one item are counted, and many annotations with one loss share a line.
     */
    static final class Losses {
        private final Map<String, Map<String, Integer>> byItem = new LinkedHashMap<>();
        private final Map<String, Map<String, Set<String>>> idsByItem = new LinkedHashMap<>();

        void add(String item, String message) {
            byItem.computeIfAbsent(item, k -> new LinkedHashMap<>()).merge(message, 1, Integer::sum);
        }

        void each(String item, String what, String id) {
            Map<String, Set<String>> m = idsByItem.computeIfAbsent(item, k -> new LinkedHashMap<>());
            if (!m.containsKey(what)) {
                byItem.computeIfAbsent(item, k -> new LinkedHashMap<>()).put("\u0000" + what, 0);
            }
            m.computeIfAbsent(what, k -> new LinkedHashSet<>()).add(id);
        }

        ExportReport report(int written) {
            List<ExportReport.Problem> out = new ArrayList<>();
            byItem.forEach((item, messages) -> messages.forEach((m, n) -> {
                if (m.startsWith("\u0000")) {
                    String what = m.substring(1);
                    List<String> ids = idsByItem.get(item).get(what).stream().map(i -> "'" + i + "'").toList();
                    out.add(new ExportReport.Problem(item, what + ": " + String.join(", ", ids)));
                } else {
                    out.add(new ExportReport.Problem(item, n == 1 ? m : m + " (" + n + " times)"));
                }
            }));
            return new ExportReport(written, out);
        }
    }

    /** Something that writes a file's content. */
    interface Content {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code out} atomically: a temp file in the same folder, then a move over the target. */
    static void writeAtomically(Path out, Content content) throws IOException {
        if (Files.isDirectory(out)) {
            throw new IOException(out + ": is a folder; this export writes one file");
        }
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                content.write(os);
            }
            try {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().contains(out.getFileName().toString()) ? e
                    : new IOException(out + ": cannot be written: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
