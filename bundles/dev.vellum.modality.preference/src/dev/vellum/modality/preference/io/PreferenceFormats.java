package dev.vellum.modality.preference.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Ids;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.Comparisons;
import dev.vellum.modality.preference.PreferenceModality;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.PayloadException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * What the preference formats share: reading records from JSONL (optionally gzipped) or JSON-array
 * files with their line numbers, the {@link Sink} that turns comparisons into items, choosing and
 * reading judgements for export, losses and atomic writing.
 */
final class PreferenceFormats {
    /** The ranking payload type (defined by the ranking mode): {@code {"ranks": {id: rank}, "order": [...]}}. */
    static final String RANKING = "preference.ranking";

    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final JsonFactory FACTORY = JSON.getFactory();

    private PreferenceFormats() {
    }

    // ---------------------------------------------------------------- reading

    /** One record of an input file and where it starts. */
    record Rec(int line, JsonNode node) {
    }

    /** Receives the records of a file. */
    interface RecordSink {
        void accept(Rec rec) throws IOException, StoreException;
    }

    /** The files to read: files as given, folders walked for files whose names end in one of {@code endings}. */
    static List<Path> files(List<Path> inputs, List<String> endings) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path f : inputs) {
            if (!Files.exists(f)) {
                throw new IOException(f + ": no such file or folder");
            }
            if (Files.isDirectory(f)) {
                try (Stream<Path> s = Files.walk(f)) {
                    s.filter(p -> Files.isRegularFile(p) && endings.stream().anyMatch(e -> name(p).endsWith(e))).sorted().forEach(out::add);
                }
            } else {
                out.add(f);
            }
        }
        return out;
    }

    static String name(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    /** The file name without {@code .gz} and its format extension: {@code harmless-base_test}. */
    static String stem(Path file) {
        String n = file.getFileName().toString();
        if (n.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Opens a file, gunzipping it when it starts with gzip's magic bytes. */
    static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int a = in.read(), b = in.read();
        in.reset();
        return a == 0x1f && b == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    /**
     * Reads the records of a JSONL file (one JSON object a line; blank lines skipped) or of a JSON
     * file holding an array of objects (or one object). A JSONL line that is not JSON is a problem
     * naming the file and line, and reading goes on; a file in which nothing could be read at all is
     * an {@link IOException}.
     */
    static void records(Path file, Sink sink, RecordSink out) throws IOException, StoreException {
        boolean array;
        try (InputStream in = open(file)) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF);
            array = c == '[';
        }
        if (array) {
            arrayRecords(file, out);
        } else {
            lineRecords(file, sink, out);
        }
    }

    private static void lineRecords(Path file, Sink sink, RecordSink out) throws IOException, StoreException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int good = 0;
        String firstBad = null;
        int[] lastLine = {0};
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(file), decoder), 1 << 16)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                lastLine[0] = n;
                if (n == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    String msg = "line " + n + " is not JSON (" + e.getOriginalMessage() + "); skipped";
                    firstBad = firstBad == null ? msg : firstBad;
                    sink.problem(file, msg);
                    continue;
                }
                if (!node.isObject()) {
                    String msg = "line " + n + " is not a JSON object; skipped";
                    firstBad = firstBad == null ? msg : firstBad;
                    sink.problem(file, msg);
                    continue;
                }
                good++;
                out.accept(new Rec(n, node));
            }
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            // a damaged or cut gzip file, a read error: name the file, whatever the JDK's message says
            throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
                    : new IOException(file + ": cannot be read after line " + lastLine[0] + ": " + e, e);
        }
        if (good == 0 && firstBad != null) {
            throw new IOException(file + ": not a JSON lines file: " + firstBad);
        }
    }

    private static void arrayRecords(Path file, RecordSink out) throws IOException, StoreException {
        try (InputStream in = open(file); JsonParser p = FACTORY.createParser(in)) {
            p.setCodec(JSON);
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException(file + ": not a JSON array");
            }
            JsonToken t;
            int index = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new IOException(file + ": the JSON array is not closed");
                }
                int line = p.currentTokenLocation().getLineNr();
                JsonNode node = p.readValueAsTree();
                index++;
                if (node == null || !node.isObject()) {
                    throw new IOException(file + ": line " + line + ": element " + index + " of the array is not a JSON object");
                }
                out.accept(new Rec(line, node));
            }
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": line " + e.getLocation().getLineNr() + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The first record of a file, or null when it cannot be read as one (for {@code accepts}). */
    static JsonNode firstRecord(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = open(file); JsonParser p = FACTORY.createParser(in)) {
            p.setCodec(JSON);
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                t = p.nextToken();
            }
            return t == JsonToken.START_OBJECT ? p.readValueAsTree() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- messages

    /** Messages of a {@code [{role, content}]} array; null when it is not one. */
    static List<Message> messages(JsonNode array, String roleField, String contentField, Map<String, String> roles) {
        if (array == null || !array.isArray()) {
            return null;
        }
        List<Message> out = new ArrayList<>();
        for (JsonNode m : array) {
            if (!m.isObject() || !m.path(roleField).isTextual()) {
                return null;
            }
            JsonNode c = m.get(contentField);
            String content = c == null || c.isNull() ? "" : c.isTextual() ? c.asText() : c.toString();
            String role = m.get(roleField).asText();
            out.add(new Message(roles.getOrDefault(role, role), content));
        }
        return out;
    }

    /** {@code [{role, content}]} of {@code messages}, roles mapped back through {@code roles} (Vellum role to format role). */
    static List<Map<String, Object>> messageTrees(List<Message> messages, String roleField, String contentField, Map<String, String> roles) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Message m : messages) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put(roleField, roles.getOrDefault(m.role(), m.role()));
            t.put(contentField, m.content());
            out.add(t);
        }
        return out;
    }

    /** The number of leading messages two lists share. */
    static int sharedPrefix(List<Message> a, List<Message> b) {
        int n = 0;
        while (n < a.size() && n < b.size() && a.get(n).equals(b.get(n))) {
            n++;
        }
        // the responses themselves must differ: keep at least the last turn of each
        return Math.min(n, Math.min(a.size(), b.size()) - 1);
    }

    /** A Java tree (maps, lists, strings, numbers) of a JSON node. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(JsonNode node) {
        return JSON.convertValue(node, LinkedHashMap.class);
    }

    // ---------------------------------------------------------------- importing

    /** A comparison read from a file, with the judgement the file records. */
    static final class Draft {
        /** The item id to use (made valid and unique by the sink). */
        final String name;
        final Comparison comparison;
        /** The preferred response id, or null. */
        String preferred;
        /** 1-based ranks by response id (1 = best), or null. */
        Map<String, Integer> ranks;

        Draft(String name, Comparison comparison) {
            this.name = name;
            this.comparison = comparison;
        }
    }

    /** The response ids A, B, C... Z, then R27, R28... */
    static String responseId(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index)) : "R" + (index + 1);
    }

    /**
     * Whether the chosen response goes first for this record: a fixed coin flip per record (its
     * source line), so the stored order does not give the choice away to whoever reads it in order.
     */
    static boolean chosenFirst(long line) {
        long z = line * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return ((z ^ (z >>> 31)) & 1) == 0;
    }

    /** The metadata {@code source} entry every importer writes: format, file name and line. */
    static Map<String, Object> source(String format, Path file, int line) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("format", format);
        s.put("file", file.getFileName().toString());
        s.put("line", line);
        return s;
    }

    /** Turns drafts into items and saves them in batches. */
    static final class Sink {
        private static final int BATCH = 512;
        final StoredProject stored;
        final String annotator;
        final List<ImportReport.Problem> problems = new ArrayList<>();
        private final List<Item> pending = new ArrayList<>();
        private final Map<String, Item> pendingById = new HashMap<>();
        private final int guidelineVersion;
        private final Instant now = Instant.now();
        int items;
        int annotations;

        Sink(StoredProject stored, String annotator) {
            this.stored = stored;
            this.annotator = annotator;
            this.guidelineVersion = stored.project().currentGuidelineVersion();
        }

        void problem(Path file, String message) {
            problems.add(new ImportReport.Problem(file.toString(), message));
        }

        /**
         * Adds a comparison and the annotator's judgement of it. The same comparison imported again
         * under the same name (another annotator's file) joins the item holding it; another
         * comparison under a taken name gets {@code <name>-2}.
         */
        void add(Path file, Draft d) throws StoreException {
            List<Annotation> anns = new ArrayList<>(1);
            if (d.preferred != null) {
                anns.add(new Annotation("p1", Pairwise.TYPE, "", Map.of(), PreferenceModality.PAYLOAD_VERSION,
                        new Pairwise(d.preferred, 1, List.of()).toPayload(), Provenance.IMPORTED, annotator, now, now));
            }
            if (d.ranks != null) {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("ranks", new LinkedHashMap<>(d.ranks));
                payload.put("order", List.of());
                anns.add(new Annotation("r1", RANKING, "", Map.of(), PreferenceModality.PAYLOAD_VERSION, payload, Provenance.IMPORTED,
                        annotator, now, now));
            }
            Map<String, Object> tree = d.comparison.toJson();
            String base = itemId(d.name);
            String id = base;
            Item item = null;
            for (int n = 2;; n++) {
                Item existing = pendingById.get(id);
                if (existing == null && stored.project().item(id).isPresent()) {
                    existing = stored.loadItem(id);
                }
                if (existing == null) {
                    break;
                }
                if (Comparisons.isInline(existing) && tree.equals(Comparisons.asset(existing).metadata().get(Comparisons.METADATA_KEY))) {
                    item = existing;
                    break;
                }
                id = trim(base, ("-" + n).length()) + "-" + n;
            }
            boolean isNew = item == null;
            if (isNew) {
                item = new Item(id, "", List.of(Comparisons.inline(d.comparison)), Map.of(), null, null);
            } else if (item.set(annotator).isPresent()) {
                problem(file, "item '" + id + "' already has a judgement by " + annotator + " (imported before?); skipped");
                return;
            }
            if (!anns.isEmpty()) {
                item.putSet(new AnnotationSet(annotator, AnnotationState.IN_PROGRESS, guidelineVersion, now, now, anns));
            }
            keep(item);
            items += isNew ? 1 : 0;
            annotations += anns.size();
        }

        /** Adds a whole item (Vellum's own format); sets of annotators it already has are reported, not replaced. */
        void addItem(Path file, Item incoming) throws StoreException {
            Item existing = pendingById.get(incoming.id());
            if (existing == null && stored.project().item(incoming.id()).isPresent()) {
                existing = stored.loadItem(incoming.id());
            }
            if (existing == null) {
                keep(incoming);
                items++;
                annotations += incoming.sets().stream().mapToInt(s -> s.annotations().size()).sum();
                return;
            }
            boolean changed = false;
            for (AnnotationSet s : incoming.sets()) {
                if (existing.set(s.annotator()).isPresent()) {
                    problem(file, "item '" + incoming.id() + "' already has a set by " + s.annotator() + "; kept, the imported one skipped");
                } else {
                    existing.putSet(s);
                    annotations += s.annotations().size();
                    changed = true;
                }
            }
            if (changed) {
                keep(existing);
            }
        }

        private void keep(Item item) throws StoreException {
            if (pendingById.put(item.id(), item) == null) {
                pending.add(item);
            }
            if (pending.size() >= BATCH) {
                flush();
            }
        }

        void flush() throws StoreException {
            if (!pending.isEmpty()) {
                stored.saveItems(new ArrayList<>(pending));
                pending.clear();
                pendingById.clear();
            }
        }

        ImportReport finish() throws StoreException {
            flush();
            return new ImportReport(items, annotations, problems);
        }
    }

    /** A valid item id made from a name: other characters become '_', at most 128. */
    static String itemId(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || i > 0 && (c == '.' || c == '_' || c == '-');
            b.append(ok ? c : '_');
        }
        String id = b.length() == 0 ? "pair" : b.toString();
        if (!Character.isLetterOrDigit(id.charAt(0))) {
            id = "p" + id;
        }
        id = trim(id, 0);
        if (!Ids.isValid(id)) {
            throw new IllegalStateException("not a valid id: " + id);
        }
        return id;
    }

    private static String trim(String s, int room) {
        return s.length() + room > 128 ? s.substring(0, 128 - room) : s;
    }

    // ---------------------------------------------------------------- exporting

    /** The preference items of a project, by id. */
    static List<String> preferenceItems(StoredProject project) {
        return project.project().items().stream().filter(s -> PreferenceModality.ID.equals(s.modalityId())).map(ItemSummary::id).sorted().toList();
    }

    /** Loads items in batches (the store may read a batch in parallel) and hands each to {@code each}. */
    static void eachItem(StoredProject project, List<String> ids, dev.vellum.core.spi.Progress progress, ItemConsumer each)
            throws IOException, StoreException {
        for (int i = 0; i < ids.size(); i += 64) {
            if (progress.isCanceled()) {
                throw new IOException("export cancelled");
            }
            List<String> batch = ids.subList(i, Math.min(ids.size(), i + 64));
            for (Item item : project.loadItems(batch)) {
                each.accept(item);
            }
            progress.worked(batch.size());
        }
    }

    interface ItemConsumer {
        void accept(Item item) throws IOException, StoreException;
    }

    /** The sets to export: the annotator's, or all; only accepted (or audited) ones when asked. */
    static List<AnnotationSet> sets(Item item, FormatExporter.Options options) {
        List<AnnotationSet> sets = new ArrayList<>(item.sets());
        if (options != null && options.annotator() != null) {
            sets.removeIf(s -> !s.annotator().equals(options.annotator()));
        }
        if (options != null && options.acceptedOnly()) {
            sets.removeIf(s -> s.state() != AnnotationState.ACCEPTED && s.state() != AnnotationState.AUDITED);
        }
        return sets;
    }

    /** One set for a format that holds one judgement per comparison: the most advanced in review, with a loss naming the others. */
    static AnnotationSet oneSet(Item item, FormatExporter.Options options, String format, Losses losses) {
        List<AnnotationSet> sets = sets(item, options);
        if (sets.isEmpty()) {
            return null;
        }
        AnnotationSet chosen = sets.stream().max(Comparator.comparingInt((AnnotationSet s) -> s.state().progressRank())).orElseThrow();
        if (sets.size() > 1) {
            List<String> others = sets.stream().filter(s -> s != chosen).map(AnnotationSet::annotator).toList();
            losses.add(item.id(), format + " holds one judgement per comparison: " + chosen.annotator() + "'s was written, not " + others
                    + "'s; choose an annotator to write another");
        }
        return chosen;
    }

    /**
     * What a set says about a comparison, as a ranking: 1-based ranks by response id, from its
     * ranking, else from its pairwise choice (preferred 1, the other 2; a tie both 1). Null when it
     * has neither (or both bad). Annotations not used are named in {@code unused}.
     */
    static Map<String, Integer> ranks(AnnotationSet set, Comparison c, List<Annotation> unused, Losses losses, String itemId) {
        Map<String, Integer> ranks = null;
        for (Annotation a : set.annotations()) {
            if (ranks == null && RANKING.equals(a.typeId()) && a.payload().get("ranks") instanceof Map<?, ?> m) {
                Map<String, Integer> r = new LinkedHashMap<>();
                for (String id : c.ids()) {
                    if (m.get(id) instanceof Number n) {
                        r.put(id, n.intValue());
                    }
                }
                if (r.size() >= 2) {
                    ranks = r;
                    continue;
                }
            }
            if (ranks == null && Pairwise.TYPE.equals(a.typeId())) {
                Pairwise p;
                try {
                    p = Pairwise.fromPayload(a.payload());
                } catch (PayloadException e) {
                    losses.add(itemId, "annotation '" + a.id() + "' is not a valid pairwise choice (" + e.getMessage() + "); not written");
                    continue;
                }
                List<String> pair = p.order().size() == 2 ? p.order() : c.ids().size() == 2 ? c.ids() : null;
                if (pair == null) {
                    losses.add(itemId, "pairwise choice '" + a.id() + "' on " + c.ids().size() + " responses does not say which two; not written");
                    continue;
                }
                if (Pairwise.BOTH_BAD.equals(p.preferred())) {
                    losses.add(itemId, "'both bad' has no place in a preference pair; the comparison was not written");
                    continue;
                }
                Map<String, Integer> r = new LinkedHashMap<>();
                for (String id : pair) {
                    r.put(id, Pairwise.TIE.equals(p.preferred()) || id.equals(p.preferred()) ? 1 : 2);
                }
                ranks = r;
                continue;
            }
            unused.add(a);
        }
        return ranks;
    }

    /** The ids ranked best and worst, or null (with a loss) when a tie makes either unclear. */
    static String[] bestAndWorst(Map<String, Integer> ranks, String format, Losses losses, String itemId) {
        int min = ranks.values().stream().min(Integer::compare).orElseThrow();
        int max = ranks.values().stream().max(Integer::compare).orElseThrow();
        List<String> best = ranks.entrySet().stream().filter(e -> e.getValue() == min).map(Map.Entry::getKey).toList();
        List<String> worst = ranks.entrySet().stream().filter(e -> e.getValue() == max).map(Map.Entry::getKey).toList();
        if (min == max) {
            losses.add(itemId, format + " cannot hold a tie; the comparison was not written");
            return null;
        }
        if (best.size() > 1 || worst.size() > 1) {
            losses.add(itemId, format + " holds one chosen and one rejected response; the ranking has a tie at the "
                    + (best.size() > 1 ? "top" : "bottom") + "; the comparison was not written");
            return null;
        }
        if (ranks.size() > 2) {
            losses.add(itemId, format + " holds a pair: of the ranking of " + ranks.size() + " responses only the best (" + best.get(0)
                    + ") and the worst (" + worst.get(0) + ") were written");
        }
        return new String[] {best.get(0), worst.get(0)};
    }

    /** Reports annotations a format has no place for. */
    static void unused(List<Annotation> unused, String format, Losses losses, String itemId) {
        for (Annotation a : unused) {
            losses.each(itemId, format + " has no place for " + a.typeId() + " annotations; not written", a.id());
        }
    }

    /**
     * Collects what an export leaves out or changes, per item, so that nothing is dropped without a
     * word; repeated messages of one item are counted, and annotations with one loss share a line.
     */
    static final class Losses {
        private final Map<String, Map<String, List<String>>> byItem = new LinkedHashMap<>();

        void add(String item, String message) {
            byItem.computeIfAbsent(item, k -> new LinkedHashMap<>()).computeIfAbsent(message, k -> new ArrayList<>()).add(null);
        }

        void each(String item, String what, String id) {
            byItem.computeIfAbsent(item, k -> new LinkedHashMap<>()).computeIfAbsent(what, k -> new ArrayList<>()).add(id);
        }

        ExportReport report(int written) {
            List<ExportReport.Problem> out = new ArrayList<>();
            byItem.forEach((item, messages) -> messages.forEach((m, ids) -> {
                List<String> named = ids.stream().filter(i -> i != null).map(i -> "'" + i + "'").toList();
                if (!named.isEmpty()) {
                    out.add(new ExportReport.Problem(item, m + ": " + String.join(", ", named)));
                } else {
                    out.add(new ExportReport.Problem(item, ids.size() == 1 ? m : m + " (" + ids.size() + " times)"));
                }
            }));
            return new ExportReport(written, out);
        }
    }

    /** Something that writes a file's content. */
    interface Content {
        void write(OutputStream out) throws IOException, StoreException;
    }

    /** Writes {@code out} atomically: a temporary file in the same folder, then a move over the target. */
    static void writeAtomically(Path out, Content content) throws IOException, StoreException {
        if (Files.isDirectory(out)) {
            throw new IOException(out + ": is a folder; this export writes one file");
        }
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
        try {
            try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
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

    /** Writes one JSON line (compact, UTF-8, then a line feed). */
    static void line(OutputStream out, Object tree) throws IOException {
        out.write(JSON.writeValueAsBytes(tree));
        out.write('\n');
    }
}
