package dev.vellum.modality.preference.agreement;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.AgreementValue;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.Comparisons;
import dev.vellum.modality.preference.model.Comparison;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the preference agreement services share: building units cell by cell, and the item's response ids. */
final class Judged {
    private Judged() {
    }

    /** Rejects two sets of one annotator, as the SPI promises. */
    static void requireDistinct(Item item, List<AnnotationSet> sets) {
        Set<String> seen = new HashSet<>();
        for (AnnotationSet s : sets) {
            if (!seen.add(s.annotator())) {
                throw new IllegalArgumentException("item '" + item.id() + "' has two annotation sets of " + s.annotator() + " to compare");
            }
        }
    }

    /**
     * The comparison's response ids, or null when there is no store or the comparison cannot be
     * read (units then come from the payloads alone).
     */
    static List<String> responseIds(StoredProject stored, Item item) {
        if (stored == null) {
            return null;
        }
        try {
            Comparison c = Comparisons.load(stored, item);
            return c.ids();
        } catch (StoreException e) {
            return null;
        }
    }

    /** Units under construction: by unit id, per annotator a value and the annotation ids it stands for. */
    static final class Table {
        private final Map<String, Row> rows = new LinkedHashMap<>();

        private record Row(String kind, dev.vellum.core.spi.MeasurementLevel level, Map<String, Cell> cells) {
        }

        private static final class Cell {
            final AgreementValue value;
            final List<String> ids = new ArrayList<>();

            Cell(AgreementValue value) {
                this.value = value;
            }
        }

        /**
         * Gives {@code annotator} {@code value} in the unit {@code id}; a second value for the same
         * annotator (a duplicate judgement) is not counted, its annotation joins the first's.
         */
        void put(String id, String kind, dev.vellum.core.spi.MeasurementLevel level, String annotator, AgreementValue value, String annotationId) {
            Row row = rows.computeIfAbsent(id, k -> new Row(kind, level, new LinkedHashMap<>()));
            Cell cell = row.cells.computeIfAbsent(annotator, a -> new Cell(value));
            if (annotationId != null && !cell.ids.contains(annotationId)) {
                cell.ids.add(annotationId);
            }
        }

        /** Whether {@code annotator} already has a value in unit {@code id}. */
        boolean has(String id, String annotator) {
            Row row = rows.get(id);
            return row != null && row.cells.containsKey(annotator);
        }

        /** The units, ratings in the order of {@code sets}, units in the order of {@code ids} (unit ids not in it come last, sorted). */
        List<AgreementUnit> units(Item item, List<AnnotationSet> sets, java.util.Comparator<String> order) {
            List<String> ids = new ArrayList<>(rows.keySet());
            ids.sort(order);
            List<AgreementUnit> out = new ArrayList<>(ids.size());
            for (String id : ids) {
                Row row = rows.get(id);
                Map<String, AgreementUnit.Rating> ratings = new LinkedHashMap<>();
                for (AnnotationSet s : sets) {
                    Cell c = row.cells.get(s.annotator());
                    if (c != null) {
                        ratings.put(s.annotator(), new AgreementUnit.Rating(c.value, c.ids, 1));
                    }
                }
                out.add(new AgreementUnit(item.id(), id, row.kind, row.level, ratings));
            }
            return out;
        }
    }
}
