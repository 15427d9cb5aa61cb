package dev.vellum.modality.text.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.spi.FormatImporter;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.Ids;
import dev.vellum.core.spi.StoreException;

/**
 * Reads brat standoff annotations: a {@code .ann} file beside its {@code .txt} document (offsets in
 * code points of the text), one item per document, the text written as the project document
 * {@code media/<name>.txt}.
 * <p>
 * Mapping: {@code T} entities become {@code text.span}s labelled with their type and keeping their
 * brat id; a discontinuous entity ({@code 0 5;10 15}) becomes the span covering its fragments, reported
 * unless the fragments are only split at line breaks (as brat splits spans over several lines).
 * {@code R} relations become {@code text.relation}s from the first argument to the second, labelled
 * with the relation type. {@code A}/{@code M} attributes become span attributes (binary ones
 * {@code true}, others their value). {@code #} AnnotatorNotes become the attribute
 * {@value #NOTE} of the annotation they name. Events ({@code E}), equivalences ({@code *}) and
 * normalizations ({@code N}) have no counterpart and are reported (an event's trigger stays a span).
 * {@code annotation.conf} next to the files (or in a folder above, up to the one imported) gives
 * the label schema: entity and relation types, attributes with their values.
 */
@Component(service = FormatImporter.class)
public final class BratImporter extends TextImporter {
    /** The format id. */
    public static final String ID = "brat";
    /** The attribute holding an annotation's AnnotatorNotes. */
    public static final String NOTE = "note";

    private static final Pattern OFFSETS = Pattern.compile("(\\d+) (\\d+)");

    /** The DS service. */
    public BratImporter() {
        super(ID, "brat", "brat standoff (.ann + .txt)", Set.of("ann"), "brat annotation files (*.ann)");
    }

