package dev.vellum.guidelines;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The difference between two guideline texts, line by line, with the changed words marked inside
 * each changed line; what the CLI prints and the workbench shows side by side.
 *
 * <p>Lines are compared whole (a minimal line diff). Inside each block of changed lines, old and new
 * lines are paired by how many words they share, in order, so that an edited line faces its new
 * version even when lines were inserted or removed around it; lines without a similar partner are
 * shown as removed or added. Words are runs of letters and digits; white space runs and single
 * punctuation characters count as words of their own when lines are compared word by word. A
 * changed line's spans leave out white space at their edges, and changes separated only by white
 * space make one span.
 */
public final class GuidelineDiff {
    /** How a row of the side-by-side diff differs. */
    public enum Kind {
        SAME, ADDED, REMOVED, CHANGED
    }

    /**
     * A changed range inside a line, in UTF-16 offsets of that line's text.
     *
     * @param start first char
     * @param end   one past the last char
     */
    public record Span(int start, int end) {
    }

    /**
     * One row of a side-by-side diff.
     *
     * @param kind     how it differs
     * @param oldLine  line number in the old text (from 1), or 0 when the row has no old line (ADDED)
     * @param newLine  line number in the new text (from 1), or 0 when the row has no new line (REMOVED)
     * @param oldText  the old line's text, or empty
     * @param newText  the new line's text, or empty
     * @param oldSpans the words removed or changed in the old line (for CHANGED rows; the whole line for REMOVED)
     * @param newSpans the words added or changed in the new line (for CHANGED rows; the whole line for ADDED)
     * @param section  the Markdown heading (without {@code #}s) of the section the row is in, or empty before the first
     */
    public record Row(Kind kind, int oldLine, int newLine, String oldText, String newText, List<Span> oldSpans,
            List<Span> newSpans, String section) {
    }

