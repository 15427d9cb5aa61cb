package dev.vellum.modality.text.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WebAnno TSV 3.x document as the file holds it, in UTF-16 offsets (as UIMA counts): the layer
 * declarations, the text, sentences, tokens, span and chain-link annotations with their feature
 * values, relations between them, and chains. {@link #parse} reads a file, {@link #write} writes TSV
 * 3.3 the way DKPro Core's writer lays it out (sub-tokens, stacking and disambiguation ids), so a
 * document read and written again gives the same bytes.
 */
final class WebAnnoTsvDocument {
    /** What a layer is. */
    enum Kind {
        SPAN("#T_SP="), RELATION("#T_RL="), CHAIN("#T_CH=");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    /** What a column holds. */
    enum ColumnKind {
        /** A primitive feature value. */
        FEATURE,
        /** The only column of a layer without features: {@code *} marks an annotation. */
        PLACEHOLDER,
        /** A relation's source unit ({@code BT_<type>} in the header). */
        BASE,
        /** A chain element's {@code referenceType} with the chain number. */
        CHAIN_TYPE,
        /** A chain element's {@code referenceRelation} with chain and element number. */
        CHAIN_LINK,
        /** A slot feature's roles or targets (not mapped; read to keep the columns in step). */
        SLOT
    }

    record Column(String name, ColumnKind kind) {
    }

    /** A layer declaration. */
    static final class Layer {
        final Kind kind;
        final String type;
        final List<Column> columns = new ArrayList<>();
        /** For relations: the span layer (type name) they connect. */
        String baseType;
        /** True for a base type that is no declared span layer (e.g. Token), made up to hold relation ends. */
        boolean implied;

        Layer(Kind kind, String type) {
            this.kind = kind;
            this.type = type;
        }

        /** The type name after its last dot, e.g. {@code NamedEntity}. */
        String shortName() {
            return type.substring(type.lastIndexOf('.') + 1);
        }

        /** The primitive feature names in column order. */
        List<String> features() {
            return columns.stream().filter(c -> c.kind == ColumnKind.FEATURE).map(Column::name).toList();
        }

        /** The header line, e.g. {@code #T_SP=webanno.custom.Span|value}. */
        String header() {
            StringBuilder b = new StringBuilder(kind.prefix).append(type);
            for (Column c : columns) {
                b.append('|');
                switch (c.kind) {
                    case BASE -> b.append("BT_").append(baseType);
                    case PLACEHOLDER -> {
                    }
                    default -> b.append(c.name);
                }
            }
            return b.toString();
        }
    }

    /** A span, chain element or relation. Offsets in UTF-16. */
    static final class Ann {
        final Layer layer;
        int begin;
        int end;
        /** Feature values by name; a null value is {@code *} in the file. */
        final Map<String, String> features = new LinkedHashMap<>();
        /** Relations: the source and target annotations. */
        Ann source;
        Ann target;
        /** Where the caller keeps its own id for it. */
        String key;

        Ann(Layer layer, int begin, int end) {
            this.layer = layer;
            this.begin = begin;
            this.end = end;
        }
    }

    /** The format version read ({@code 3.3} when written). */
    String version = "3.3";
    final List<Layer> layers = new ArrayList<>();
    String text = "";
    /** Sentence ranges, {begin, end}, UTF-16. */
    final List<int[]> sentences = new ArrayList<>();
    /** Token ranges, {begin, end}, UTF-16. */
    final List<int[]> tokens = new ArrayList<>();
    /** Spans and chain elements, in the order met. */
    final List<Ann> spans = new ArrayList<>();
    final List<Ann> relations = new ArrayList<>();
    /** Chains, each its elements in order. */
    final List<List<Ann>> chains = new ArrayList<>();
    /** Things read but not mapped (slot features), one line each. */
    final List<String> unmapped = new ArrayList<>();

    Layer layer(String type) {
        return layers.stream().filter(l -> l.type.equals(type)).findFirst().orElse(null);
    }

    /** Input that is not WebAnno TSV 3; the message names the line. */
    static final class TsvException extends Exception {
        private static final long serialVersionUID = 1L;

        TsvException(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    // ---------------------------------------------------------------- reading

    private static final Pattern FORMAT = Pattern.compile("#FORMAT=WebAnno TSV (3\\.\\d+)");
    private static final Pattern UNIT_ID = Pattern.compile("(\\d+)-(\\d+)(?:\\.(\\d+))?");
    private static final Pattern OFFSETS = Pattern.compile("(\\d+)-(\\d+)");
    private static final Pattern CHAIN_SUFFIX = Pattern.compile("(?s)(.*)->(\\d+)-(\\d+)");

    /** A token or sub-token line. */
    private static final class Unit {
        final String id;
        final int begin;
        final int end;
        final Map<Layer, List<Ann>> anns = new LinkedHashMap<>();

        Unit(String id, int begin, int end) {
            this.id = id;
            this.begin = begin;
            this.end = end;
        }

        List<Ann> of(Layer l) {
            return anns.computeIfAbsent(l, k -> new ArrayList<>());
        }
    }

    /** Parses the lines of a TSV file (without line terminators). */
    static WebAnnoTsvDocument parse(List<String> lines) throws TsvException {
        WebAnnoTsvDocument d = new WebAnnoTsvDocument();
        if (lines.isEmpty()) {
            throw new TsvException(1, "the file is empty, expected '#FORMAT=WebAnno TSV 3.3'");
        }
        String first = lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(0);
        Matcher fm = FORMAT.matcher(first);
        if (!fm.matches()) {
            throw new TsvException(1, "expected '#FORMAT=WebAnno TSV 3.x', found '" + abbreviate(first) + "'");
        }
        d.version = fm.group(1);
        int n = 1;
        List<Column> columns = new ArrayList<>();
        List<Layer> columnLayers = new ArrayList<>();
        for (; n < lines.size() && !lines.get(n).isBlank(); n++) {
            String line = lines.get(n);
            Kind kind = null;
            for (Kind k : Kind.values()) {
                if (line.startsWith(k.prefix)) {
                    kind = k;
                }
            }
            if (kind == null) {
                break;
            }
            String[] f = line.substring(kind.prefix.length()).split("\\|", -1);
            if (f[0].isEmpty()) {
                throw new TsvException(n + 1, "layer declaration without a type name: '" + abbreviate(line) + "'");
            }
            Layer layer = new Layer(kind, f[0]);
            for (int i = 1; i < f.length; i++) {
                String decl = f[i];
                if (decl.isEmpty()) {
                    continue;
                }
                if (kind == Kind.RELATION && decl.startsWith("BT_")) {
                    layer.baseType = decl.substring(3);
                    layer.columns.add(new Column("BT", ColumnKind.BASE));
                } else if (kind == Kind.SPAN && decl.startsWith("ROLE_")) {
                    layer.columns.add(new Column(decl, ColumnKind.SLOT));
                    if (i + 1 < f.length) {
                        layer.columns.add(new Column(f[++i], ColumnKind.SLOT));
                    }
                } else if (kind == Kind.CHAIN && decl.equals("referenceType")) {
                    layer.columns.add(new Column(decl, ColumnKind.CHAIN_TYPE));
                } else if (kind == Kind.CHAIN && decl.equals("referenceRelation")) {
                    layer.columns.add(new Column(decl, ColumnKind.CHAIN_LINK));
                } else {
                    layer.columns.add(new Column(decl, ColumnKind.FEATURE));
                }
            }
            if (layer.columns.isEmpty()) {
                layer.columns.add(new Column("", ColumnKind.PLACEHOLDER));
            }
            if (kind == Kind.RELATION && layer.baseType == null) {
                throw new TsvException(n + 1, "relation layer " + layer.type + " names no base type (BT_...)");
            }
            if (kind == Kind.CHAIN && layer.columns.stream().noneMatch(c -> c.kind == ColumnKind.CHAIN_LINK)) {
                throw new TsvException(n + 1, "chain layer " + layer.type + " has no referenceRelation column");
            }
            d.layers.add(layer);
            for (Column c : layer.columns) {
                columns.add(c);
                columnLayers.add(layer);
            }
        }
        new Reader(d, columns, columnLayers).read(lines, n);
        return d;
    }

    /** The body parser: sentences, units and their columns. */
    private static final class Reader {
        final WebAnnoTsvDocument d;
        final List<Column> columns;
        final List<Layer> columnLayers;
        final StringBuilder text = new StringBuilder();
        final Map<String, Unit> units = new HashMap<>();
        final Map<Integer, Ann> byId = new HashMap<>();
        final Map<Integer, Map<Integer, Ann>> chainElements = new TreeMap<>();
        final Map<Layer, Layer> implied = new HashMap<>();
        /** Relation references to resolve once every unit is known: relation, source unit id, ids. */
        final List<Object[]> refs = new ArrayList<>();
        /** Chain types to set once every element exists: unit, layer, stack index, value. */
        final List<Object[]> chainTypes = new ArrayList<>();
        final java.util.Set<String> slotLayers = new java.util.LinkedHashSet<>();

        Reader(WebAnnoTsvDocument d, List<Column> columns, List<Layer> columnLayers) {
            this.d = d;
            this.columns = columns;
            this.columnLayers = columnLayers;
        }

        void read(List<String> lines, int start) throws TsvException {
            StringBuilder sentenceText = null;
            Unit token = null;
            int[] sentence = null;
            int subs = 0;
            for (int n = start; n <= lines.size(); n++) {
                String line = n < lines.size() ? lines.get(n) : null;
                int lineNo = n + 1;
                if (line == null || line.isEmpty()) {
                    if (sentence != null) {
                        sentence[1] = text.length() - 1;
                        sentence = null;
                    } else if (sentenceText != null) {
                        throw new TsvException(lineNo, "sentence without tokens");
                    }
                    token = null;
                    continue;
                }
                if (line.startsWith("#")) {
                    if (sentence != null) {
                        throw new TsvException(lineNo, "expected a token line or a blank line, found '" + abbreviate(line) + "'");
                    }
                    if (line.startsWith("#Text=")) {
                        if (sentenceText == null) {
                            sentenceText = new StringBuilder();
                        }
                        sentenceText.append(unescapeText(line.substring(6))).append('\n');
                    }
                    // other sentence headers (#Sentence.id=...) carry nothing Vellum keeps
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < columns.size() + 3) {
                    throw new TsvException(lineNo, "expected " + (columns.size() + 3) + " tab-separated fields (id, offsets, token and "
                            + columns.size() + " columns of the header), found " + f.length);
                }
                Matcher idm = UNIT_ID.matcher(f[0]);
                Matcher om = OFFSETS.matcher(f[1]);
                if (!idm.matches() || !om.matches()) {
                    throw new TsvException(lineNo, "expected 'sentence-token' and 'begin-end', found '" + abbreviate(f[0]) + "' and '"
                            + abbreviate(f[1]) + "'");
                }
                int begin = Integer.parseInt(om.group(1));
                int end = Integer.parseInt(om.group(2));
                if (end < begin) {
                    throw new TsvException(lineNo, "offsets " + f[1] + " end before they begin");
                }
                boolean sub = idm.group(3) != null;
                if (sentence == null) {
                    if (sentenceText == null) {
                        throw new TsvException(lineNo, "token line before any #Text= line of its sentence");
                    }
                    if (sub) {
                        throw new TsvException(lineNo, "a sentence starts with the sub-token " + f[0]);
                    }
                    // Sentences are laid out as DKPro Core does: the text of each one at its first
                    // token's offset, the line break after the previous one kept when there is room,
                    // spaces filling any further gap.
                    if (text.length() > begin) {
                        if (text.length() == begin + 1 && text.charAt(text.length() - 1) == '\n') {
                            text.setLength(begin);
                        } else {
                            throw new TsvException(lineNo, "token " + f[0] + " begins at " + begin + ", inside the text of the sentences before it");
                        }
                    }
                    while (text.length() < begin) {
                        text.append(' ');
                    }
                    sentence = new int[] {text.length(), -1};
                    d.sentences.add(sentence);
                    text.append(sentenceText);
                    sentenceText = null;
                }
                if (end > text.length()) {
                    throw new TsvException(lineNo, f[0] + " ends at " + end + ", after its sentence's text (" + text.length() + ")");
                }
                Unit u = new Unit(f[0], begin, end);
                if (!f[2].equals(text.substring(begin, end))) {
                    d.unmapped.add("line " + lineNo + ": token " + f[0] + " '" + abbreviate(f[2]) + "' differs from the #Text characters at "
                            + begin + "-" + end + " ('" + abbreviate(text.substring(begin, end)) + "'); the #Text is kept");
                }
                if (units.put(u.id, u) != null) {
                    throw new TsvException(lineNo, "unit " + u.id + " appears twice");
                }
                if (sub) {
                    if (token == null || !u.id.startsWith(token.id + ".")) {
                        throw new TsvException(lineNo, "sub-token " + u.id + " does not follow its token");
                    }
                    subs++;
                } else {
                    token = u;
                    d.tokens.add(new int[] {begin, end});
                }
                for (int c = 0; c < columns.size(); c++) {
                    readColumn(lineNo, u, c, f[c + 3]);
                }
            }
            if (sentenceText != null) {
                throw new TsvException(lines.size(), "sentence without tokens at the end of the file");
            }
            d.text = text.toString();
            resolve();
        }

        private void readColumn(int lineNo, Unit u, int c, String raw) throws TsvException {
            if (raw.equals("_") || raw.isEmpty()) {
                return;
            }
            Column col = columns.get(c);
            Layer layer = columnLayers.get(c);
            if (col.kind == ColumnKind.SLOT) {
                slotLayers.add(layer.type);
                return;
            }
            List<String> stacked = splitUnescaped(raw, '|');
            for (int i = 0; i < stacked.size(); i++) {
                String v = stacked.get(i);
                String info = null;
                if (col.kind == ColumnKind.CHAIN_LINK) {
                    Matcher m = CHAIN_SUFFIX.matcher(v);
                    if (!m.matches()) {
                        throw new TsvException(lineNo, "chain column " + layer.shortName() + "." + col.name + ": expected 'value->chain-element', found '"
                                + abbreviate(v) + "'");
                    }
                    v = m.group(1);
                    info = m.group(2) + "-" + m.group(3);
                } else if (v.endsWith("]") && !v.endsWith("\\]")) {
                    int open = v.lastIndexOf('[');
                    if (open < 0) {
                        throw new TsvException(lineNo, "'" + abbreviate(v) + "' ends with ']' but has no '['");
                    }
                    info = v.substring(open + 1, v.length() - 1);
                    v = v.substring(0, open);
                }
                String value = v.equals("*") ? null : unescapeValue(v);
                switch (layer.kind) {
                    case SPAN -> {
                        int id = info == null ? -1 : number(lineNo, info, "disambiguation id");
                        Ann a = i < u.of(layer).size() ? u.of(layer).get(i) : null;
                        if (a == null && id > 0 && byId.containsKey(id)) {
                            a = byId.get(id);
                            a.begin = Math.min(a.begin, u.begin);
                            a.end = Math.max(a.end, u.end);
                            u.of(layer).add(a);
                        }
                        if (a == null) {
                            a = new Ann(layer, u.begin, u.end);
                            u.of(layer).add(a);
                            d.spans.add(a);
                        }
                        if (id > 0) {
                            byId.put(id, a);
                        }
                        if (col.kind == ColumnKind.FEATURE) {
                            a.features.put(col.name, value);
                        }
                    }
                    case RELATION -> {
                        Ann a = i < u.of(layer).size() ? u.of(layer).get(i) : null;
                        if (a == null) {
                            a = new Ann(layer, u.begin, u.end);
                            u.of(layer).add(a);
                            d.relations.add(a);
                        }
                        if (col.kind == ColumnKind.BASE) {
                            int src = -1, tgt = -1;
                            if (info != null) {
                                String[] ids = info.split("_");
                                if (ids.length != 2) {
                                    throw new TsvException(lineNo, "relation reference '" + abbreviate(stacked.get(i))
                                            + "': expected 'unit[source_target]'");
                                }
                                src = number(lineNo, ids[0], "source id");
                                tgt = number(lineNo, ids[1], "target id");
                            }
                            refs.add(new Object[] {a, v, src, tgt, u, lineNo});
                        } else if (col.kind == ColumnKind.FEATURE) {
                            a.features.put(col.name, value);
                        }
                    }
                    case CHAIN -> {
                        if (col.kind == ColumnKind.CHAIN_LINK) {
                            String[] ce = info.split("-");
                            int chain = Integer.parseInt(ce[0]);
                            int element = Integer.parseInt(ce[1]);
                            Ann a = i < u.of(layer).size() ? u.of(layer).get(i) : null;
                            Map<Integer, Ann> elements = chainElements.computeIfAbsent(chain, k -> new TreeMap<>());
                            if (a == null && elements.containsKey(element)) {
                                a = elements.get(element);
                                a.begin = Math.min(a.begin, u.begin);
                                a.end = Math.max(a.end, u.end);
                                u.of(layer).add(a);
                            }
                            if (a == null) {
                                a = new Ann(layer, u.begin, u.end);
                                u.of(layer).add(a);
                                d.spans.add(a);
                            }
                            elements.put(element, a);
                            a.features.put(col.name, value);
                        } else if (col.kind == ColumnKind.CHAIN_TYPE) {
                            chainTypes.add(new Object[] {u, layer, i, value, lineNo});
                        }
                    }
                }
            }
        }

        private static int number(int lineNo, String s, String what) throws TsvException {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new TsvException(lineNo, what + " '" + abbreviate(s) + "' is not a number");
            }
        }

        private void resolve() throws TsvException {
            for (Object[] t : chainTypes) {
                Unit u = (Unit) t[0];
                Layer layer = (Layer) t[1];
                int i = (Integer) t[2];
                List<Ann> list = u.of(layer);
                if (i >= list.size()) {
                    throw new TsvException((Integer) t[4], "chain type value " + (i + 1) + " of " + u.id + " has no matching referenceRelation value");
                }
                list.get(i).features.put("referenceType", (String) t[3]);
            }
            for (Map<Integer, Ann> elements : chainElements.values()) {
                d.chains.add(new ArrayList<>(elements.values()));
            }
            for (Object[] r : refs) {
                Ann rel = (Ann) r[0];
                String unitId = (String) r[1];
                int src = (Integer) r[2], tgt = (Integer) r[3];
                Unit targetUnit = (Unit) r[4];
                int lineNo = (Integer) r[5];
                Unit sourceUnit = units.get(unitId);
                if (sourceUnit == null) {
                    throw new TsvException(lineNo, "relation " + rel.layer.shortName() + " points to unit '" + abbreviate(unitId)
                            + "', which the file does not have");
                }
                rel.source = end(rel.layer, sourceUnit, src, lineNo);
                rel.target = end(rel.layer, targetUnit, tgt, lineNo);
                rel.begin = rel.target.begin;
                rel.end = rel.target.end;
            }
            if (!slotLayers.isEmpty()) {
                d.unmapped.add("slot features (ROLE_ columns) of " + slotLayers + " are not mapped: Vellum has no slot links");
            }
        }

        /** A relation's end in a unit: by disambiguation id, else the unit's first annotation of the base layer. */
        private Ann end(Layer rel, Unit u, int id, int lineNo) throws TsvException {
            if (id > 0) {
                Ann a = byId.get(id);
                if (a == null) {
                    throw new TsvException(lineNo, "relation " + rel.shortName() + " refers to disambiguation id " + id + ", which no span has");
                }
                return a;
            }
            Layer base = d.layer(rel.baseType);
            if (base == null || base.kind != Kind.SPAN || base.implied) {
                // The relation attaches to a type the file has no column for (Token, POS...): one
                // annotation of that type per unit, made up here.
                base = implied.computeIfAbsent(rel, k -> {
                    Layer l = d.layers.stream().filter(x -> x.implied && x.type.equals(rel.baseType)).findFirst().orElse(null);
                    if (l == null) {
                        l = new Layer(Kind.SPAN, rel.baseType);
                        l.implied = true;
                        d.layers.add(l);
                    }
                    return l;
                });
                List<Ann> list = u.of(base);
                if (list.isEmpty()) {
                    Ann a = new Ann(base, u.begin, u.end);
                    list.add(a);
                    d.spans.add(a);
                }
                return list.get(0);
            }
            List<Ann> list = u.of(base);
            if (list.isEmpty()) {
                throw new TsvException(lineNo, "relation " + rel.shortName() + " attaches to " + u.id + ", which has no " + base.shortName()
                        + " annotation");
            }
            return list.get(0);
        }
    }

    // ---------------------------------------------------------------- escaping

    /** Splits at {@code sep} where it is not escaped by a backslash. */
    static List<String> splitUnescaped(String s, char sep) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == sep) {
                out.add(s.substring(from, i));
                from = i + 1;
            }
        }
        out.add(s.substring(from));
        return out;
    }

    /** Feature values: {@code \ [ ] | _ -> ; * tab newline} are escaped with a backslash. */
    static String escapeValue(String v) {
        StringBuilder b = new StringBuilder(v.length() + 8);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\', '[', ']', '|', '_', ';', '*' -> b.append('\\').append(c);
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '-' -> b.append(i + 1 < v.length() && v.charAt(i + 1) == '>' ? "\\-" : "-");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String unescapeValue(String v) {
        if (v.indexOf('\\') < 0) {
            return v;
        }
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char e = v.charAt(i + 1);
                switch (e) {
                    case '\\', '[', ']', '|', '_', ';', '*' -> {
                        b.append(e);
                        i++;
                        continue;
                    }
                    case 't' -> {
                        b.append('\t');
                        i++;
                        continue;
                    }
                    case 'n' -> {
                        b.append('\n');
                        i++;
                        continue;
                    }
                    case '-' -> {
                        if (i + 2 < v.length() && v.charAt(i + 2) == '>') {
                            b.append("->");
                            i += 2;
                            continue;
                        }
                    }
                    default -> {
                    }
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    /**
     * Sentence text on {@code #Text=} lines (TSV 3.2 and 3.3): backslash, tab, line feed, form feed,
     * carriage return and backspace as Java writes them ({@code \\ \t \n \f \r \b}), other control
     * characters as a backslash before the character itself.
     */
    static String escapeText(String t) {
        StringBuilder b = new StringBuilder(t.length() + 8);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\f' -> b.append("\\f");
                case '\r' -> b.append("\\r");
                case '\b' -> b.append("\\b");
                default -> {
                    if (c < 32 && (c < 8 || c > 13)) {
                        b.append('\\');
                    }
                    b.append(c);
                }
            }
        }
        return b.toString();
    }

    static String unescapeText(String t) {
        if (t.indexOf('\\') < 0) {
            return t;
        }
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length()) {
                char e = t.charAt(i + 1);
                String r = switch (e) {
                    case '\\' -> "\\";
                    case 't' -> "\t";
                    case 'n' -> "\n";
                    case 'f' -> "\f";
                    case 'r' -> "\r";
                    case 'b' -> "\b";
                    default -> e < 32 && (e < 8 || e > 13) ? String.valueOf(e) : null;
                };
                if (r != null) {
                    b.append(r);
                    i++;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    // ---------------------------------------------------------------- writing

    /** A token or sub-token of the written document. */
    private static final class OutUnit {
        final int begin;
        final int end;
        String id;
        final List<OutUnit> subs = new ArrayList<>();
        final Map<Layer, List<Ann>> anns = new LinkedHashMap<>();

        OutUnit(int begin, int end) {
            this.begin = begin;
            this.end = end;
        }

        OutUnit sub(int b, int e) {
            for (OutUnit s : subs) {
                if (s.begin == b && s.end == e) {
                    return s;
                }
            }
            OutUnit s = new OutUnit(b, e);
            s.id = id + "." + (subs.size() + 1);
            subs.add(s);
            return s;
        }
    }

    /**
     * Writes the document as TSV 3.3. Annotations go to the token they cover or to sub-tokens made
     * for the part of a token they cover, as DKPro Core's writer does; spans covering several units
     * or stacked with others of their layer get disambiguation ids in the order met. Layers without
     * annotations are left out of the header.
     *
     * @throws IllegalArgumentException when an annotation lies outside every token (the caller
     *                                  leaves such ones out)
     */
    String write() {
        // units per token, numbered per sentence
        List<OutUnit> units = new ArrayList<>();
        TreeMap<Integer, OutUnit> byBegin = new TreeMap<>();
        TreeMap<Integer, OutUnit> byEnd = new TreeMap<>();
        List<List<OutUnit>> bySentence = new ArrayList<>();
        int t = 0;
        for (int s = 0; s < sentences.size(); s++) {
            int[] sent = sentences.get(s);
            List<OutUnit> in = new ArrayList<>();
            while (t < tokens.size() && (tokens.get(t)[0] < sent[1] || tokens.get(t)[0] == sent[1] && tokens.get(t)[1] == sent[1])) {
                OutUnit u = new OutUnit(tokens.get(t)[0], tokens.get(t)[1]);
                u.id = (s + 1) + "-" + (in.size() + 1);
                in.add(u);
                units.add(u);
                byBegin.put(u.begin, u);
                byEnd.put(u.end, u);
                t++;
            }
            bySentence.add(in);
        }
        if (t < tokens.size()) {
            throw new IllegalArgumentException("token " + tokens.get(t)[0] + "-" + tokens.get(t)[1] + " lies after the last sentence");
        }
        Map<Ann, Integer> ids = new IdentityHashMap<>();
        java.util.Set<Ann> skipped = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Map<Ann, OutUnit> idUnit = new IdentityHashMap<>();
        Map<Ann, int[]> chainPos = new IdentityHashMap<>();
        for (int c = 0; c < chains.size(); c++) {
            for (int e = 0; e < chains.get(c).size(); e++) {
                chainPos.put(chains.get(c).get(e), new int[] {c + 1, e + 1});
            }
        }
        List<Layer> active = new ArrayList<>();
        for (Layer layer : layers) {
            List<Ann> anns = new ArrayList<>();
            for (Ann a : layer.kind == Kind.RELATION ? relations : spans) {
                if (a.layer == layer) {
                    anns.add(a);
                }
            }
            if (anns.isEmpty() || layer.implied) {
                continue;
            }
            active.add(layer);
            anns.sort(Comparator.comparingInt((Ann a) -> layer.kind == Kind.RELATION ? a.target.begin : a.begin)
                    .thenComparing(Comparator.comparingInt((Ann a) -> layer.kind == Kind.RELATION ? a.target.end : a.end).reversed()));
            boolean stacking = layer.kind == Kind.SPAN;
            boolean multi = layer.kind != Kind.RELATION;
            for (Ann a : anns) {
                int begin = layer.kind == Kind.RELATION ? a.target.begin : a.begin;
                int end = layer.kind == Kind.RELATION ? a.target.end : a.end;
                OutUnit bt = beginToken(byBegin, byEnd, begin);
                OutUnit et = endToken(byBegin, byEnd, end);
                if (bt == null || et == null || bt.begin > et.end) {
                    unmapped.add(what(a, begin, end) + " lies outside every token; left out");
                    skipped.add(a);
                    continue;
                }
                if (layer.kind == Kind.RELATION && (skipped.contains(a.source) || skipped.contains(a.target))) {
                    unmapped.add(what(a, begin, end) + " joins a span that was left out; left out too");
                    continue;
                }
                if (begin < bt.begin || end > et.end) {
                    unmapped.add(what(a, begin, end) + " starts or ends between tokens; written as " + Math.max(begin, bt.begin) + "-"
                            + Math.min(end, et.end) + " (UTF-16)");
                }
                if (begin == end) {
                    bt = et;
                }
                boolean single = bt == et;
                if (bt.begin == begin && et.end == end) {
                    idUnit.put(a, bt);
                    add(bt, a, stacking, ids);
                    if (multi) {
                        add(et, a, stacking, ids);
                    }
                } else if (single) {
                    OutUnit s = bt.sub(Math.max(bt.begin, begin), Math.min(bt.end, end));
                    idUnit.put(a, s);
                    add(s, a, stacking, ids);
                } else {
                    OutUnit first = bt.begin < begin ? bt.sub(begin, bt.end) : bt;
                    idUnit.put(a, first);
                    add(first, a, stacking, ids);
                    if (multi) {
                        add(et.end > end ? et.sub(et.begin, end) : et, a, stacking, ids);
                    }
                }
                if (multi && !single) {
                    for (int i = units.indexOf(bt) + 1; units.get(i) != et; i++) {
                        add(units.get(i), a, stacking, ids);
                    }
                }
                if (layer.kind == Kind.SPAN && !single) {
                    ids.putIfAbsent(a, ids.size() + 1);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("#FORMAT=WebAnno TSV 3.3\n");
        for (Layer l : active) {
            out.append(l.header()).append('\n');
        }
        out.append('\n');
        for (int s = 0; s < sentences.size(); s++) {
            out.append('\n');
            int[] sent = sentences.get(s);
            for (String line : text.substring(sent[0], sent[1]).split("\n", -1)) {
                out.append("#Text=").append(escapeText(line)).append('\n');
            }
            for (OutUnit u : bySentence.get(s)) {
                line(out, u, active, ids, idUnit, chainPos, byBegin, byEnd);
                for (OutUnit sub : u.subs) {
                    line(out, sub, active, ids, idUnit, chainPos, byBegin, byEnd);
                }
            }
        }
        return out.toString();
    }

    /** The token a range beginning at {@code begin} starts in: the one at or before it, or the next when it starts between tokens. */
    private static OutUnit beginToken(TreeMap<Integer, OutUnit> byBegin, TreeMap<Integer, OutUnit> byEnd, int begin) {
        Map.Entry<Integer, OutUnit> e = byBegin.floorEntry(begin);
        if (e == null || e.getValue().end < begin) {
            e = byEnd.higherEntry(begin);
        }
        return e == null ? null : e.getValue();
    }

    /** The token a range ending at {@code end} stops in: the one ending at or after it, or the one before when it ends between tokens. */
    private static OutUnit endToken(TreeMap<Integer, OutUnit> byBegin, TreeMap<Integer, OutUnit> byEnd, int end) {
        Map.Entry<Integer, OutUnit> e = byEnd.ceilingEntry(end);
        if (e == null || e.getValue().begin > end) {
            e = byEnd.lowerEntry(end);
        }
        return e == null ? null : e.getValue();
    }

    /** Names an annotation in a message: the caller's id when it has one. */
    private static String what(Ann a, int begin, int end) {
        return a.key != null ? "'" + a.key + "'" : a.layer.shortName() + " " + begin + "-" + end;
    }

    private static void add(OutUnit u, Ann a, boolean stacking, Map<Ann, Integer> ids) {
        List<Ann> list = u.anns.computeIfAbsent(a.layer, k -> new ArrayList<>());
        if (list.contains(a)) {
            return;
        }
        list.add(a);
        if (stacking && list.size() > 1) {
            for (Ann x : list) {
                ids.putIfAbsent(x, ids.size() + 1);
            }
        }
    }

    private void line(StringBuilder out, OutUnit u, List<Layer> active, Map<Ann, Integer> ids, Map<Ann, OutUnit> idUnit, Map<Ann, int[]> chainPos,
            TreeMap<Integer, OutUnit> byBegin, TreeMap<Integer, OutUnit> byEnd) {
        out.append(u.id).append('\t').append(u.begin).append('-').append(u.end).append('\t').append(text, u.begin, u.end).append('\t');
        for (Layer l : active) {
            List<Ann> anns = u.anns.getOrDefault(l, List.of());
            for (Column c : l.columns) {
                if (c.kind == ColumnKind.SLOT) {
                    continue;
                }
                if (anns.isEmpty()) {
                    out.append('_');
                }
                for (int i = 0; i < anns.size(); i++) {
                    Ann a = anns.get(i);
                    if (i > 0) {
                        out.append('|');
                    }
                    switch (c.kind) {
                        case PLACEHOLDER -> out.append('*').append(id(ids, a));
                        case FEATURE -> out.append(value(a.features.get(c.name))).append(id(ids, a));
                        case CHAIN_TYPE -> out.append(value(a.features.get(c.name))).append('[').append(chainPos.get(a)[0]).append(']');
                        case CHAIN_LINK -> out.append(value(a.features.get(c.name))).append("->").append(chainPos.get(a)[0]).append('-')
                                .append(chainPos.get(a)[1]);
                        case BASE -> {
                            OutUnit src = idUnit.get(a.source);
                            if (src == null) {
                                // an end in a layer without columns (Token...): the token it starts in
                                src = beginToken(byBegin, byEnd, a.source.begin);
                            }
                            out.append(src.id);
                            Integer si = ids.get(a.source), ti = ids.get(a.target);
                            if (si != null || ti != null) {
                                out.append('[').append(si == null ? 0 : si).append('_').append(ti == null ? 0 : ti).append(']');
                            }
                        }
                        default -> {
                        }
                    }
                }
                out.append('\t');
            }
        }
        out.append('\n');
    }

    private static String id(Map<Ann, Integer> ids, Ann a) {
        Integer id = ids.get(a);
        return id == null ? "" : "[" + id + "]";
    }

    private static String value(String v) {
        return v == null ? "*" : escapeValue(v);
    }
}
