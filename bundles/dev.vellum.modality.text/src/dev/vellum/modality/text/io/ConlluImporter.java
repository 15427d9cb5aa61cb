package dev.vellum.modality.text.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.StoreException;

/**
 * Reads CoNLL-U (Universal Dependencies) files with named entities in the MISC column, as BIO tags
 * under one of the keys tools write: {@code NE} (e.g. {@code NE=B-PER}), {@code NER}, {@code Entity}
 * or {@code name}; any tag scheme reads (see {@link Tags#decode}). A document starts at
 * {@code # newdoc} (its {@code id} names it) or with the file. A sentence's text is its
 * {@code # text} comment when the tokens are found in it in order, else the surface tokens joined as
 * {@code SpaceAfter=No} and {@code SpacesAfter} (UD's escapes) say; sentences are joined by a line
 * break. A multiword token line ({@code 2-3 haven't}) is one surface token of the text and segmentation
 * (its words are not), tagged with its own MISC tag or else its first tagged word's; empty nodes
 * ({@code 8.1}) are skipped. Lemmas, tags and dependencies are not imported.
 */
@Component(service = FormatImporter.class)
public final class ConlluImporter extends TextImporter {
    /** The format id. */
    public static final String ID = "conllu";

    /** MISC keys holding an entity tag, lower case. */
    static final Set<String> NER_KEYS = Set.of("ne", "ner", "entity", "name");

    /** The DS service. */
    public ConlluImporter() {
        super(ID, "CoNLL-U", "CoNLL-U with named entities in MISC", Set.of("conllu"), "CoNLL-U files (*.conllu)");
    }

    @Override
    public int accepts(Path file) {
        if (Files.isDirectory(file)) {
            return 10;
        }
        return TextFormats.extension(file).equals("conllu") ? 80 : 0;
    }

    @Override
    void read(TextFormats.Sink sink, Path root, Path file) throws IOException, StoreException {
        for (ImportedDocument d : read(file, TextFormats.withoutBom(TextFormats.readUtf8(file, "a CoNLL-U file")), sink)) {
            sink.add(file, d);
        }
    }

    /** A surface token of a sentence: its form, tag and the whitespace after it (null: one space). */
    private record Surface(String form, String tag, String after) {
    }