    /** Pairs of lines sharing fewer words than this (Dice coefficient) are not shown as one changed line. */
    private static final double PAIRING_THRESHOLD = 0.5;
    /** Above this many candidate pairs in one change block, lines are not paired (the block is shown removed, then added). */
    private static final long PAIRING_LIMIT = 250_000;
    private static final Pattern HEADING = Pattern.compile(" {0,3}#{1,6}(?:[ \\t]+(.*))?");
    private static final Pattern CLOSING_HASHES = Pattern.compile("(?:^|[ \\t]+)#+[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile(" {0,3}(```|~~~).*");

    private final List<Row> rows;

    private GuidelineDiff(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The diff from {@code oldText} to {@code newText}; all lines, SAME rows included. */
    public static GuidelineDiff between(String oldText, String newText) {
        List<String> a = lines(oldText);
        List<String> b = lines(newText);
        String[] secA = sections(a);
        String[] secB = sections(b);
        List<Row> rows = new ArrayList<>(Math.max(a.size(), b.size()) + 8);
        int i = 0;
        int j = 0;
        for (AbstractDelta<String> d : DiffUtils.diff(a, b).getDeltas()) {
            Chunk<String> src = d.getSource();
            Chunk<String> tgt = d.getTarget();
            while (i < src.getPosition()) {
                rows.add(same(a, b, secB, i++, j++));
            }
            j = tgt.getPosition();
            block(a, b, secA, secB, i, src.size(), j, tgt.size(), rows);
            i += src.size();
            j += tgt.size();
        }
        while (i < a.size()) {
            rows.add(same(a, b, secB, i++, j++));
        }
        return new GuidelineDiff(rows);
    }

    /** Every row, in order. */
    public List<Row> rows() {
        return rows;
    }

    /** Whether the texts differ at all. */
    public boolean isEmpty() {
        return rows.stream().allMatch(r -> r.kind() == Kind.SAME);
    }

    /**
     * A unified text rendering for terminals: hunks with {@code context} unchanged lines around each
     * change, {@code -}/{@code +} line prefixes, and changed words inside changed lines marked
     * {@code [-removed-]} and {@code {+added+}}. Each hunk header names the section its first change
     * is in, as {@code git diff} names the function. Empty when the texts are the same.
     */
    public String unified(String oldName, String newName, int context) {
        if (isEmpty()) {
            return "";
        }
        int ctx = Math.max(0, context);
        int n = rows.size();
        int[] oldBefore = new int[n + 1];
        int[] newBefore = new int[n + 1];
        for (int r = 0; r < n; r++) {
            oldBefore[r + 1] = oldBefore[r] + (rows.get(r).oldLine() > 0 ? 1 : 0);
            newBefore[r + 1] = newBefore[r] + (rows.get(r).newLine() > 0 ? 1 : 0);
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldName).append('\n');
        out.append("+++ ").append(newName).append('\n');
        int r = 0;
        while (r < n) {
            if (rows.get(r).kind() == Kind.SAME) {
                r++;
                continue;
            }
            int start = Math.max(0, r - ctx);
            int lastChange = r;
            int k = r + 1;
            while (k < n) {
                if (rows.get(k).kind() != Kind.SAME) {
                    lastChange = k;
                } else if (k - lastChange > 2 * ctx) {
                    break;
                }
                k++;
            }
            int end = Math.min(n, lastChange + ctx + 1);
            int oldCount = oldBefore[end] - oldBefore[start];
            int newCount = newBefore[end] - newBefore[start];
            out.append("@@ -").append(oldCount == 0 ? oldBefore[start] : oldBefore[start] + 1).append(',').append(oldCount)
                    .append(" +").append(newCount == 0 ? newBefore[start] : newBefore[start] + 1).append(',').append(newCount)
                    .append(" @@");
            String section = rows.get(r).section();
            if (!section.isEmpty()) {
                out.append(' ').append(section);
            }
            out.append('\n');
            List<String> minus = new ArrayList<>();
            List<String> plus = new ArrayList<>();
            for (int x = start; x < end; x++) {
                Row row = rows.get(x);
                switch (row.kind()) {
                    case SAME -> {
                        flush(out, minus, plus);
                        out.append(' ').append(row.newText()).append('\n');
                    }
                    case REMOVED -> minus.add(row.oldText());
                    case ADDED -> plus.add(row.newText());
                    case CHANGED -> {
                        minus.add(mark(row.oldText(), row.oldSpans(), "[-", "-]"));
                        plus.add(mark(row.newText(), row.newSpans(), "{+", "+}"));
                    }
                }
            }
            flush(out, minus, plus);
            r = end;
        }
        return out.toString();
    }

    /** The headings of the sections that have a changed row (adding or removing blank lines changes nothing). */
    public Set<String> sectionsTouched() {
        Set<String> out = new LinkedHashSet<>();
        for (Row r : rows) {
            if (matters(r) && !r.section().isEmpty()) {
                out.add(r.section());
            }
        }
        return out;
    }

    /**
     * Which of {@code labels} a change touches: a label is touched when a changed line mentions it
     * as a whole word (case-insensitive) or a changed line is in a section whose heading mentions it.
     * A plural made with {@code -s} or {@code -es} counts as a mention ("Cars" mentions {@code car});
     * labels written in capitals only ({@code PER}) count only in capitals, so "per item" does not
     * mention {@code PER}. Adding or removing blank lines touches nothing.
     */
    public Set<String> labelsTouched(Collection<String> labels) {
        Set<String> out = new LinkedHashSet<>();
        for (String label : labels) {
            if (label == null || label.isBlank()) {
                continue;
            }
            Pattern p = mention(label);
            for (Row r : rows) {
                if (matters(r) && (p.matcher(r.oldText()).find() || p.matcher(r.newText()).find()
                        || p.matcher(r.section()).find())) {
                    out.add(label);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * What finds {@code label} mentioned in a text: as a whole word, or its plural in -s or -es;
     * ignoring case, except for labels written in capitals only ({@code PER}, {@code ORG}), which
     * count only in capitals, so that "per item" does not mention {@code PER}.
     */
    static Pattern mention(String label) {
        boolean capitals = label.codePoints().anyMatch(Character::isLetter)
                && label.codePoints().filter(Character::isLetter).allMatch(Character::isUpperCase);
        return Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(label) + "(?:e?s)?(?![\\p{L}\\p{N}_])",
                capitals ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    @Override
    public String toString() {
        return unified("old", "new", 3);
    }

    /** Whether a row changes something a reader sees: not SAME, and not only a blank line added or removed. */
    private static boolean matters(Row r) {
        return r.kind() != Kind.SAME && !(r.oldText().isBlank() && r.newText().isBlank());
    }

    // ---- building rows

    private static Row same(List<String> a, List<String> b, String[] secB, int i, int j) {
        return new Row(Kind.SAME, i + 1, j + 1, a.get(i), b.get(j), List.of(), List.of(), secB[j]);
    }

    private static Row removed(List<String> a, String[] secA, int i) {
        String t = a.get(i);
        return new Row(Kind.REMOVED, i + 1, 0, t, "", t.isEmpty() ? List.of() : List.of(new Span(0, t.length())), List.of(), secA[i]);
    }

    private static Row added(List<String> b, String[] secB, int j) {
        String t = b.get(j);
        return new Row(Kind.ADDED, 0, j + 1, "", t, List.of(), t.isEmpty() ? List.of() : List.of(new Span(0, t.length())), secB[j]);
    }

    /** Rows for old lines [i, i+m) replaced by new lines [j, j+n): similar lines paired in order. */
    private static void block(List<String> a, List<String> b, String[] secA, String[] secB, int i, int m, int j, int n,
            List<Row> out) {
        int[] pairOf = pair(a.subList(i, i + m), b.subList(j, j + n));
        int nextNew = 0;
        for (int x = 0; x < m; x++) {
            int y = pairOf[x];
            if (y < 0) {
                out.add(removed(a, secA, i + x));
                continue;
            }
            // The old lines up to this pair not yet shown were removed: shown above (x loop); the new
            // lines before its partner were added.
            while (nextNew < y) {
                out.add(added(b, secB, j + nextNew++));
            }
            nextNew = y + 1;
            String o = a.get(i + x);
            String nw = b.get(j + y);
            if (o.equals(nw)) {
                out.add(new Row(Kind.SAME, i + x + 1, j + y + 1, o, nw, List.of(), List.of(), secB[j + y]));
            } else {
                List<List<Span>> spans = wordSpans(o, nw);
                out.add(new Row(Kind.CHANGED, i + x + 1, j + y + 1, o, nw, spans.get(0), spans.get(1), secB[j + y]));
            }
        }
        while (nextNew < n) {
            out.add(added(b, secB, j + nextNew++));
        }
    }

    /**
     * For each old line, the index of the new line it is paired with, or -1: the order-keeping
     * pairing with the greatest total similarity among pairs at least {@link #PAIRING_THRESHOLD} alike.
     */
    private static int[] pair(List<String> olds, List<String> news) {
        int m = olds.size();
        int n = news.size();
        int[] pairOf = new int[m];
        java.util.Arrays.fill(pairOf, -1);
        if (m == 0 || n == 0 || (long) m * n > PAIRING_LIMIT) {
            return pairOf;
        }
        List<Map<String, Integer>> bagA = olds.stream().map(GuidelineDiff::bag).toList();
        List<Map<String, Integer>> bagB = news.stream().map(GuidelineDiff::bag).toList();
        double[][] sim = new double[m][n];
        double[][] best = new double[m + 1][n + 1];
        for (int x = 1; x <= m; x++) {
            for (int y = 1; y <= n; y++) {
                double s = similarity(olds.get(x - 1), news.get(y - 1), bagA.get(x - 1), bagB.get(y - 1));
                sim[x - 1][y - 1] = s;
                double v = Math.max(best[x - 1][y], best[x][y - 1]);
                if (s >= PAIRING_THRESHOLD) {
                    v = Math.max(v, best[x - 1][y - 1] + s);
                }
                best[x][y] = v;
            }
        }
        int x = m;
        int y = n;
        while (x > 0 && y > 0) {
            double s = sim[x - 1][y - 1];
            if (s >= PAIRING_THRESHOLD && best[x][y] == best[x - 1][y - 1] + s) {
                pairOf[x - 1] = y - 1;
                x--;
                y--;
            } else if (best[x][y] == best[x - 1][y]) {
                x--;
            } else {
                y--;
            }
        }
        return pairOf;
    }

    /** How alike two lines are, 0 to 1: the Dice coefficient of their words (or, lacking words, their symbols). */
    private static double similarity(String a, String b, Map<String, Integer> bagA, Map<String, Integer> bagB) {
        if (a.equals(b)) {
            return 1;
        }
        int sizeA = bagA.values().stream().mapToInt(Integer::intValue).sum();
        int sizeB = bagB.values().stream().mapToInt(Integer::intValue).sum();
        if (sizeA + sizeB == 0) {
            return 0;
        }
        int common = 0;
        for (Map.Entry<String, Integer> e : bagA.entrySet()) {
            common += Math.min(e.getValue(), bagB.getOrDefault(e.getKey(), 0));
        }
        return 2.0 * common / (sizeA + sizeB);
    }

    /** A line's words (lower-case) with their counts; its punctuation when it has no words. */
    private static Map<String, Integer> bag(String line) {
        Map<String, Integer> words = new HashMap<>();
        Map<String, Integer> symbols = new HashMap<>();
        for (Token t : tokens(line)) {
            if (Character.isLetterOrDigit(t.text().codePointAt(0))) {
                words.merge(t.text().toLowerCase(Locale.ROOT), 1, Integer::sum);
            } else if (!Character.isWhitespace(t.text().codePointAt(0))) {
                symbols.merge(t.text(), 1, Integer::sum);
            }
        }
        return words.isEmpty() ? symbols : words;
    }

    /** The changed spans of the old line and of the new line, from a diff of their words. */
    private static List<List<Span>> wordSpans(String o, String n) {
        List<Token> ta = tokens(o);
        List<Token> tb = tokens(n);
        List<Span> sa = new ArrayList<>();
        List<Span> sb = new ArrayList<>();
        for (AbstractDelta<String> d : DiffUtils.diff(ta.stream().map(Token::text).toList(), tb.stream().map(Token::text).toList())
                .getDeltas()) {
            add(sa, ta, d.getSource(), o);
            add(sb, tb, d.getTarget(), n);
        }
        return List.of(List.copyOf(sa), List.copyOf(sb));
    }

    /**
     * Adds the span of a chunk of tokens, without white space at its edges (unless it is only white
     * space), joined to the previous span when only white space lies between.
     */
    private static void add(List<Span> spans, List<Token> tokens, Chunk<String> chunk, String line) {
        if (chunk.size() == 0) {
            return;
        }
        int start = tokens.get(chunk.getPosition()).start();
        Token last = tokens.get(chunk.getPosition() + chunk.size() - 1);
        int end = last.start() + last.text().length();
        if (!line.substring(start, end).isBlank()) {
            // White space at the edges of a change is not what the reader looks for: mark the words.
            while (Character.isWhitespace(line.charAt(start))) {
                start++;
            }
            while (Character.isWhitespace(line.charAt(end - 1))) {
                end--;
            }
        }
        if (!spans.isEmpty()) {
            Span prev = spans.get(spans.size() - 1);
            if (line.substring(prev.end(), start).isBlank()) {
                spans.set(spans.size() - 1, new Span(prev.start(), end));
                return;
            }
        }
        spans.add(new Span(start, end));
    }

    private record Token(String text, int start) {
    }

    /** Runs of letters and digits, runs of white space, and every other character on its own. */
    private static List<Token> tokens(String line) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            int cp = line.codePointAt(i);
            int j = i + Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                while (j < line.length() && Character.isLetterOrDigit(line.codePointAt(j))) {
                    j += Character.charCount(line.codePointAt(j));
                }
            } else if (Character.isWhitespace(cp)) {
                while (j < line.length() && Character.isWhitespace(line.codePointAt(j))) {
                    j += Character.charCount(line.codePointAt(j));
                }
            }
            out.add(new Token(line.substring(i, j), i));
            i = j;
        }
        return out;
    }

    // ---- text

    /** The lines of a text: split at {@code \n} (a {@code \r} before it dropped); a final line end adds no empty line. */
    static List<String> lines(String text) {
        Objects.requireNonNull(text, "text");
        List<String> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        int from = 0;
        while (from < text.length()) {
            int nl = text.indexOf('\n', from);
            int to = nl < 0 ? text.length() : nl;
            String line = text.substring(from, to);
            out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            from = to + 1;
        }
        return out;
    }

    /** For each line, the heading of the section it is in (a heading line is in its own section). */
    static String[] sections(List<String> lines) {
        boolean[] headings = headingLines(lines);
        String[] out = new String[lines.size()];
        String current = "";
        for (int i = 0; i < lines.size(); i++) {
            if (headings[i]) {
                current = heading(lines.get(i));
            }
            out[i] = current;
        }
        return out;
    }

    /** For each line, whether it is an ATX heading (lines inside fenced code blocks are not). */
    static boolean[] headingLines(List<String> lines) {
        boolean[] out = new boolean[lines.size()];
        boolean fenced = false;
        String fence = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher f = FENCE.matcher(line);
            if (f.matches()) {
                if (!fenced) {
                    fenced = true;
                    fence = f.group(1);
                } else if (f.group(1).equals(fence)) {
                    fenced = false;
                }
            } else if (!fenced) {
                out[i] = heading(line) != null;
            }
        }
        return out;
    }

    /** The text of an ATX heading line, or {@code null} when the line is not one. */
    static String heading(String line) {
        Matcher m = HEADING.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String text = m.group(1) == null ? "" : m.group(1);
        return CLOSING_HASHES.matcher(text).replaceFirst("").strip();
    }

    /** The heading level of an ATX heading line (1 to 6), or 0. */
    static int headingLevel(String line) {
        if (heading(line) == null) {
            return 0;
        }
        String s = line.stripLeading();
        int n = 0;
        while (n < s.length() && s.charAt(n) == '#') {
            n++;
        }
        return n;
    }

    private static String mark(String text, List<Span> spans, String open, String close) {
        StringBuilder sb = new StringBuilder(text.length() + spans.size() * 4);
        int at = 0;
        for (Span s : spans) {
            sb.append(text, at, s.start()).append(open).append(text, s.start(), s.end()).append(close);
            at = s.end();
        }
        return sb.append(text, at, text.length()).toString();
    }

    private static void flush(StringBuilder out, List<String> minus, List<String> plus) {
        for (String s : minus) {
            out.append('-').append(s).append('\n');
        }
        for (String s : plus) {
            out.append('+').append(s).append('\n');
        }
        minus.clear();
        plus.clear();
    }
}
