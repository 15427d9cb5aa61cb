package dev.vellum.modality.text.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;
import dev.vellum.core.model.Ids;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.Project;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.TextDocuments;
import dev.vellum.modality.text.TextModality;
import dev.vellum.modality.text.model.PayloadException;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.RelationLabels;
import dev.vellum.modality.text.model.Span;

/**
 * What all text formats share: document names and the files to read, strict UTF-8, imported span
 * and relation annotations, the {@link Sink} that writes imported documents into the project, and
 * on export the text items, the one set a format writes per document, an item's text and atomic
 * writes. Package-private: the formats' own classes are the API.
 */
final class TextFormats {
    private TextFormats() {
    }

    /** The project document folder imported texts are written to. */
    static final String MEDIA = "media";

    // ------------------------------------------------------------------ names and files

    /** {@code s} made into a valid item id and document name (see {@link Ids#from}). */
    static String idPart(String s, String fallback) {
        return Ids.from(s, fallback);
    }

    /** The file name without its last extension. */
    static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** The lower-case extension of a file name, empty when it has none. */
    static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
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
        String s = root.relativize(file).toString().replace('\\', '/');
        int dot = s.lastIndexOf('.');
        if (dot > s.lastIndexOf('/') + 1) {
            s = s.substring(0, dot);
        }
        return s.replace('/', '_');
    }

    /** A file to import and the folder given for it (null when the file was given directly). */
    record Input(Path root, Path file) {
    }

    /**
     * The files to read for {@code inputs}: files as given, folders walked for the extensions given
     * (lower case, sorted by path); a folder without such files is reported to {@code sink}.
     *
     * @throws IOException naming an input that does not exist
     */
    static List<Input> files(List<Path> inputs, Set<String> extensions, String filesName, Sink sink) throws IOException {
        List<Input> out = new ArrayList<>();
        for (Path f : inputs) {
            if (!Files.exists(f)) {
                throw new IOException(f + ": no such file or folder");
            }
            if (Files.isDirectory(f)) {
                List<Path> found;
                try (Stream<Path> s = Files.walk(f)) {
                    found = s.filter(p -> Files.isRegularFile(p) && extensions.contains(extension(p))).sorted().toList();
                }
                if (found.isEmpty()) {
                    sink.problem(f, "no " + filesName + " found");
                }
                found.forEach(p -> out.add(new Input(f, p)));
            } else {
                out.add(new Input(null, f));
            }
        }
        return out;
    }

    /**
     * Reads a whole file as UTF-8, exactly (a byte order mark is kept: offsets count it).
     *
     * @param what what the file should be, for the message ({@code "a CoNLL-U file"})
     * @throws IOException naming the file when it is not UTF-8
     */
    static String readUtf8(Path file, String what) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not " + what + " (not UTF-8 text)", e);
        }
    }

    /** {@code s} without a leading byte order mark (for formats that hold tokens, not offsets). */
    static String withoutBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Splits text into lines at \n, \r\n or \r, without the line ends. */
    static List<String> lines(String s) {
        return List.of(s.split("\r\n|\r|\n", -1));
    }

    // ------------------------------------------------------------------ annotations

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

    // ------------------------------------------------------------------ import

    /**
     * Writes imported documents into the project: each document's text as the project document
     * {@code media/<name>.txt}, one item per document with the text asset, the annotator's set, and
     * on {@link #finish()} the labels met for the text schema, relation types also as the project's
     * {@link RelationLabels}. Items are saved in batches. Problems go to the import's list, naming
     * the file.
     */
    static final class Sink {
        private static final int BATCH = 64;
        final StoredProject stored;
        final String annotator;
        final List<ImportReport.Problem> problems = new ArrayList<>();
        private final Map<String, LabelClass> classes = new LinkedHashMap<>();
        private final Set<String> relationTypes = new LinkedHashSet<>();
        private final Set<String> spanLabels = new LinkedHashSet<>();
        private final Map<String, Item> pending = new LinkedHashMap<>();
        private final Map<Path, Object> once = new HashMap<>();
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

        /** Something read from {@code file} once per import (brat's annotation.conf, shared by its documents). */
        @SuppressWarnings("unchecked")
        <T> T once(Path file, FileReader<T> reader) throws IOException {
            Object v = once.get(file);
            if (v == null) {
                v = reader.read(file);
                once.put(file, v);
            }
            return (T) v;
        }

        /** Whether {@link #once} read {@code file} already. */
        boolean wasRead(Path file) {
            return once.containsKey(file);
        }

        /** Reads a file. */
        interface FileReader<T> {
            T read(Path file) throws IOException;
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

        /** Remembers a relation type: a label of the schema, and one of the project's relation labels. */
        void relationType(String name, List<AttributeDef> attributes) {
            label(name, null, attributes);
            if (name != null && !name.isBlank()) {
                relationTypes.add(name);
            }
        }

        /** Writes a document read token by token (see {@link ImportedDocument}) with its spans and relations. */
        void add(Path file, ImportedDocument doc) throws StoreException {
            String text = doc.text.toString();
            Map<String, Object> assetMeta = new LinkedHashMap<>();
            if (doc.metadata.get("language") instanceof String lang) {
                assetMeta.put("language", lang);
            }
            if (doc.tokenized) {
                assetMeta = doc.segmentation().addTo(assetMeta);
            }
            Map<String, Object> itemMeta = new LinkedHashMap<>(doc.metadata);
            itemMeta.remove("language");
            add(file, doc.name, text, assetMeta, itemMeta, doc.annotations(file, text, this));
        }

        /**
         * Adds a document with its annotations. The item id (and document name) comes from
         * {@code name}; when that id holds another text already, {@code name-2}, {@code name-3}...
         * are tried, and the item holding the same text gets the annotations (another annotator's
         * work on the same document).
         *
         * @param assetMetadata the text asset's metadata besides its length ({@code characters})
         * @return the item id
         */
        String add(Path file, String name, String text, Map<String, Object> assetMetadata, Map<String, Object> itemMetadata, List<Annotation> anns)
                throws StoreException {
            String base = idPart(name, "document");
            Item item = null;
            boolean isNew = false;
            String id = base;
            for (int n = 2;; n++) {
                // ".txt" must fit the 128 characters of a document name
                String path = MEDIA + "/" + id + ".txt";
                boolean known = pending.containsKey(id) || stored.project().item(id).isPresent();
                String existing = stored.documents().read(path).orElse(null);
                if (!known && existing == null) {
                    stored.documents().write(path, text);
                    Map<String, Object> meta = new LinkedHashMap<>();
                    meta.put("characters", text.codePointCount(0, text.length()));
                    if (assetMetadata != null) {
                        meta.putAll(assetMetadata);
                    }
                    item = new Item(id, "", List.of(new Asset(path, TextModality.ID, "", meta)), itemMetadata == null ? Map.of() : itemMetadata,
                            null, null);
                    isNew = true;
                    break;
                }
                if (known && text.equals(existing)) {
                    Item old = pending.containsKey(id) ? pending.get(id) : stored.loadItem(id);
                    if (old.assets().get(0).uri().equals(path)) {
                        item = old;
                        break;
                    }
                }
                id = idPart(base + "-" + n, "document-" + n);
            }
            for (Annotation a : anns) {
                if (Relation.TYPE.equals(a.typeId())) {
                    relationType(a.label(), attributeDefs(a));
                } else {
                    label(a.label(), null, attributeDefs(a));
                    spanLabels.add(a.label());
                }
            }
            int added = 0;
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
                    added++;
                }
            }
            if (isNew || added > 0) {
                if (pending.put(id, item) == null) {
                    pendingChars += text.length();
                }
                if (pending.size() >= BATCH || pendingChars > 4_000_000) {
                    flush();
                }
            }
            items += isNew ? 1 : 0;
            annotations += added;
            return id;
        }

        private static List<AttributeDef> attributeDefs(Annotation a) {
            List<AttributeDef> out = new ArrayList<>();
            a.attributes().forEach((k, v) -> out.add(new AttributeDef(k, v instanceof Boolean ? AttributeType.BOOLEAN
                    : v instanceof Number ? AttributeType.NUMBER : AttributeType.TEXT, List.of(), false)));
            return out;
        }

        /** Saves the items written so far. */
        void flush() throws StoreException {
            if (!pending.isEmpty()) {
                stored.saveItems(new ArrayList<>(pending.values()));
                pending.clear();
                pendingChars = 0;
            }
        }

        /**
         * Saves what is pending, adds the labels met to the text label schema (existing classes stay
         * as they are) and the relation types to the project's {@link RelationLabels} (a type that
         * spans of this import also use is left out of those, since it labels both), and reports.
         */
        ImportReport finish() throws StoreException {
            flush();
            Project project = stored.project();
            boolean changed = project.addMissingLabels(TextModality.ID, classes.values());
            Set<String> types = new LinkedHashSet<>(relationTypes);
            types.removeAll(spanLabels);
            if (!types.isEmpty()) {
                try {
                    Set<String> declared = new LinkedHashSet<>(RelationLabels.of(project));
                    if (declared.addAll(types)) {
                        Map<String, Object> extensions = new LinkedHashMap<>(project.extensions());
                        extensions.put(RelationLabels.EXTENSION, List.copyOf(declared));
                        project.setExtensions(extensions);
                        changed = true;
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(new ImportReport.Problem(stored.location(), e.getMessage() + "; the relation types " + types + " were not added to it"));
                }
            }
            if (changed) {
                stored.saveProject();
            }
            return new ImportReport(items, annotations, problems);
        }
    }

    // ------------------------------------------------------------------ export

    /** The text items in project order. */
    static List<ItemSummary> textItems(StoredProject project) {
        return project.project().items().stream().filter(s -> TextModality.ID.equals(s.modalityId())).toList();
    }

    /**
     * The one set of {@code item} a format holding one annotator per document writes: the options'
     * annotator's, else the most advanced in review; only accepted or audited ones when asked. The
     * sets left out are reported. Null when none qualifies.
     */
    static AnnotationSet oneSet(Item item, FormatExporter.Options options, String format, ExportReport.Builder losses) {
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
     * The text of a text item, exactly as stored (see {@link TextDocuments#readText}).
     *
     * @throws IOException naming the item and the document when it cannot be read
     */
    static String text(StoredProject project, Item item) throws IOException {
        try {
            return TextDocuments.readText(project, TextDocuments.textAsset(item));
        } catch (StoreException e) {
            throw new IOException("item '" + item.id() + "': " + e.getMessage(), e);
        }
    }

    /**
     * Makes sure {@code out} can be the folder a format writes its files into.
     *
     * @param why what the format writes, for the message when {@code out} is a file
     */
    static void requireFolder(Path out, String why) throws IOException {
        if (Files.isRegularFile(out)) {
            throw new IOException(out + ": " + why + " into a folder; this is a file");
        }
        Files.createDirectories(out);
    }
}
