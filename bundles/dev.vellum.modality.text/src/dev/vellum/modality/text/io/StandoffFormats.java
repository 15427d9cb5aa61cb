package dev.vellum.modality.text.io;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;
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
import dev.vellum.core.spi.ProjectDocuments;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.TextModality;
import dev.vellum.modality.text.model.PayloadException;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Span;

/**
 * What the standoff formats (WebAnno TSV, brat) share: turning an imported document into a project
 * document and an item, the text label schema, choosing the set to export, reading an item's text,
 * and atomic writes. Package-private: the formats' own classes are the API.
 */
final class StandoffFormats {
    private StandoffFormats() {
    }

    /** The project document folder imported texts go to. */
    static final String MEDIA = "media";

    /**
     * {@code s} made into a valid item id (and document name): ASCII letters, digits, '.', '_' and
     * '-' kept, anything else '_', no leading punctuation, at most 100 characters (the end kept);
     * {@code fallback} when nothing usable is left.
     */
    static String idPart(String s, String fallback) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-') ? c : '_');
        }
        String id = stripLeadingPunctuation(b.toString());
        if (id.length() > 100) {
            id = stripLeadingPunctuation(id.substring(id.length() - 100));
        }
        return Ids.isValid(id) ? id : fallback;
    }

    private static String stripLeadingPunctuation(String s) {
        int i = 0;
        while (i < s.length() && !Character.isLetterOrDigit(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    /** The file name without its last extension. */
    static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /**
     * The document name of a file found while importing {@code root}: its path below the root without
     * extension, folders joined by '_' (so that equal names in different folders stay apart); just
     * the stem for a file given directly.
     */
    static String documentName(Path root, Path file) {
        if (root == null || root.equals(file)) {
            return stem(file);
        }
        Path rel = root.relativize(file);
        String s = rel.toString().replace('\\', '/');
        int dot = s.lastIndexOf('.');
        if (dot > s.lastIndexOf('/') + 1) {
            s = s.substring(0, dot);
        }
        return s.replace('/', '_');
    }

    /** Reads a UTF-8 text file, naming the file when it is not UTF-8. */
    static String readUtf8(Path file, String what) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + ": not " + what + " (not UTF-8 text)", e);
        }
    }

    /** An imported span annotation; offsets in code points, {@code text} the covered characters. */
    static Annotation span(String id, String label, Map<String, Object> attributes, int start, int end, String text, String annotator) {
        Instant now = Instant.now();
        return new Annotation(id, Span.TYPE, label, attributes, TextModality.PAYLOAD_VERSION, new Span(start, end, text).toPayload(),
                Provenance.IMPORTED, annotator, now, now);
    }

    /** An imported relation annotation from span {@code from} to span {@code to}, its label the relation type. */
    static Annotation relation(String id, String label, Map<String, Object> attributes, String from, String to, String annotator) {
        Instant now = Instant.now();
        return new Annotation(id, Relation.TYPE, label, attributes, TextModality.PAYLOAD_VERSION, new Relation(from, to).toPayload(),
                Provenance.IMPORTED, annotator, now, now);
    }

    /** The span of an annotation, or null when it is not a readable {@code text.span}. */
    static Span span(Annotation a) {
        if (!Span.TYPE.equals(a.typeId())) {
            return null;
        }
        try {
            return Span.fromPayload(a.payload());
        } catch (PayloadException e) {
            return null;
        }
    }

    /** The relation of an annotation, or null when it is not a readable {@code text.relation}. */
    static Relation relation(Annotation a) {
        if (!Relation.TYPE.equals(a.typeId())) {
            return null;
        }
        try {
            return Relation.fromPayload(a.payload());
        } catch (PayloadException e) {
            return null;
        }
    }

    /**
     * Writes imported documents into the project: the text as the project document
     * {@code media/<name>.txt}, one item per document with the text asset, one set per annotator,
     * and the labels for the text schema. Problems go to the import's list, naming the file.
     */
    static final class Sink {
        final StoredProject stored;
        final List<ImportReport.Problem> problems = new ArrayList<>();
        final Map<String, LabelClass> classes = new LinkedHashMap<>();
        int items;
        int annotations;

        Sink(StoredProject stored) {
            this.stored = stored;
        }

        void problem(Path file, String message) {
            problems.add(new ImportReport.Problem(file.toString(), message));
        }

        /**
         * Remembers a label for the schema with the attributes seen on it (each added once; a
         * definition read from the source, such as brat's annotation.conf, should come first).
         */
        void label(String name, String color, List<AttributeDef> attributes) {
            if (name == null || name.isBlank()) {
                return;
            }
            LabelClass old = classes.get(name);
            List<AttributeDef> all = new ArrayList<>(old == null ? List.of() : old.attributes());
            for (AttributeDef d : attributes == null ? List.<AttributeDef>of() : attributes) {
                if (all.stream().noneMatch(x -> x.name().equals(d.name()))) {
                    all.add(d);
                }
            }
            classes.put(name, new LabelClass(name, old != null ? old.color() : color, old != null ? old.hotkey() : null, all));
        }

        /**
         * Adds a document with its annotations. The item id (and document name) comes from
         * {@code name}; when that id holds another text already, {@code name-2}, {@code name-3}...
         * are tried, and the item holding the same text gets the annotations (another annotator's
         * work on the same document).
         *
         * @return the item id, or null when nothing was added
         */
        String add(Path file, String name, String text, Map<String, Object> assetMetadata, Map<String, Object> itemMetadata, String annotator,
                List<Annotation> anns) throws StoreException {
            String base = idPart(name, "document");
            ProjectDocuments docs = stored.documents();
            Item item = null;
            String id = base;
            for (int n = 2;; n++) {
                // ".txt" must fit the 128 characters of a document name
                String path = MEDIA + "/" + id + ".txt";
                boolean known = stored.project().item(id).isPresent();
                String existing = docs.read(path).orElse(null);
                if (!known && existing == null) {
                    docs.write(path, text);
                    Map<String, Object> meta = new LinkedHashMap<>();
                    meta.put("characters", text.codePointCount(0, text.length()));
                    if (assetMetadata != null) {
                        meta.putAll(assetMetadata);
                    }
                    item = new Item(id, "", List.of(new Asset(path, TextModality.ID, "", meta)), itemMetadata == null ? Map.of() : itemMetadata,
                            null, null);
                    items++;
                    break;
                }
                if (known && text.equals(existing)) {
                    Item old = stored.loadItem(id);
                    if (old.assets().get(0).uri().equals(path)) {
                        item = old;
                        break;
                    }
                }
                id = idPart(base + "-" + n, "document-" + n);
            }
            for (Annotation a : anns) {
                label(a.label(), null, attributeDefs(a));
            }
            if (!anns.isEmpty()) {
                AnnotationSet set = item.set(annotator).orElse(null);
                if (set == null) {
                    set = AnnotationSet.start(annotator, stored.project().currentGuidelineVersion());
                    item.putSet(set);
                }
                for (Annotation a : anns) {
                    if (set.indexOf(a.id()) >= 0) {
                        problem(file, "item '" + id + "' already has annotation '" + a.id() + "' of " + annotator + " (imported before?); skipped");
                        continue;
                    }
                    set.insert(-1, a);
                    annotations++;
                }
            }
            stored.saveItem(item);
            return id;
        }

        private static List<AttributeDef> attributeDefs(Annotation a) {
            List<AttributeDef> out = new ArrayList<>();
            a.attributes().forEach((k, v) -> out.add(new AttributeDef(k, v instanceof Boolean ? AttributeType.BOOLEAN
                    : v instanceof Number ? AttributeType.NUMBER : AttributeType.TEXT, List.of(), false)));
            return out;
        }

        /** Adds the labels met to the text label schema (existing classes are kept as they are). */
        void saveSchema() throws StoreException {
            Project project = stored.project();
            LabelSchema schema = project.schema(TextModality.ID).orElse(new LabelSchema(TextModality.ID, List.of()));
            List<LabelClass> all = new ArrayList<>(schema.classes());
            boolean changed = false;
            for (LabelClass c : classes.values()) {
                if (schema.labelClass(c.name()).isEmpty()) {
                    all.add(c);
                    changed = true;
                }
            }
            if (changed) {
                project.putSchema(new LabelSchema(TextModality.ID, all));
                stored.saveProject();
            }
        }

        ImportReport report() {
            return new ImportReport(items, annotations, problems);
        }
    }

    /** Collects what an export leaves out or changes, per item; repeated messages are counted. */
    static final class Losses {
        private final Map<String, Map<String, Integer>> byItem = new LinkedHashMap<>();

        void add(String item, String message) {
            byItem.computeIfAbsent(item, k -> new LinkedHashMap<>()).merge(message, 1, Integer::sum);
        }

        ExportReport report(int written) {
            List<ExportReport.Problem> out = new ArrayList<>();
            byItem.forEach((item, messages) -> messages.forEach((m, n) -> out.add(new ExportReport.Problem(item, n == 1 ? m : m + " (" + n
                    + " times)"))));
            return new ExportReport(written, out);
        }
    }

    /** The text items in project order. */
    static List<ItemSummary> textItems(StoredProject project) {
        return project.project().items().stream().filter(s -> TextModality.ID.equals(s.modalityId())).toList();
    }

    /**
     * The one set of {@code item} a format holding one annotator per document writes: the options'
     * annotator's, else the most advanced in review; only accepted or audited ones when asked. The
     * sets left out are reported. Null when none qualifies.
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
            losses.add(item.id(), format + " holds one annotation set per document: " + chosen.annotator() + "'s ("
                    + chosen.state().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ") was written, not " + others
                    + "; choose an annotator to write another");
        }
        return chosen;
    }

    /**
     * The text of a text item: its project document when the asset names one, else the file the
     * asset resolves to, read as UTF-8.
     *
     * @throws IOException naming the item and the document when it cannot be read
     */
    static String text(StoredProject project, Item item) throws IOException, StoreException {
        Asset asset = item.assets().get(0);
        String uri = asset.uri();
        try {
            ProjectDocuments.requireValidPath(uri);
            var doc = project.documents().read(uri);
            if (doc.isPresent()) {
                return doc.get();
            }
        } catch (IllegalArgumentException notADocumentPath) {
            // a media file elsewhere in the project (media/news/a.txt) or outside it
        }
        URI u = project.resolve(asset);
        if (u == null || !"file".equals(u.getScheme()) || !Files.isRegularFile(Path.of(u))) {
            throw new IOException("item '" + item.id() + "': its text " + uri + " cannot be found");
        }
        return readUtf8(Path.of(u), "a text document");
    }

    /** Writes {@code out} atomically in UTF-8: a temp file in the same folder, then a move over the target. */
    static void writeText(Path out, String text) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IOException(out + ": cannot be written: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
