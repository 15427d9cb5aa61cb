package dev.vellum.guidelines;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The difference between two guideline texts, line by line, with the changed words marked inside
 * each changed line; what the CLI prints and the workbench shows side by side.
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

    private GuidelineDiff() {
    }

    /** The diff from {@code oldText} to {@code newText}; all lines, SAME rows included. */
    public static GuidelineDiff between(String oldText, String newText) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Every row, in order. */
    public List<Row> rows() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Whether the texts differ at all. */
    public boolean isEmpty() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * A unified text rendering for terminals: hunks with {@code context} unchanged lines around each
     * change, {@code -}/{@code +} line prefixes, and changed words inside changed lines marked
     * {@code [-removed-]} and {@code {+added+}}.
     */
    public String unified(String oldName, String newName, int context) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** The headings of the sections that have a changed row. */
    public Set<String> sectionsTouched() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * Which of {@code labels} a change touches: a label is touched when a changed line mentions it
     * as a whole word (case-insensitive) or a changed line is in a section whose heading mentions it.
     */
    public Set<String> labelsTouched(Collection<String> labels) {
        throw new UnsupportedOperationException("to be implemented");
    }
}
