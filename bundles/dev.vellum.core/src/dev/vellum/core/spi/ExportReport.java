package dev.vellum.core.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an export did.
 *
 * @param itemsWritten items written
 * @param problems     what the format could not hold (left out, or written in a lossy form), one entry per item and
 *                     problem; never silently dropped
 */
public record ExportReport(int itemsWritten, List<Problem> problems) {
    public ExportReport {
        problems = List.copyOf(problems == null ? List.of() : problems);
    }

    /**
     * Something the exporter could not write as it is in the project.
     *
     * @param item    the item id (or another name of where, e.g. the project's label schema)
     * @param message what was left out or changed, and why
     */
    public record Problem(String item, String message) {
    }

    /**
     * Collects what an export leaves out or changes, per item, so that nothing is dropped without a
     * word, and keeps the report short: a message repeated for one item is one problem with a count
     * ({@code "... (3 times)"}), and a loss met by many annotations of one item is one problem
     * naming them ({@code "what: 'a1', 'a2'"}). Problems come out per item in the order the items
     * were first met, and per item in the order the messages were first met. Not thread-safe: give
     * each thread its own builder and {@link #addAll} them.
     */
    public static final class Builder {
        /** A message to count, or a loss to list annotation ids under. */
        private record Key(String text, boolean listsIds) {
        }

        private final Map<String, Map<Key, Object>> byItem = new LinkedHashMap<>();

        /** Adds {@code message} about {@code item}; the same message again counts up. */
        public Builder add(String item, String message) {
            byItem.computeIfAbsent(item, k -> new LinkedHashMap<>()).merge(new Key(message, false), 1, (a, b) -> (Integer) a + (Integer) b);
            return this;
        }

        /** Adds annotation {@code id} to the one problem {@code what} of {@code item}. */
        @SuppressWarnings("unchecked")
        public Builder each(String item, String what, String id) {
            ((Set<String>) byItem.computeIfAbsent(item, k -> new LinkedHashMap<>()).computeIfAbsent(new Key(what, true), k -> new LinkedHashSet<>()))
                    .add(id);
            return this;
        }

        /** Adds what {@code other} collected, after what this one holds. */
        @SuppressWarnings("unchecked")
        public Builder addAll(Builder other) {
            other.byItem.forEach((item, entries) -> entries.forEach((key, value) -> {
                if (key.listsIds()) {
                    ((Set<String>) value).forEach(id -> each(item, key.text(), id));
                } else {
                    byItem.computeIfAbsent(item, k -> new LinkedHashMap<>()).merge(key, value, (a, b) -> (Integer) a + (Integer) b);
                }
            }));
            return this;
        }

        /** Whether nothing was collected. */
        public boolean isEmpty() {
            return byItem.isEmpty();
        }

        /** The report of an export that wrote {@code itemsWritten} items. */
        @SuppressWarnings("unchecked")
        public ExportReport build(int itemsWritten) {
            List<Problem> out = new ArrayList<>();
            byItem.forEach((item, entries) -> entries.forEach((key, value) -> {
                if (key.listsIds()) {
                    List<String> ids = ((Set<String>) value).stream().map(i -> "'" + i + "'").toList();
                    out.add(new Problem(item, key.text() + ": " + String.join(", ", ids)));
                } else {
                    int n = (Integer) value;
                    out.add(new Problem(item, n == 1 ? key.text() : key.text() + " (" + n + " times)"));
                }
            }));
            return new ExportReport(itemsWritten, out);
        }
    }
}
