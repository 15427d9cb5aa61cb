package dev.vellum.quality.ui.parts;

import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.Finding.Severity;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The columns of the Problems view and how findings sort and count; no widgets, so that the order
 * and the title can be checked without a display.
 */
public final class FindingTable {
    /** A column: header, width in pixels, and the text shown. */
    public enum Column {
        // The message comes second, as in Eclipse's own Problems view: it is what a bottom view's
        // width must show without scrolling.
        SEVERITY("Severity", 85, f -> FindingTable.name(f.severity())),
        MESSAGE("Message", 420, Finding::message),
        ITEM("Item", 85, f -> f.itemId().isEmpty() ? "(project)" : f.itemId()),
        ANNOTATOR("Annotator", 90, Finding::annotator),
        ANNOTATION("Annotation", 95, Finding::annotationId),
        RULE("Rule", 230, Finding::ruleId);

        private final String header;
        private final int width;
        private final Function<Finding, String> text;

        Column(String header, int width, Function<Finding, String> text) {
            this.header = header;
            this.width = width;
            this.text = text;
        }

        public String header() {
            return header;
        }

        public int width() {
            return width;
        }

        public String text(Finding f) {
            return text.apply(f);
        }

        /** The order of this column: severity from worst, others by text; then by item, annotator, annotation. */
        public Comparator<Finding> order() {
            Comparator<Finding> first = this == SEVERITY ? Comparator.comparing(Finding::severity)
                    : Comparator.comparing(f -> text(f).toLowerCase(Locale.ROOT));
            return first.thenComparing(Finding::itemId).thenComparing(Finding::annotator).thenComparing(Finding::annotationId)
                    .thenComparing(Finding::ruleId).thenComparing(Finding::message);
        }
    }

    private FindingTable() {
    }

    /** "Error", "Warning", "Info". */
    public static String name(Severity s) {
        String n = s.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** Findings per severity (every severity present, zero when none). */
    public static Map<Severity, Integer> counts(List<Finding> findings) {
        Map<Severity, Integer> out = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            out.put(s, 0);
        }
        for (Finding f : findings) {
            out.merge(f.severity(), 1, Integer::sum);
        }
        return out;
    }

    /** The view's title: {@code Problems (3 errors, 2 warnings)}; {@code Problems} when there are none. */
    public static String title(List<Finding> findings) {
        Map<Severity, Integer> c = counts(findings);
        StringBuilder sb = new StringBuilder();
        for (Severity s : Severity.values()) {
            int n = c.get(s);
            if (n > 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(s.name().toLowerCase(Locale.ROOT))
                        .append(n == 1 || s == Severity.INFO ? "" : "s");
            }
        }
        return sb.isEmpty() ? "Problems" : "Problems (" + sb + ")";
    }
}
