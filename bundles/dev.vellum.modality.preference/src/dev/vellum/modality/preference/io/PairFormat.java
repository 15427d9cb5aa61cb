package dev.vellum.modality.preference.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.Comparisons;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.PayloadException;
import dev.vellum.modality.preference.model.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A format of preference pairs, one chosen and one rejected response to a context: what hh-rlhf,
 * TRL, OpenAI DPO and ShareGPT have in common. A subclass reads and writes one record; this class
 * turns records into comparisons with the file's choice as the importing annotator's pairwise
 * judgement (provenance {@code imported}, strength 1, no display order), and judgements back into
 * records.
 *
 * <p>On import the chosen response is stored as A or B by a fixed coin flip per source line, so
 * that the stored order does not give the choice away. A response that is more than one assistant
 * turn keeps its turns in the response metadata {@code turns} (its content is their text joined by
 * blank lines). Fields of a record that Vellum has no place for are kept in the comparison's
 * metadata under the format's id, and written back by the same format.
 */
abstract class PairFormat {
    /** A pair as a format holds it. */
    record Pair(List<Message> prompt, List<Message> chosen, List<Message> rejected, Map<String, Object> extra) {
    }

    abstract String id();

    abstract String displayName();

    /** File name endings read from folders. */
    abstract List<String> endings();

    /** How well the first record of a file looks like this format (0: not at all). */
    abstract int score(JsonNode first);

    /**
     * Reads one record.
     *
     * @throws PayloadException saying what the record lacks
     */
    abstract Pair read(JsonNode record);

    /** One record (a JSON tree) of a pair; what it cannot hold goes to {@code losses}. */
    abstract Map<String, Object> write(Pair pair, PreferenceFormats.Losses losses, String itemId);

    /** Writes the records: one JSON line each by default. */
    void writeFile(OutputStream out, List<Map<String, Object>> records) throws IOException {
        for (Map<String, Object> r : records) {
            PreferenceFormats.line(out, r);
        }
    }

    /** Whether records go out one by one (JSON lines) rather than collected into one document. */
    boolean streams() {
        return true;
    }

    int accepts(Path file) {
        if (java.nio.file.Files.isDirectory(file)) {
            return 5;
        }
        JsonNode first = PreferenceFormats.firstRecord(file);
        return first == null ? 0 : score(first);
    }

    ImportReport importFiles(StoredProject project, List<Path> files, String annotator, Progress progress) throws IOException, StoreException {
        PreferenceFormats.Sink sink = new PreferenceFormats.Sink(project, annotator);
        List<Path> all = PreferenceFormats.files(files, endings());
        progress.begin("Importing " + id(), all.size());
        for (Path f : all) {
            if (progress.isCanceled()) {
                break;
            }
            String stem = PreferenceFormats.stem(f);
            PreferenceFormats.records(f, sink, rec -> {
                Pair p;
                try {
                    p = read(rec.node());
                    if (p.chosen().isEmpty() || p.rejected().isEmpty()) {
                        throw new PayloadException("the chosen or the rejected response is empty");
                    }
                } catch (PayloadException e) {
                    sink.problem(f, "line " + rec.line() + ": " + e.getMessage() + "; skipped");
                    return;
                }
                sink.add(f, draft(f, stem, rec.line(), p));
            });
            progress.worked(1);
        }
        return sink.finish();
    }

    private PreferenceFormats.Draft draft(Path file, String stem, int line, Pair p) {
        boolean first = PreferenceFormats.chosenFirst(line);
        Response chosen = response(first ? "A" : "B", p.chosen());
        Response rejected = response(first ? "B" : "A", p.rejected());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("source", PreferenceFormats.source(id(), file, line));
        if (!p.extra().isEmpty()) {
            meta.put(id(), p.extra());
        }
        Comparison c = new Comparison(p.prompt(), first ? List.of(chosen, rejected) : List.of(rejected, chosen), meta);
        PreferenceFormats.Draft d = new PreferenceFormats.Draft(stem + "-" + String.format("%06d", line), c);
        d.preferred = chosen.id();
        return d;
    }

    /** A response of one assistant turn, or of several turns kept in its metadata. */
    static Response response(String id, List<Message> tail) {
        if (tail.size() == 1 && "assistant".equals(tail.get(0).role())) {
            return new Response(id, tail.get(0).content(), Map.of());
        }
        StringBuilder b = new StringBuilder();
        for (Message m : tail) {
            b.append(b.isEmpty() ? "" : "\n\n").append(m.content());
        }
        return new Response(id, b.toString(), Map.of("turns", PreferenceFormats.messageTrees(tail, "role", "content", Map.of())));
    }

