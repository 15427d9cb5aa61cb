package dev.vellum.modality.image.io;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.stream.XMLInputFactory;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.ImageModality;
import dev.vellum.modality.image.model.PayloadException;
import dev.vellum.modality.image.model.Shape;

/**
 * What the image formats other than COCO share: writing imported annotations into items, the label
 * schema, choosing the sets to export, atomic writes, image sizes from file headers, and numbers as
 * text. Package-private: the formats' own classes are the API.
 */
final class ImageFormats {
    private ImageFormats() {
    }

    /** Image file extensions looked for next to labels, in order of preference. */
    static final List<String> IMAGE_EXTENSIONS = List.of("jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp", "gif", "JPG", "JPEG", "PNG");

    /** {@code s} made into a valid id (see {@link CocoImporter#idPart}). */
    static String idPart(String s, String fallback) {
        return CocoImporter.idPart(s, fallback);
    }

    /** The file name without its last extension. */
    static String stem(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        String n = name.substring(slash + 1);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** {@code path} without its last extension (folders kept). */
    static String withoutExtension(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        int dot = path.lastIndexOf('.');
        return dot > slash + 1 ? path.substring(0, dot) : path;
    }

    /**
     * Width and height from the image file's header, without decoding pixels; null when the file is
     * missing or no installed reader knows it.
     */
    static int[] imageSize(Path image) {
        if (image == null || !Files.isRegularFile(image)) {
            return null;
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                return new int[] {r.getWidth(0), r.getHeight(0)};
            } finally {
                r.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A StAX factory that reads no DTD and resolves no external entity (no XXE). */
    static XMLInputFactory safeXml() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** A number as short plain text: integers without a fraction, never an exponent. */
    static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** Parses a number, or null when {@code s} is not one. */
    static Double parseNumber(String s) {
        if (s == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An imported annotation made now by {@code annotator}. */
    static Annotation annotation(String id, String type, String label, Map<String, Object> attributes, Shape shape, String annotator) {
        Instant now = Instant.now();
        return new Annotation(id, type, label, attributes, ImageModality.PAYLOAD_VERSION, shape.toPayload(), Provenance.IMPORTED, annotator,
                now, now);
    }

    /** The typed shape of an image annotation, or null when its payload cannot be read. */
    static Shape shape(Annotation a) {
        try {
            return Shape.fromPayload(a.typeId(), a.payload());
        } catch (PayloadException e) {
            return null;
        }
    }

    /**
     * Writes imported annotations into the project: creates items (one image asset each) or adds to
     * an existing one, one set per annotator, and collects the labels for the schema. Problems go to
     * the import's list, naming the file.
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

        /** Remembers a label for the schema (the first definition with attributes wins). */
        void label(String name, String color, List<AttributeDef> attributes) {
            label(name, color, null, attributes);
        }

        /** Remembers a label with its hotkey for the schema (the first definition with attributes wins). */
        void label(String name, String color, String hotkey, List<AttributeDef> attributes) {
            if (name == null || name.isBlank()) {
                return;
            }
            LabelClass old = classes.get(name);
            if (old == null || old.attributes().isEmpty() && attributes != null && !attributes.isEmpty()) {
                classes.put(name, new LabelClass(name, color != null ? color : old == null ? null : old.color(),
                        hotkey != null ? hotkey : old == null ? null : old.hotkey(), attributes));
            }
        }

        /**
         * Adds {@code anns} to the item of {@code itemId}, creating it with one asset when new.
         *
         * @return false when the id is taken by an item of another image (reported, nothing added)
         */
        boolean add(Path file, String itemId, String uri, String dataset, int[] size, Map<String, Object> itemMetadata, String annotator,
                List<Annotation> anns) throws StoreException {
            for (Annotation a : anns) {
                label(a.label(), null, null);
            }
            Item item;
            boolean isNew = stored.project().item(itemId).isEmpty();
            if (isNew) {
                Map<String, Object> assetMeta = new LinkedHashMap<>();
                if (size != null) {
                    assetMeta.put("width", size[0]);
                    assetMeta.put("height", size[1]);
                }
                item = new Item(itemId, dataset, List.of(new Asset(uri, ImageModality.ID, "", assetMeta)),
                        itemMetadata == null ? Map.of() : itemMetadata, null, null);
            } else {
                item = stored.loadItem(itemId);
                if (!item.assets().get(0).uri().equals(uri)) {
                    problem(file, uri + " maps to item '" + itemId + "', which already holds " + item.assets().get(0).uri()
                            + "; its annotations were skipped");
                    return false;
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
                        problem(file, "item '" + itemId + "' already has annotation '" + a.id() + "' of " + annotator
                                + " (imported before?); skipped");
                        continue;
                    }
                    set.insert(-1, a);
                    added++;
                }
            }
            if (isNew || added > 0) {
                stored.saveItem(item);
            }
            items += isNew ? 1 : 0;
            annotations += added;
            return true;
        }

        /** Adds the labels met to the image label schema (existing classes are kept as they are). */
        void saveSchema() throws StoreException {
            if (stored.project().addMissingLabels(ImageModality.ID, classes.values())) {
                stored.saveProject();
            }
        }

        ImportReport report() {
            return new ImportReport(items, annotations, problems);
        }
    }

    /** The image items in project order, each with the set to export (or none). */
    static List<ItemSummary> imageItems(StoredProject project) {
        return project.project().items().stream().filter(s -> ImageModality.ID.equals(s.modalityId())).toList();
    }

    /**
     * The sets of {@code item} to export: the annotator's, or the most advanced in review; only
     * accepted or audited ones when asked. Empty when none qualifies.
     */
    static List<AnnotationSet> sets(Item item, FormatExporter.Options options, boolean all) {
        List<AnnotationSet> sets = new ArrayList<>(item.sets());
        if (options != null && options.annotator() != null) {
            sets.removeIf(s -> !s.annotator().equals(options.annotator()));
        }
        if (options != null && options.acceptedOnly()) {
            sets.removeIf(s -> s.state() != AnnotationState.ACCEPTED && s.state() != AnnotationState.AUDITED);
        }
        if (all || sets.isEmpty()) {
            return sets;
        }
        return List.of(sets.stream().max(Comparator.comparingInt((AnnotationSet s) -> s.state().progressRank())).orElseThrow());
    }

    /**
     * The one set of {@code item} a format that holds one annotation per image region writes (see
     * {@link #sets}); when the options left several candidates, the ones not written are reported,
     * since their work would otherwise vanish without a word. Empty when none qualifies.
     */
    static List<AnnotationSet> oneSet(Item item, FormatExporter.Options options, String format, ExportReport.Builder losses) {
        List<AnnotationSet> all = sets(item, options, true);
        List<AnnotationSet> chosen = sets(item, options, false);
        if (all.size() > 1) {
            List<String> others = all.stream().filter(s -> s != chosen.get(0)).map(s -> s.annotator()).toList();
            losses.add(item.id(), format + " holds one annotation set per image: " + chosen.get(0).annotator() + "'s ("
                    + chosen.get(0).state().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ") was written, not " + others
                    + "; choose an annotator to write another");
        }
        return chosen;
    }

    /** Label names in schema order, then any other label the image items use (sorted). */
    static List<String> labels(StoredProject project) {
        Set<String> out = new LinkedHashSet<>();
        project.project().schema(ImageModality.ID).ifPresent(s -> s.classes().forEach(c -> out.add(c.name())));
        Set<String> used = new java.util.TreeSet<>();
        for (ItemSummary s : imageItems(project)) {
            for (ItemSummary.SetSummary set : s.sets()) {
                used.addAll(set.labels());
            }
        }
        used.remove("");
        out.addAll(used);
        return new ArrayList<>(out);
    }

    /**
     * The image's width and height: the asset's metadata, else its file's header; null when neither
     * is known.
     */
    static int[] size(StoredProject project, Item item) {
        Asset asset = item.assets().get(0);
        if (asset.metadata().get("width") instanceof Number w && asset.metadata().get("height") instanceof Number h && w.intValue() > 0
                && h.intValue() > 0) {
            return new int[] {w.intValue(), h.intValue()};
        }
        Path file = file(project, asset);
        return file == null ? null : imageSize(file);
    }

    /** The local file of an asset, or null when it is not one. */
    static Path file(StoredProject project, Asset asset) {
        try {
            URI u = project.resolve(asset);
            return u != null && "file".equals(u.getScheme()) ? Path.of(u) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * A path inside an export folder for an asset uri: the uri's folders kept (so equal names in
     * different folders do not collide), minus anything that would climb out or is absolute.
     */
    static String safeRelative(String uri) {
        String u = uri;
        int scheme = u.indexOf("://");
        if (scheme >= 0) {
            u = u.substring(scheme + 3);
            int slash = u.indexOf('/');
            u = slash >= 0 ? u.substring(slash + 1) : u;
        }
        int q = u.indexOf('?');
        if (q >= 0) {
            u = u.substring(0, q);
        }
        List<String> parts = new ArrayList<>();
        for (String p : u.replace('\\', '/').split("/")) {
            if (p.isEmpty() || p.equals(".") || p.equals("..") || p.endsWith(":")) {
                continue;
            }
            parts.add(p);
        }
        return parts.isEmpty() ? "image" : String.join("/", parts);
    }

    /** Lower-case extension of a file name. */
    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
