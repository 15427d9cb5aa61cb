package dev.vellum.app.internal;

import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.ItemSummary.SetSummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the Project Explorer shows: the items that pass a filter, grouped by dataset and then by
 * modality, with counts per group. Built from item summaries only, so it takes milliseconds even
 * for 100,000 items; the tree widget asks for rows lazily.
 */
public final class ExplorerTree {
    /** Name shown for items that belong to no dataset. */
    public static final String NO_DATASET = "(no dataset)";

    /** A dataset (whose children are modality groups) or a modality group (whose children are items). */
    public static final class Group {
        private final String name;
        private final Group parent;
        private final List<Group> groups = new ArrayList<>();
        private final List<ItemSummary> items = new ArrayList<>();
        private int itemCount;
        private int annotationCount;
        private int finishedCount;
        private int annotatorCount;

        Group(String name, Group parent) {
            this.name = name;
            this.parent = parent;
        }

        /** The dataset or modality id. */
        public String name() {
            return name;
        }

        /** The dataset group of a modality group; null for a dataset. */
        public Group parent() {
            return parent;
        }

        /** Whether the children are items (a modality group) rather than groups (a dataset). */
        public boolean holdsItems() {
            return parent != null;
        }

        /** The modality groups of a dataset, sorted by name. */
        public List<Group> groups() {
            return groups;
        }

        /** The items of a modality group, in project order. */
        public List<ItemSummary> items() {
            return items;
        }

        /** How many children the tree row has. */
        public int childCount() {
            return holdsItems() ? items.size() : groups.size();
        }

        /** Items in this group that pass the filter. */
        public int itemCount() {
            return itemCount;
        }

        /** Annotations over all those items and their annotators. */
        public int annotationCount() {
            return annotationCount;
        }

        /** Items whose overall state is accepted or audited. */
        public int finishedCount() {
            return finishedCount;
        }

        /** Distinct annotators with a set on those items. */
        public int annotatorCount() {
            return annotatorCount;
        }

        private void recount() {
            itemCount = 0;
            annotationCount = 0;
            finishedCount = 0;
            Set<String> annotators = new HashSet<>();
            if (holdsItems()) {
                for (ItemSummary s : items) {
                    itemCount++;
                    annotationCount += s.annotationCount();
                    if (isFinished(s)) {
                        finishedCount++;
                    }
                    for (SetSummary set : s.sets()) {
                        annotators.add(set.annotator());
                    }
                }
                annotatorCount = annotators.size();
            } else {
                for (Group g : groups) {
                    itemCount += g.itemCount;
                    annotationCount += g.annotationCount;
                    finishedCount += g.finishedCount;
                    for (ItemSummary s : g.items) {
                        for (SetSummary set : s.sets()) {
                            annotators.add(set.annotator());
                        }
                    }
                }
                annotatorCount = annotators.size();
            }
        }
    }

    private record Place(Group group, int index) {
    }

    private final List<Group> datasets;
    private final Map<String, Place> places;
    private final int shown;
    private final int total;

    private ExplorerTree(List<Group> datasets, Map<String, Place> places, int shown, int total) {
        this.datasets = datasets;
        this.places = places;
        this.shown = shown;
        this.total = total;
    }

    /** Groups the items of {@code all} that pass {@code filter}. */
    public static ExplorerTree build(Collection<ItemSummary> all, ItemFilter filter) {
        // Hash lookups per item; names are sorted once at the end, not compared per item.
        Map<String, Group> datasetGroups = new HashMap<>();
        Map<Group, Map<String, Group>> modalityGroups = new HashMap<>();
        int shown = 0;
        for (ItemSummary s : all) {
            if (!filter.matches(s)) {
                continue;
            }
            String dataset = s.dataset().isEmpty() ? NO_DATASET : s.dataset();
            Group ds = datasetGroups.computeIfAbsent(dataset, d -> new Group(d, null));
            Group modality = modalityGroups.computeIfAbsent(ds, d -> new HashMap<>())
                    .computeIfAbsent(s.modalityId(), m -> new Group(m, ds));
            modality.items.add(s);
            shown++;
        }
        List<Group> datasets = new ArrayList<>(datasetGroups.values());
        datasets.sort((a, b) -> compareNatural(a.name, b.name));
        Map<String, Place> places = new HashMap<>(shown * 2);
        for (Group ds : datasets) {
            List<Group> modalities = new ArrayList<>(modalityGroups.get(ds).values());
            modalities.sort((a, b) -> compareNatural(a.name, b.name));
            for (Group modality : modalities) {
                List<ItemSummary> items = modality.items;
                for (int i = 0; i < items.size(); i++) {
                    places.put(items.get(i).id(), new Place(modality, i));
                }
                modality.recount();
                ds.groups.add(modality);
            }
            ds.recount();
        }
        return new ExplorerTree(datasets, places, shown, all.size());
    }

    /**
     * Orders names as people expect: digit runs by value, so "batch-2" comes before "batch-10", and
     * otherwise case-insensitively.
     */
    public static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                while (si < i - 1 && a.charAt(si) == '0') {
                    si++;
                }
                while (sj < j - 1 && b.charAt(sj) == '0') {
                    sj++;
                }
                int c = Integer.compare(i - si, j - sj);
                for (int k = 0; c == 0 && k < i - si; k++) {
                    c = Character.compare(a.charAt(si + k), b.charAt(sj + k));
                }
                if (c != 0) {
                    return c;
                }
            } else {
                int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
                if (c != 0) {
                    return c;
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    /** Whether the item counts as done: its least advanced set is accepted or audited. */
    public static boolean isFinished(ItemSummary s) {
        AnnotationState state = s.overallState();
        return state == AnnotationState.ACCEPTED || state == AnnotationState.AUDITED;
    }

    /** The dataset groups, sorted by name. */
    public List<Group> datasets() {
        return datasets;
    }

    /** How many items pass the filter. */
    public int shownCount() {
        return shown;
    }

    /** How many items the project has. */
    public int totalCount() {
        return total;
    }

    /** The modality group showing the item, if it passes the filter. */
    public Optional<Group> groupOf(String itemId) {
        return Optional.ofNullable(places.get(itemId)).map(Place::group);
    }

    /** The item's position within {@link #groupOf(String)}, or -1. */
    public int indexOf(String itemId) {
        Place p = places.get(itemId);
        return p == null ? -1 : p.index();
    }

    /**
     * Puts a changed summary in the place of the old one and recounts its groups, so a row keeps
     * its place while the user works on it (even if it no longer passes the filter).
     *
     * @return false when the item is not shown, so nothing changed
     */
    public boolean update(ItemSummary summary) {
        Place p = places.get(summary.id());
        if (p == null) {
            return false;
        }
        p.group().items.set(p.index(), summary);
        p.group().recount();
        p.group().parent().recount();
        return true;
    }
}
