package dev.vellum.modality.text.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.StoreException;

/**
 * Reads CoNLL-2003 style NER files: a token per line with columns separated by spaces or tabs, the
 * token in the first column and its entity tag in the last (CoNLL-2003's {@code word POS chunk NER},
 * CoNLL-2002's {@code word NER}); a blank line ends a sentence and a {@code -DOCSTART-} line starts a
 * document (a file without one is one document). Also read:
 * <ul>
 * <li>numbered files (GermEval 2014): {@code n token tag [tag...]} with {@code #} comment lines;
 * every column after the token holding only tags is an entity level, so GermEval's inner column gives
 * nested spans;</li>
 * <li>spaCy's sentence-per-line IOB: {@code word|POS|tag word|POS|tag ...}, a sentence per line.</li>
 * </ul>
 * The tag scheme (IOB1, IOB2, BIOES/BILUO, or bare labels) needs no option: the decoding reads all of
 * them (see {@link Tags#decode}), and the scheme found is kept in the item's metadata as
 * {@code tagScheme}. CoNLL keeps no whitespace, so a document's text is its tokens joined by single
 * spaces, a line per sentence; the tokens and sentences are kept as the asset's segmentation.
 */
@Component(service = FormatImporter.class)
public final class ConllImporter extends TextImporter {
    /** The format id. */
    public static final String ID = "conll2003";

    private static final Set<String> EXTENSIONS = Set.of("conll", "iob", "bio", "ner", "conll2003", "tsv");

    /** The DS service. */
    public ConllImporter() {
        super(ID, "CoNLL-2003", "CoNLL-2003 NER (token per line; IOB1, IOB2, BIOES)", EXTENSIONS, "CoNLL files (*.conll, *.iob, *.bio, *.ner, *.conll2003, *.tsv)");
    }

    @Override
    public int accepts(Path file) {
        if (Files.isDirectory(file)) {
            return 10;
        }
        String ext = TextFormats.extension(file);
        return switch (ext) {
            case "conll", "conll2003", "iob", "bio" -> 60;
            case "ner", "tsv" -> 30;
            case "txt" -> 5;
            default -> 0;
        };
    }

    @Override
    void read(TextFormats.Sink sink, Path root, Path file) throws IOException, StoreException {
        for (ImportedDocument d : read(file, TextFormats.withoutBom(TextFormats.readUtf8(file, "a CoNLL file")), sink)) {
            sink.add(file, d);
        }
    }

    /** The documents of one file; what cannot be read goes to the sink's problems. */
    static List<ImportedDocument> read(Path file, String content, TextFormats.Sink sink) {
        List<String> lines = TextFormats.lines(content);
        Reader r = sentencePerLine(lines) ? new Reader(file, sink, Layout.SENTENCE_PER_LINE, 0)
                : numbered(lines) ? new Reader(file, sink, Layout.NUMBERED, tagColumns(lines)) : new Reader(file, sink, Layout.PLAIN, 0);
        int n = 0;
        for (String line : lines) {
            n++;
            r.line(line, n);
        }
        r.finishDoc();
        if (r.docs.isEmpty()) {
            sink.problem(file, "no CoNLL tokens found (expected a token per line with its tag in the last column)");
        }
        if (r.badTags > 0) {
            sink.problem(file, r.badTags + " token(s) had a last column that is no entity tag (O, B-X, I-X, E-X, S-X...), first on line "
                    + r.firstBadLine + " ('" + r.firstBadTag + "'); they were read as outside any entity");
        }
        String stem = TextFormats.stem(file);
        for (int i = 0; i < r.docs.size(); i++) {
            ImportedDocument d = r.docs.get(i);
            d.name = r.docs.size() == 1 ? stem : stem + "-" + (i + 1);
        }
        return r.docs;
    }

    private enum Layout {
        PLAIN, NUMBERED, SENTENCE_PER_LINE
    }

    private static String[] fields(String line) {
        String l = line.strip();
        return l.indexOf('\t') >= 0 ? l.split("\t") : l.split("\\s+");
    }

    private static boolean isDocStart(String line) {
        return line.startsWith("-DOCSTART-");
    }

    /** Whether every non-blank line is a sentence of {@code word|...|tag} fields. */
    private static boolean sentencePerLine(List<String> lines) {
        boolean any = false;
        for (String line : lines) {
            if (line.isBlank() || isDocStart(line)) {
                continue;
            }
            for (String f : line.strip().split("\\s+")) {
                int bar = f.lastIndexOf('|');
                if (bar <= 0 || !Tags.isTag(f.substring(bar + 1))) {
                    return false;
                }
            }
            any = true;
        }
        return any;
    }