    @Override
    public int accepts(Path file) {
        if (Files.isDirectory(file)) {
            try (Stream<Path> s = Files.walk(file, 3)) {
                return s.anyMatch(p -> p.getFileName().toString().endsWith(".ann")) ? 50 : 0;
            } catch (IOException e) {
                return 0;
            }
        }
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".ann")) {
            return 90;
        }
        return n.endsWith(".txt") && Files.isRegularFile(annFor(file)) ? 60 : 0;
    }

    private static Path annFor(Path txt) {
        return txt.resolveSibling(TextFormats.stem(txt) + ".ann");
    }

    @Override
    void read(TextFormats.Sink sink, Path root, Path file) throws IOException, StoreException {
        importDocument(sink, root, TextFormats.extension(file).equals("txt") ? annFor(file) : file);
    }

    private static void importDocument(TextFormats.Sink sink, Path root, Path annFile) throws IOException, StoreException {
        String annotator = sink.annotator;
        Path txtFile = annFile.resolveSibling(TextFormats.stem(annFile) + ".txt");
        if (!Files.isRegularFile(txtFile)) {
            sink.problem(annFile, "no " + txtFile.getFileName() + " beside it; skipped");
            return;
        }
        Path confFile = BratConfig.find(annFile, root);
        BratConfig conf = null;
        if (confFile != null) {
            boolean first = !sink.wasRead(confFile);
            conf = sink.once(confFile, BratConfig::read);
            if (first) {
                for (String e : conf.entities) {
                    sink.label(e, null, conf.attributesOf(e));
                }
                for (String r : conf.relations) {
                    sink.relationType(r, List.of());
                }
            }
        }
        String text = TextFormats.readUtf8(txtFile, "a brat text document");
        int[] cps = text.codePoints().toArray();
        List<String> lines = TextFormats.readUtf8(annFile, "a brat .ann file").lines().toList();

        Map<String, Annotation> spans = new LinkedHashMap<>();
        Map<String, Annotation> relations = new LinkedHashMap<>();
        Map<String, String> events = new HashMap<>();
        // attributes and notes refer to annotations that may come later in the file
        List<String[]> attributes = new ArrayList<>();
        List<String[]> notes = new ArrayList<>();
        List<String[]> relationLines = new ArrayList<>();
        int unmappedEvents = 0, equivs = 0, norms = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            String where = "line " + (n + 1) + ": ";
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String id = f[0];
            char kind = id.isEmpty() ? ' ' : id.charAt(0);
            try {
                switch (kind) {
                    case 'T' -> {
                        if (f.length < 2) {
                            throw new IllegalArgumentException("expected 'T<n>\\t<type> <start> <end>\\t<text>'");
                        }
                        int sp = f[1].indexOf(' ');
                        if (sp <= 0) {
                            throw new IllegalArgumentException("expected '<type> <start> <end>' after the id, found '" + f[1] + "'");
                        }
                        String type = f[1].substring(0, sp);
                        List<int[]> fragments = new ArrayList<>();
                        for (String frag : f[1].substring(sp + 1).split(";")) {
                            Matcher m = OFFSETS.matcher(frag.strip());
                            if (!m.matches()) {
                                throw new IllegalArgumentException("offsets '" + frag + "' are not '<start> <end>'");
                            }
                            int s = Integer.parseInt(m.group(1)), e = Integer.parseInt(m.group(2));
                            if (e < s || e > cps.length) {
                                throw new IllegalArgumentException("offsets " + s + "-" + e + " are outside the text (" + cps.length
                                        + " characters) or end before they start");
                            }
                            fragments.add(new int[] {s, e});
                        }
                        int start = fragments.stream().mapToInt(x -> x[0]).min().orElseThrow();
                        int end = fragments.stream().mapToInt(x -> x[1]).max().orElseThrow();
                        String covered = new String(cps, start, end - start);
                        if (fragments.size() > 1 && !onlyLineBreaksBetween(cps, fragments)) {
                            sink.problem(annFile, where + "entity " + id + " is discontinuous (" + f[1].substring(sp + 1)
                                    + "); Vellum has no discontinuous spans, so it became the span " + start + "-" + end + " covering its fragments");
                        } else if (f.length > 2 && !f[2].equals(covered) && !f[2].equals(String.join(" ", fragmentTexts(cps, fragments)))) {
                            sink.problem(annFile, where + "entity " + id + " text '" + f[2] + "' differs from the document's characters "
                                    + start + "-" + end + " ('" + covered + "'); the offsets were kept");
                        }
                        if (!Ids.isValid(id) || spans.containsKey(id)) {
                            throw new IllegalArgumentException("entity id '" + id + "' is not valid or appears twice");
                        }
                        spans.put(id, TextFormats.span(id, type, Map.of(), start, end, covered, annotator));
                    }
                    case 'R' -> {
                        if (f.length < 2 || f[1].strip().split("\\s+").length < 3) {
                            throw new IllegalArgumentException("expected 'R<n>\\t<type> Arg1:<id> Arg2:<id>'");
                        }
                        relationLines.add(new String[] {id, f[1], where});
                    }
                    case 'E' -> {
                        String[] args = f.length > 1 ? f[1].strip().split("\\s+") : new String[0];
                        events.put(id, args.length > 0 ? args[0] : "");
                        unmappedEvents++;
                    }
                    case 'A', 'M' -> {
                        String[] a = f.length > 1 ? f[1].strip().split("\\s+") : new String[0];
                        if (a.length < 2) {
                            throw new IllegalArgumentException("expected '" + kind + "<n>\\t<name> <id> [<value>]'");
                        }
                        attributes.add(new String[] {a[0], a[1], a.length > 2 ? a[2] : null, where});
                    }
                    case '#' -> {
                        String[] a = f.length > 1 ? f[1].strip().split("\\s+") : new String[0];
                        if (a.length < 2) {
                            throw new IllegalArgumentException("expected '#<n>\\tAnnotatorNotes <id>\\t<note>'");
                        }
                        notes.add(new String[] {a[1], f.length > 2 ? f[2] : "", where});
                    }
                    case '*' -> equivs++;
                    case 'N' -> norms++;
                    default -> throw new IllegalArgumentException("'" + (id.length() > 20 ? id.substring(0, 20) + "..." : id)
                            + "' is no brat annotation id (T, R, E, A, M, N, # or *)");
                }
            } catch (IllegalArgumentException e) {
                sink.problem(annFile, where + e.getMessage() + "; the line was skipped");
            }
        }
        for (String[] r : relationLines) {
            String[] a = r[1].strip().split("\\s+");
            String from = arg(a[1]), to = arg(a[2]);
            if (!spans.containsKey(from) || !spans.containsKey(to)) {
                sink.problem(annFile, r[2] + "relation " + r[0] + " (" + a[0] + ") connects " + from + " and " + to
                        + ", which are not both entities of this file; skipped");
                continue;
            }
            relations.put(r[0], TextFormats.relation(r[0], a[0], Map.of(), from, to, annotator));
        }
        for (String[] a : attributes) {
            Annotation target = spans.containsKey(a[1]) ? spans.get(a[1]) : relations.get(a[1]);
            if (target == null) {
                sink.problem(annFile, a[3] + "attribute " + a[0] + " of " + a[1] + (events.containsKey(a[1]) ? ", an event," : ", which is missing,")
                        + " was not mapped");
                continue;
            }
            Map<String, Object> attrs = new LinkedHashMap<>(target.attributes());
            attrs.put(a[0], a[2] == null ? Boolean.TRUE : a[2]);
            put(spans, relations, target.withAttributes(attrs, target.author()));
        }
        for (String[] note : notes) {
            Annotation target = spans.containsKey(note[0]) ? spans.get(note[0]) : relations.get(note[0]);
            if (target == null) {
                sink.problem(annFile, note[2] + "the note on " + note[0] + (events.containsKey(note[0]) ? ", an event," : ", which is missing,")
                        + " was not mapped: '" + note[1] + "'");
                continue;
            }
            Map<String, Object> attrs = new LinkedHashMap<>(target.attributes());
            attrs.merge(NOTE, note[1], (x, y) -> x + "\n" + y);
            put(spans, relations, target.withAttributes(attrs, target.author()));
        }
        if (unmappedEvents > 0) {
            sink.problem(annFile, unmappedEvents + " event(s) (" + String.join(", ", events.keySet().stream().sorted().toList())
                    + ") were not mapped: Vellum has no events; their trigger entities are kept as spans");
        }
        if (equivs > 0) {
            sink.problem(annFile, equivs + " equivalence(s) (*) were not mapped");
        }
        if (norms > 0) {
            sink.problem(annFile, norms + " normalization(s) (N) were not mapped");
        }
        List<Annotation> all = new ArrayList<>(spans.values());
        all.addAll(relations.values());
        if (conf != null) {
            for (Annotation s : spans.values()) {
                List<AttributeDef> defs = conf.attributesOf(s.label());
                sink.label(s.label(), null, defs.isEmpty() ? null : defs);
            }
        }
        sink.add(txtFile, TextFormats.documentName(root, txtFile), text, Map.of(), Map.of(), all);
    }

    private static void put(Map<String, Annotation> spans, Map<String, Annotation> relations, Annotation a) {
        if (spans.containsKey(a.id())) {
            spans.put(a.id(), a);
        } else {
            relations.put(a.id(), a);
        }
    }

    /** The id of a relation argument {@code Role:id}. */
    private static String arg(String roleAndId) {
        int colon = roleAndId.indexOf(':');
        return colon < 0 ? roleAndId : roleAndId.substring(colon + 1);
    }

    /** Whether the gaps between fragments hold only whitespace with a line break: brat's split of a span over lines. */
    private static boolean onlyLineBreaksBetween(int[] cps, List<int[]> fragments) {
        List<int[]> sorted = new ArrayList<>(fragments);
        sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
        for (int i = 1; i < sorted.size(); i++) {
            int from = sorted.get(i - 1)[1], to = sorted.get(i)[0];
            if (to < from) {
                return false;
            }
            String gap = new String(cps, from, to - from);
            if (!gap.isBlank() || gap.indexOf('\n') < 0) {
                return false;
            }
        }
        return true;
    }

    private static List<String> fragmentTexts(int[] cps, List<int[]> fragments) {
        return fragments.stream().map(x -> new String(cps, x[0], x[1] - x[0])).toList();
    }
}
