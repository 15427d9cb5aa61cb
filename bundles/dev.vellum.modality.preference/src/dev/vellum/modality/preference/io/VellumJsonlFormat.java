package dev.vellum.modality.preference.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.Comparisons;
import dev.vellum.modality.preference.PreferenceModality;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.PayloadException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vellum's own preference JSONL, which keeps everything: a line per item
 * <pre>{"vellum": "preference", "version": 1, "id", "dataset", "metadata", "assignees",
 *  "asset": {"uri", "contentHash", "metadata"}, "comparison": {prompt, responses, metadata},
 *  "sets": [{"annotator", "state", "guidelineVersion", "created", "modified",
 *            "annotations": [{"id", "type", "label", "attributes", "payloadVersion", "payload",
 *                             "provenance", "author", "created", "modified"}]}]}</pre>
 * Every annotator's set with every annotation of every type, display orders and hidden metadata
 * included, comes back as it was. On import the comparison is stored inline (see
 * {@link Comparisons}), whatever the asset's URI was; items whose id the project has gain the sets
 * of annotators they lack.
 */
final class VellumJsonlFormat {
    static final String ID = "vellum-jsonl";
    static final String MARK = "preference";
    static final int VERSION = 1;

    private VellumJsonlFormat() {
    }

    static int accepts(Path file) {
        if (java.nio.file.Files.isDirectory(file)) {
            return 5;
        }
        JsonNode first = PreferenceFormats.firstRecord(file);
        return first != null && MARK.equals(first.path("vellum").asText(null)) ? 100 : 0;
    }

    static ImportReport importFiles(StoredProject project, List<Path> files, Progress progress) throws IOException, StoreException {
        PreferenceFormats.Sink sink = new PreferenceFormats.Sink(project, "-");
        List<Path> all = PreferenceFormats.files(files, List.of(".jsonl", ".jsonl.gz"));
        progress.begin("Importing " + ID, all.size());
        for (Path f : all) {
            PreferenceFormats.records(f, sink, rec -> {
                Item item;
                try {
                    item = item(rec.node());
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    sink.problem(f, "line " + rec.line() + ": " + e.getMessage() + "; skipped");
                    return;
                }
                sink.addItem(f, item);
            });
            progress.worked(1);
        }
        return sink.finish();
    }

    private static Item item(JsonNode o) {
        if (!MARK.equals(o.path("vellum").asText(null))) {
            throw new PayloadException("not a Vellum preference record (no \"vellum\": \"preference\")");
        }
        if (o.path("version").asInt(0) > VERSION) {
            throw new PayloadException("version " + o.path("version").asInt() + " is newer than this Vellum reads (" + VERSION + ")");
        }
        String id = PairFormat.text(o, "id");
        if (!o.path("comparison").isObject()) {
            throw new PayloadException("'comparison' is missing");
        }
        Comparison c = Comparison.fromJson(PreferenceFormats.tree(o.get("comparison")));
        Map<String, Object> assetMeta = new LinkedHashMap<>(o.path("asset").path("metadata").isObject()
                ? PreferenceFormats.tree(o.path("asset").get("metadata")) : Map.of());
        assetMeta.put(Comparisons.METADATA_KEY, c.toJson());
        assetMeta.putIfAbsent("responses", c.responses().size());
        Asset asset = new Asset(Comparisons.INLINE_URI, PreferenceModality.ID, o.path("asset").path("contentHash").asText(""), assetMeta);
        List<String> assignees = new ArrayList<>();
        o.path("assignees").forEach(a -> assignees.add(a.asText()));
        List<AnnotationSet> sets = new ArrayList<>();
        for (JsonNode s : o.path("sets")) {
            List<Annotation> anns = new ArrayList<>();
            for (JsonNode a : s.path("annotations")) {
                Instant created = Instant.parse(PairFormat.text(a, "created"));
                anns.add(new Annotation(PairFormat.text(a, "id"), PairFormat.text(a, "type"), a.path("label").asText(""),
                        a.path("attributes").isObject() ? PreferenceFormats.tree(a.get("attributes")) : Map.of(), a.path("payloadVersion").asInt(1),
                        a.path("payload").isObject() ? PreferenceFormats.tree(a.get("payload")) : Map.of(),
                        Provenance.fromId(a.path("provenance").asText("human")), a.path("author").asText(""), created,
                        a.hasNonNull("modified") ? Instant.parse(a.get("modified").asText()) : created));
            }
            Instant created = Instant.parse(PairFormat.text(s, "created"));
            sets.add(new AnnotationSet(PairFormat.text(s, "annotator"), AnnotationState.fromId(s.path("state").asText("in_progress")),
                    s.path("guidelineVersion").asInt(0), created, s.hasNonNull("modified") ? Instant.parse(s.get("modified").asText()) : created, anns));
        }
        return new Item(id, o.path("dataset").asText(""), List.of(asset),
                o.path("metadata").isObject() ? PreferenceFormats.tree(o.get("metadata")) : Map.of(), assignees, sets);
    }

    static int export(StoredProject project, FormatExporter.Options options, Path out, Progress progress) throws IOException, StoreException {
        List<String> ids = PreferenceFormats.preferenceItems(project);
        int[] written = {0};
        progress.begin("Exporting " + ID, ids.size());
        PreferenceFormats.writeAtomically(out, os -> PreferenceFormats.eachItem(project, ids, progress, item -> {
            PreferenceFormats.line(os, record(item, Comparisons.load(project, item), PreferenceFormats.sets(item, options)));
            written[0]++;
        }));
        return written[0];
    }

    static Map<String, Object> record(Item item, Comparison c, List<AnnotationSet> sets) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("vellum", MARK);
        o.put("version", VERSION);
        o.put("id", item.id());
        o.put("dataset", item.dataset());
        o.put("metadata", item.metadata());
        o.put("assignees", item.assignees());
        Asset asset = Comparisons.asset(item);
        Map<String, Object> assetMeta = new LinkedHashMap<>(asset.metadata());
        assetMeta.remove(Comparisons.METADATA_KEY);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("uri", asset.uri());
        a.put("contentHash", asset.contentHash());
        a.put("metadata", assetMeta);
        o.put("asset", a);
        o.put("comparison", c.toJson());
        List<Map<String, Object>> ss = new ArrayList<>();
        for (AnnotationSet s : sets) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("annotator", s.annotator());
            t.put("state", s.state().id());
            t.put("guidelineVersion", s.guidelineVersion());
            t.put("created", s.created().toString());
            t.put("modified", s.modified().toString());
            List<Map<String, Object>> anns = new ArrayList<>();
            for (Annotation x : s.annotations()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", x.id());
                m.put("type", x.typeId());
                m.put("label", x.label());
                m.put("attributes", x.attributes());
                m.put("payloadVersion", x.payloadVersion());
                m.put("payload", x.payload());
                m.put("provenance", x.provenance().id());
                m.put("author", x.author());
                m.put("created", x.created().toString());
                m.put("modified", x.modified().toString());
                anns.add(m);
            }
            t.put("annotations", anns);
            ss.add(t);
        }
        o.put("sets", ss);
        return o;
    }
}