    /** Whether every token line starts with its number in the sentence (1, 2, ...) and has a token and a tag. */
    private static boolean numbered(List<String> lines) {
        int expected = 1;
        boolean any = false;
        for (String line : lines) {
            if (line.isBlank() || isDocStart(line)) {
                expected = 1;
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = fields(line);
            if (f.length < 3 || !f[0].equals(Integer.toString(expected))) {
                return false;
            }
            expected++;
            any = true;
        }
        return any;
    }

    /** The number of columns after the token (from the third on) whose every value is a tag. */
    private static int tagColumns(List<String> lines) {
        int max = Integer.MAX_VALUE;
        boolean[] notTag = new boolean[64];
        for (String line : lines) {
            if (line.isBlank() || isDocStart(line) || line.startsWith("#")) {
                continue;
            }
            String[] f = fields(line);
            max = Math.min(max, f.length);
            for (int i = 2; i < f.length && i < notTag.length; i++) {
                if (!Tags.isTag(f[i])) {
                    notTag[i] = true;
                }
            }
        }
        int n = 0;
        for (int i = 2; i < Math.min(max, notTag.length) && !notTag[i]; i++) {
            n++;
        }
        return Math.max(n, 1);
    }

    /** Reads lines into documents. */
    private static final class Reader {
        final Path file;
        final TextFormats.Sink sink;
        final Layout layout;
        final int levels;
        final List<ImportedDocument> docs = new ArrayList<>();
        ImportedDocument doc;
        /** Tags of the current sentence per level. */
        final List<List<String>> tags = new ArrayList<>();
        final List<List<String>> allTags = new ArrayList<>();
        int sentenceFirst;
        int badTags;
        int firstBadLine;
        String firstBadTag;

        Reader(Path file, TextFormats.Sink sink, Layout layout, int levels) {
            this.file = file;
            this.sink = sink;
            this.layout = layout;
            this.levels = Math.max(levels, 1);
            for (int i = 0; i < this.levels; i++) {
                tags.add(new ArrayList<>());
            }
        }

        void line(String line, int n) {
            if (isDocStart(line)) {
                finishDoc();
                return;
            }
            if (line.isBlank()) {
                finishSentence();
                return;
            }
            switch (layout) {
                case SENTENCE_PER_LINE -> {
                    for (String f : line.strip().split("\\s+")) {
                        int bar = f.indexOf('|');
                        token(f.substring(0, bar), List.of(f.substring(f.lastIndexOf('|') + 1)), n);
                    }
                    finishSentence();
                }
                case NUMBERED -> {
                    if (line.startsWith("#")) {
                        return;
                    }
                    String[] f = fields(line);
                    List<String> t = new ArrayList<>(levels);
                    for (int i = 0; i < levels; i++) {
                        t.add(2 + i < f.length ? f[2 + i] : "O");
                    }
                    token(f[1], t, n);
                }
                case PLAIN -> {
                    String[] f = fields(line);
                    // A comment line (a hash and text that ends in no tag) before a sentence is skipped.
                    if (f[0].equals("#") && !inSentence() && !Tags.isTag(f[f.length - 1])) {
                        return;
                    }
                    token(f[0], List.of(f.length > 1 ? f[f.length - 1] : "O"), n);
                }
            }
        }

        private boolean inSentence() {
            return doc != null && doc.inSentence();
        }

        private void token(String word, List<String> tagsOfToken, int line) {
            if (doc == null) {
                doc = new ImportedDocument("");
            }
            if (!doc.inSentence()) {
                if (doc.tokenCount() > 0) {
                    doc.gap("\n");
                }
                doc.beginSentence();
                sentenceFirst = doc.tokenCount();
            } else {
                doc.gap(" ");
            }
            doc.token(word);
            for (int i = 0; i < levels; i++) {
                String t = tagsOfToken.get(i);
                if (!Tags.isTag(t) && !t.equals("-") && !t.equals("_")) {
                    if (badTags++ == 0) {
                        firstBadLine = line;
                        firstBadTag = t;
                    }
                    t = "O";
                }
                tags.get(i).add(t);
            }
        }

        private void finishSentence() {
            if (doc == null || !doc.inSentence()) {
                return;
            }
            for (List<String> level : tags) {
                Tags.decode(level, sentenceFirst, doc);
                allTags.add(new ArrayList<>(level));
                level.clear();
            }
            doc.endSentence();
        }

        void finishDoc() {
            finishSentence();
            if (doc != null && doc.tokenCount() > 0) {
                doc.metadata.put("tagScheme", Tags.detect(allTags).name());
                if (levels > 1) {
                    doc.metadata.put("nerLevels", levels);
                }
                docs.add(doc);
            }
            doc = null;
            allTags.clear();
        }
    }
}