    static List<ImportedDocument> read(Path file, String content, TextFormats.Sink sink) {
        List<ImportedDocument> docs = new ArrayList<>();
        List<String> lines = TextFormats.lines(content);
        ImportedDocument doc = null;
        String text = null;
        List<Surface> sentence = new ArrayList<>();
        int rangeEnd = 0;
        int rangeIndex = -1;
        int malformed = 0;
        int firstMalformed = 0;
        int coref = 0;
        int misaligned = 0;
        boolean exactSpaces = false;
        int n = 0;
        for (int li = 0; li <= lines.size(); li++) {
            String line = li < lines.size() ? lines.get(li) : "";
            n = li + 1;
            if (line.isBlank()) {
                if (!sentence.isEmpty()) {
                    if (doc == null) {
                        doc = new ImportedDocument("");
                    }
                    misaligned += addSentence(doc, sentence, exactSpaces ? null : text);
                }
                sentence.clear();
                text = null;
                exactSpaces = false;
                rangeEnd = 0;
                continue;
            }
            if (line.startsWith("#")) {
                String c = line.substring(1).strip();
                if (c.startsWith("newdoc")) {
                    if (doc != null && doc.tokenCount() > 0) {
                        docs.add(doc);
                    }
                    doc = new ImportedDocument("");
                    String rest = c.substring("newdoc".length()).strip();
                    if (rest.startsWith("id") && rest.indexOf('=') > 0) {
                        doc.metadata.put("docId", rest.substring(rest.indexOf('=') + 1).strip());
                    }
                } else if (c.startsWith("text") && c.substring(4).strip().startsWith("=")) {
                    String t = c.substring(4).strip().substring(1);
                    text = t.startsWith(" ") ? t.substring(1) : t;
                } else if (c.startsWith("lang") && c.indexOf('=') > 0 && doc != null && doc.tokenCount() == 0) {
                    doc.metadata.put("language", c.substring(c.indexOf('=') + 1).strip());
                }
                continue;
            }
            String[] f = line.split("\t", -1);
            String id = f[0];
            if (f.length < 2 || !id.matches("\\d+(-\\d+|\\.\\d+)?")) {
                if (malformed++ == 0) {
                    firstMalformed = n;
                }
                continue;
            }
            if (id.contains(".")) {
                continue;
            }
            String misc = f.length >= 10 ? f[9] : "_";
            String tag = null;
            String after = null;
            for (String kv : misc.split("\\|")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = kv.substring(0, eq);
                String value = kv.substring(eq + 1);
                if (NER_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
                    if (value.startsWith("(") || value.endsWith(")")) {
                        coref++;
                    } else if (Tags.isTag(value)) {
                        tag = value;
                    }
                } else if (key.equals("SpaceAfter") && value.equals("No")) {
                    after = "";
                } else if (key.equals("SpacesAfter")) {
                    after = unescape(value);
                    exactSpaces = true;
                }
            }
            int dash = id.indexOf('-');
            if (dash > 0) {
                rangeEnd = Integer.parseInt(id.substring(dash + 1));
                rangeIndex = sentence.size();
                sentence.add(new Surface(f[1], tag, after));
                continue;
            }
            int word = Integer.parseInt(id);
            if (word <= rangeEnd) {
                // a word of a multiword token: its tag counts when the token line has none
                Surface s = sentence.get(rangeIndex);
                if (s.tag() == null && tag != null && !tag.equals("O")) {
                    sentence.set(rangeIndex, new Surface(s.form(), tag, s.after()));
                }
                continue;
            }
            sentence.add(new Surface(f[1], tag, after));
        }
        if (doc != null && doc.tokenCount() > 0) {
            docs.add(doc);
        }
        if (malformed > 0) {
            sink.problem(file, malformed + " line(s) are no CoNLL-U token line (ID, FORM ... MISC separated by tabs), first line " + firstMalformed
                    + "; skipped");
        }
        if (coref > 0) {
            sink.problem(file, coref + " MISC value(s) in CorefUD's bracket notation were not read (only BIO entity tags are)");
        }
        if (misaligned > 0) {
            sink.problem(file, misaligned + " sentence(s) whose '# text' does not hold their tokens in order: the text was rebuilt from the tokens");
        }
        if (docs.isEmpty()) {
            sink.problem(file, "no CoNLL-U sentences found");
        }
        String stem = TextFormats.stem(file);
        for (int i = 0; i < docs.size(); i++) {
            ImportedDocument d = docs.get(i);
            Object docId = d.metadata.get("docId");
            d.name = docId instanceof String s && !s.isEmpty() ? stem + "-" + s : docs.size() == 1 ? stem : stem + "-" + (i + 1);
        }
        return docs;
    }

    /** Adds a sentence; returns 1 when its {@code text} did not hold its tokens (the text was rebuilt), else 0. */
    private static int addSentence(ImportedDocument doc, List<Surface> sentence, String text) {
        int result = 0;
        int[] at = null;
        if (text != null) {
            at = new int[sentence.size()];
            int cursor = 0;
            for (int i = 0; i < sentence.size() && at != null; i++) {
                while (cursor < text.length() && Character.isWhitespace(text.charAt(cursor))) {
                    cursor++;
                }
                if (text.startsWith(sentence.get(i).form(), cursor)) {
                    at[i] = cursor;
                    cursor += sentence.get(i).form().length();
                } else {
                    at = null;
                    result = 1;
                }
            }
        }
        if (doc.tokenCount() > 0) {
            doc.gap("\n");
        }
        doc.beginSentence();
        int first = doc.tokenCount();
        List<String> tags = new ArrayList<>(sentence.size());
        for (int i = 0; i < sentence.size(); i++) {
            Surface s = sentence.get(i);
            if (at != null) {
                int from = i == 0 ? 0 : at[i - 1] + sentence.get(i - 1).form().length();
                doc.gap(text.substring(from, at[i]));
            } else if (i > 0) {
                String after = sentence.get(i - 1).after();
                doc.gap(after == null ? " " : after);
            }
            doc.token(s.form());
            tags.add(s.tag() == null ? "O" : s.tag());
        }
        Tags.decode(tags, first, doc);
        doc.endSentence();
        return result;
    }

    /** UD's escapes in {@code SpacesAfter}: \s space, \t tab, \n line feed, \r return, \p pipe, \\ backslash. */
    static String unescape(String v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char e = v.charAt(++i);
                b.append(switch (e) {
                    case 's' -> ' ';
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 'p' -> '|';
                    default -> e;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The reverse of {@link #unescape}. */
    static String escape(String v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case ' ' -> b.append("\\s");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '|' -> b.append("\\p");
                case '\\' -> b.append("\\\\");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
