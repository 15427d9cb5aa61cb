package dev.vellum.modality.text.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.spi.ExportFiles;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.TextModality;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Span;

/**
 * Writes brat standoff into a folder: per text item {@code <item id>.txt} (the text as it is) and
 * {@code <item id>.ann}, and one {@code annotation.conf} declaring the entity and relation types and
 * attributes used. Spans are {@code T} entities (split into fragments at line breaks, as brat does),
 * relations {@code R} lines, span attributes {@code A} lines (booleans without value), the attribute
 * {@value BratImporter#NOTE} an AnnotatorNotes {@code #} line. Brat ids ({@code T3}, {@code R1}) are
 * kept when the annotations have them. Reported: empty spans, type names and attribute values with
 * whitespace (written with '_'), list attributes, relation attributes (brat's apply to entities),
 * relations to spans not written, other annotators' sets.
 */
@Component(service = FormatExporter.class)
public final class BratExporter extends TextExporter {
    private static final Pattern T_ID = Pattern.compile("T[1-9]\\d*");
    private static final Pattern R_ID = Pattern.compile("R[1-9]\\d*");

    /** The DS service. */
    public BratExporter() {
        super(BratImporter.ID, "brat", "brat standoff (.ann + .txt, annotation.conf)");
    }

    /** Types and attributes used, for annotation.conf. */
    private static final class Schema {
        final Set<String> entities = new LinkedHashSet<>();
        final Set<String> relations = new LinkedHashSet<>();
        final Map<String, Set<String>> attributeValues = new LinkedHashMap<>();
    }

    @Override
    public ExportReport exportWithReport(StoredProject project, Options options, Path out, Progress progress) throws IOException, StoreException {
        TextFormats.requireFolder(out, "brat is written as .txt and .ann files");
        ExportReport.Builder losses = new ExportReport.Builder();
        Schema schema = new Schema();
        // the schema's order first, so annotation.conf lists types as the project does
        project.project().schema(TextModality.ID).ifPresent(s -> {
            for (LabelClass c : s.classes()) {
                for (AttributeDef d : c.attributes()) {
                    if (d.type() == AttributeType.CHOICE) {
                        schema.attributeValues.computeIfAbsent(typeName(d.name()), k -> new LinkedHashSet<>()).addAll(d.allowedValues());
                    }
                }
            }
        });
        int written = eachItem(project, options, progress, out, true, losses, (item, set, index) -> {
            String text = TextFormats.text(project, item);
            String ann = ann(item.id(), text, set == null ? List.of() : set.annotations(), schema, losses);
            ExportFiles.writeText(out.resolve(item.id() + ".txt"), text);
            ExportFiles.writeText(out.resolve(item.id() + ".ann"), ann);
            return true;
        });
        // types in the order of the project's label schema, then any others in the order met
        List<String> order = project.project().schema(TextModality.ID).map(x -> x.classes().stream().map(c -> typeName(c.name())).toList())
                .orElse(List.of());
        ExportFiles.writeText(out.resolve(BratConfig.FILE), conf(schema, order));
        return losses.build(written);
    }

    /** A brat type or attribute name: no whitespace. */
    private static String typeName(String label) {
        return label.isBlank() ? "_" : label.strip().replaceAll("\\s+", "_");
    }

    private static String ann(String itemId, String text, List<Annotation> annotations, Schema schema, ExportReport.Builder losses) {
        int[] cps = text.codePoints().toArray();
        // brat ids: kept when they are brat's own and unique, else the next free number
        Set<String> used = new HashSet<>();
        for (Annotation a : annotations) {
            if (T_ID.matcher(a.id()).matches() && TextFormats.span(a) != null || R_ID.matcher(a.id()).matches() && TextFormats.relation(a) != null) {
                used.add(a.id());
            }
        }
        Map<String, String> bratId = new HashMap<>();
        int[] next = {1, 1};
        StringBuilder out = new StringBuilder();
        StringBuilder extra = new StringBuilder();
        int attrNo = 0, noteNo = 0;
        List<Annotation> relations = new ArrayList<>();
        for (Annotation a : annotations) {
            Span sp = TextFormats.span(a);
            if (sp == null) {
                if (Relation.TYPE.equals(a.typeId())) {
                    relations.add(a);
                } else {
                    losses.add(itemId, "'" + a.id() + "' (" + a.typeId() + ") is not a text span or relation; left out");
                }
                continue;
            }
            if (sp.end() > cps.length || sp.start() == sp.end()) {
                losses.add(itemId, "span '" + a.id() + "' is empty or ends after the text; brat cannot hold it, left out");
                continue;
            }
            String id = T_ID.matcher(a.id()).matches() && !bratId.containsValue(a.id()) ? a.id() : fresh('T', next, 0, used);
            bratId.put(a.id(), id);
            String type = label(itemId, a, losses);
            schema.entities.add(type);
            // fragments at line breaks: brat shows a span over several lines as one fragment per line
            List<int[]> frags = new ArrayList<>();
            int s = sp.start();
            for (int i = sp.start(); i <= sp.end(); i++) {
                if (i == sp.end() || cps[i] == '\n' || cps[i] == '\r') {
                    if (i > s) {
                        frags.add(new int[] {s, i});
                    }
                    s = i + 1;
                }
            }
            if (frags.isEmpty()) {
                losses.add(itemId, "span '" + a.id() + "' covers only line breaks; left out");
                continue;
            }
            out.append(id).append('\t').append(type).append(' ');
            List<String> texts = new ArrayList<>();
            for (int k = 0; k < frags.size(); k++) {
                out.append(k > 0 ? ";" : "").append(frags.get(k)[0]).append(' ').append(frags.get(k)[1]);
                texts.add(new String(cps, frags.get(k)[0], frags.get(k)[1] - frags.get(k)[0]));
            }
            out.append('\t').append(String.join(" ", texts)).append('\n');
            attrNo = attributes(itemId, a, id, schema, extra, attrNo, losses);
            noteNo = note(a, id, extra, noteNo);
        }
        for (Annotation a : relations) {
            Relation r = TextFormats.relation(a);
            if (r == null || !bratId.containsKey(r.from()) || !bratId.containsKey(r.to())) {
                losses.add(itemId, "relation '" + a.id() + "' connects an annotation that is not a written span; left out");
                continue;
            }
            String id = R_ID.matcher(a.id()).matches() && !bratId.containsValue(a.id()) ? a.id() : fresh('R', next, 1, used);
            bratId.put(a.id(), id);
            String type = label(itemId, a, losses);
            schema.relations.add(type);
            out.append(id).append('\t').append(type).append(" Arg1:").append(bratId.get(r.from())).append(" Arg2:").append(bratId.get(r.to()))
                    .append('\t').append('\n');
            if (a.attributes().keySet().stream().anyMatch(k -> !k.equals(BratImporter.NOTE))) {
                losses.add(itemId, "relation '" + a.id() + "': brat attributes apply to entities only; its attributes other than the note were left out");
            }
            noteNo = note(a, id, extra, noteNo);
        }
        return out.append(extra).toString();
    }

