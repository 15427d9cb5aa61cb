package dev.vellum.guidelines;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds Markdown sections in a guideline text and adds text at the end of one. */
final class DraftSections {
    private DraftSections() {
    }

    /** The headings of the text, in order (those inside fenced code blocks excluded). */
    static List<String> headings(String markdown) {
        List<String> out = new ArrayList<>();
        List<String> lines = GuidelineDiff.lines(markdown);
        boolean[] headings = GuidelineDiff.headingLines(lines);
        for (int i = 0; i < lines.size(); i++) {
            if (headings[i]) {
                out.add(GuidelineDiff.heading(lines.get(i)));
            }
        }
        return out;
    }

    /** The heading as the text spells it that matches {@code heading} ignoring case, if any. */
    static Optional<String> find(String markdown, String heading) {
        return headings(markdown).stream().filter(h -> h.equalsIgnoreCase(heading.strip())).findFirst();
    }

    /**
     * {@code markdown} with {@code text} added as a paragraph at the end of the section headed
     * {@code heading} (before its sub-sections' successor: the next heading of the same or a higher
     * level), or in a new {@code ##} section at the end when there is none.
     */
    static String append(String markdown, String heading, String text) {
        List<String> lines = new ArrayList<>(GuidelineDiff.lines(markdown));
        boolean[] headings = GuidelineDiff.headingLines(lines);
        List<String> body = GuidelineDiff.lines(text.strip());
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (headings[i] && GuidelineDiff.heading(lines.get(i)).equalsIgnoreCase(heading.strip())) {
                at = i;
                break;
            }
        }
        List<String> out = new ArrayList<>();
        if (at < 0) {
            int end = lines.size();
            while (end > 0 && lines.get(end - 1).isBlank()) {
                end--;
            }
            out.addAll(lines.subList(0, end));
            if (!out.isEmpty()) {
                out.add("");
            }
            out.add("## " + heading.strip());
            out.add("");
            out.addAll(body);
            return String.join("\n", out) + "\n";
        }
        int level = GuidelineDiff.headingLevel(lines.get(at));
        int end = lines.size();
        for (int i = at + 1; i < lines.size(); i++) {
            if (headings[i] && GuidelineDiff.headingLevel(lines.get(i)) <= level) {
                end = i;
                break;
            }
        }
        int insert = end;
        while (insert > at + 1 && lines.get(insert - 1).isBlank()) {
            insert--;
        }
        out.addAll(lines.subList(0, insert));
        out.add("");
        out.addAll(body);
        List<String> rest = lines.subList(insert, lines.size());
        if (!rest.isEmpty() && !rest.get(0).isBlank()) {
            out.add("");
        }
        if (rest.stream().allMatch(String::isBlank)) {
            return String.join("\n", out) + "\n";
        }
        out.addAll(rest);
        return String.join("\n", out) + "\n";
    }
}
