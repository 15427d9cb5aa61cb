package dev.vellum.guidelines.ui.internal;

import dev.vellum.guidelines.FaqEntry;
import dev.vellum.guidelines.FaqQuery;
import dev.vellum.guidelines.FaqStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the FAQ view shows: every entry of the project, narrowed by status, label, guideline version
 * and words, newest first. Plain data, so the filtering is tested without widgets.
 */
public final class FaqFilter {
    private List<FaqEntry> entries = List.of();
    private Set<FaqStatus> statuses = Set.of();
    private String label = "";
    private int version;
    private String text = "";

    /** Replaces the entries (as read from the project). */
    public void setEntries(List<FaqEntry> all) {
        entries = List.copyOf(all);
    }

    /** Every entry, unfiltered. */
    public List<FaqEntry> entries() {
        return entries;
    }

    /** Keeps only entries in {@code keep}; empty keeps all. */
    public void setStatuses(Set<FaqStatus> keep) {
        statuses = keep.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(keep));
    }

    /** Keeps only entries concerning {@code l}; empty keeps all. */
    public void setLabel(String l) {
        label = l == null ? "" : l.strip();
    }

    /** Keeps only entries raised under version {@code v}; 0 keeps all. */
    public void setVersion(int v) {
        version = Math.max(0, v);
    }

    /** Keeps only entries whose text has all these words; blank keeps all. */
    public void setText(String words) {
        text = words == null ? "" : words.strip();
    }

    /** The label filtered by, or empty. */
    public String label() {
        return label;
    }

    /** The statuses filtered by, or empty for all. */
    public Set<FaqStatus> statuses() {
        return statuses;
    }

    /** The version filtered by, or 0. */
    public int version() {
        return version;
    }

    /** The search words, or empty. */
    public String text() {
        return text;
    }

    /** Whether anything is filtered out. */
    public boolean isFiltering() {
        return !statuses.isEmpty() || !label.isEmpty() || version > 0 || !text.isEmpty();
    }

    /** The filter as a query of the model. */
    public FaqQuery query() {
        return new FaqQuery(statuses, label, version, text);
    }

    /** The entries that pass, newest first. */
    public List<FaqEntry> shown() {
        FaqQuery q = query();
        List<FaqEntry> out = new ArrayList<>();
        for (FaqEntry e : entries) {
            if (q.matches(e)) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparing(FaqEntry::raised, Comparator.nullsFirst(Comparator.naturalOrder())).reversed());
        return out;
    }

    /** Every label some entry concerns, sorted. */
    public List<String> labels() {
        TreeSet<String> all = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (FaqEntry e : entries) {
            all.addAll(e.labels());
            if (!e.context().label().isEmpty()) {
                all.add(e.context().label());
            }
        }
        if (!label.isEmpty()) {
            all.add(label);
        }
        return List.copyOf(all);
    }

    /** Every guideline version some entry was raised under, ascending. */
    public List<Integer> versions() {
        TreeSet<Integer> all = new TreeSet<>();
        for (FaqEntry e : entries) {
            all.add(e.context().guidelineVersion());
        }
        return List.copyOf(all);
    }

    /** How many entries have {@code status}. */
    public long count(FaqStatus status) {
        return entries.stream().filter(e -> e.status() == status).count();
    }
}