    /** The turns of a response: those kept in its metadata while its content is unchanged, else one assistant turn. */
    static List<Message> tail(Response r) {
        if (r.metadata().get("turns") instanceof List<?> turns) {
            List<Message> out = new ArrayList<>();
            StringBuilder b = new StringBuilder();
            for (Object o : turns) {
                if (o instanceof Map<?, ?> m && m.get("role") instanceof String role) {
                    String content = m.get("content") instanceof String s ? s : "";
                    out.add(new Message(role, content));
                    b.append(b.isEmpty() ? "" : "\n\n").append(content);
                }
            }
            if (!out.isEmpty() && b.toString().equals(r.content())) {
                return out;
            }
        }
        return List.of(new Message("assistant", r.content()));
    }

    /** The fields of a record other than {@code known}, as a tree; empty when there are none. */
    static Map<String, Object> otherFields(JsonNode record, String... known) {
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = record.fields();
        outer: while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            for (String k : known) {
                if (k.equals(e.getKey())) {
                    continue outer;
                }
            }
            out.put(e.getKey(), PreferenceFormats.JSON.convertValue(e.getValue(), Object.class));
        }
        return out;
    }

    ExportReport export(StoredProject project, FormatExporter.Options options, Path out, Progress progress) throws IOException, StoreException {
        PreferenceFormats.Losses losses = new PreferenceFormats.Losses();
        List<String> ids = PreferenceFormats.preferenceItems(project);
        int[] written = {0};
        List<Map<String, Object>> collected = new ArrayList<>();
        progress.begin("Exporting " + id(), ids.size());
        PreferenceFormats.writeAtomically(out, os -> {
            PreferenceFormats.eachItem(project, ids, progress, item -> {
                AnnotationSet set = PreferenceFormats.oneSet(item, options, id(), losses);
                if (set == null) {
                    losses.add(item.id(), "no judgement" + (options != null && options.annotator() != null ? " by " + options.annotator() : "")
                            + (options != null && options.acceptedOnly() ? " accepted in review" : "") + "; not written");
                    return;
                }
                Comparison c = Comparisons.load(project, item);
                List<Annotation> unused = new ArrayList<>();
                Map<String, Integer> ranks = PreferenceFormats.ranks(set, c, unused, losses, item.id());
                PreferenceFormats.unused(unused, id(), losses, item.id());
                if (ranks == null) {
                    losses.add(item.id(), "no pairwise choice or ranking by " + set.annotator() + "; not written");
                    return;
                }
                String[] bw = PreferenceFormats.bestAndWorst(ranks, id(), losses, item.id());
                if (bw == null) {
                    return;
                }
                hiddenMetadata(c, bw, losses, item.id());
                Map<String, Object> extra = c.metadata().get(id()) instanceof Map<?, ?> m ? cast(m) : Map.of();
                Map<String, Object> record = write(new Pair(c.prompt(), tail(c.response(bw[0])), tail(c.response(bw[1])), extra), losses, item.id());
                if (streams()) {
                    PreferenceFormats.line(os, record);
                } else {
                    collected.add(record);
                }
                written[0]++;
            });
            if (!streams()) {
                writeFile(os, collected);
            }
        });
        return losses.report(written[0]);
    }

    private void hiddenMetadata(Comparison c, String[] written, PreferenceFormats.Losses losses, String itemId) {
        List<String> keys = new ArrayList<>();
        for (String k : c.metadata().keySet()) {
            if (!k.equals("source") && !k.equals(id())) {
                keys.add(k);
            }
        }
        for (String rid : written) {
            for (String k : c.response(rid).metadata().keySet()) {
                if (!k.equals("turns")) {
                    keys.add(rid + "." + k);
                }
            }
        }
        if (!keys.isEmpty()) {
            losses.add(itemId, id() + " has no place for the hidden metadata " + keys + "; not written");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    /** The text of a node that must be a string. */
    static String text(JsonNode record, String field) {
        JsonNode n = record.get(field);
        if (n == null || !n.isTextual()) {
            throw new PayloadException("'" + field + "' is " + (n == null ? "missing" : "not a string"));
        }
        return n.asText();
    }
}