    private static String fresh(char prefix, int[] next, int which, Set<String> used) {
        String id;
        do {
            id = prefix + Integer.toString(next[which]++);
        } while (!used.add(id));
        return id;
    }

    private static String label(String itemId, Annotation a, ExportReport.Builder losses) {
        String t = typeName(a.label());
        if (!t.equals(a.label())) {
            losses.add(itemId, "label '" + a.label() + "' of '" + a.id() + "' has whitespace or is empty; written as '" + t + "'");
        }
        return t;
    }

    private static int attributes(String itemId, Annotation a, String id, Schema schema, StringBuilder out, int n, ExportReport.Builder losses) {
        for (Map.Entry<String, Object> e : a.attributes().entrySet()) {
            if (e.getKey().equals(BratImporter.NOTE)) {
                continue;
            }
            Object v = e.getValue();
            String name = typeName(e.getKey());
            if (v == null || Boolean.FALSE.equals(v)) {
                schema.attributeValues.putIfAbsent(name, new LinkedHashSet<>());
                continue;
            }
            if (v instanceof List<?>) {
                losses.add(itemId, "attribute '" + e.getKey() + "' of '" + a.id() + "' holds several values; brat holds one, left out");
                continue;
            }
            if (Boolean.TRUE.equals(v)) {
                schema.attributeValues.putIfAbsent(name, new LinkedHashSet<>());
                out.append('A').append(++n).append('\t').append(name).append(' ').append(id).append('\n');
                continue;
            }
            String value = String.valueOf(v);
            String written = typeName(value);
            if (!written.equals(value)) {
                losses.add(itemId, "attribute '" + e.getKey() + "' of '" + a.id() + "': value '" + value + "' written as '" + written + "'");
            }
            schema.attributeValues.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(written);
            out.append('A').append(++n).append('\t').append(name).append(' ').append(id).append(' ').append(written).append('\n');
        }
        return n;
    }

    private static int note(Annotation a, String id, StringBuilder out, int n) {
        if (a.attributes().get(BratImporter.NOTE) instanceof String note && !note.isEmpty()) {
            out.append('#').append(++n).append("\tAnnotatorNotes ").append(id).append('\t').append(note.replace('\n', ' ').replace('\t', ' '))
                    .append('\n');
        }
        return n;
    }

    private static List<String> sorted(Set<String> names, List<String> order) {
        List<String> out = new ArrayList<>(names);
        out.sort(java.util.Comparator.comparingInt(n -> order.contains(n) ? order.indexOf(n) : order.size()));
        return out;
    }

    private static String conf(Schema schema, List<String> order) {
        StringBuilder b = new StringBuilder("# Written by Vellum: the entity and relation types and attributes of the exported documents.\n\n");
        b.append("[entities]\n\n");
        sorted(schema.entities, order).forEach(e -> b.append(e).append('\n'));
        b.append("\n[relations]\n\n");
        sorted(schema.relations, order).forEach(r -> b.append(r).append("\tArg1:<ENTITY>, Arg2:<ENTITY>\n"));
        b.append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
        b.append("\n[events]\n\n");
        b.append("\n[attributes]\n\n");
        schema.attributeValues.forEach((name, values) -> {
            b.append(name).append("\tArg:<ENTITY>");
            if (!values.isEmpty()) {
                b.append(", Value:").append(String.join("|", values));
            }
            b.append('\n');
        });
        return b.toString();
    }
}
