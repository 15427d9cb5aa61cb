package dev.vellum.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.AgreementUnits;
import dev.vellum.core.spi.AgreementValue;
import dev.vellum.core.spi.MeasurementLevel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agreement units SPI fits a modality core has never heard of: rankings of responses. */
class AgreementUnitsTest {
    /**
     * A ranking modality written against the SPI alone: each annotator ranks the item's responses
     * (payload {@code {"order": ["r2", "r1", ...]}}); each response is a unit whose values are ranks.
     */
    record Rankings(String id) implements AgreementUnits {
        @Override
        public String modalityId() {
            return "toy";
        }

        @Override
        public String displayName() {
            return "Ranks of responses";
        }

        @Override
        public List<AgreementUnit> units(Item item, List<AnnotationSet> sets, LabelSchema schema) {
            Map<String, Map<String, AgreementUnit.Rating>> byResponse = new LinkedHashMap<>();
            for (AnnotationSet s : sets) {
                for (Annotation a : s.annotations()) {
                    List<?> order = (List<?>) a.payload().get("order");
                    for (int rank = 0; rank < order.size(); rank++) {
                        byResponse.computeIfAbsent((String) order.get(rank), r -> new LinkedHashMap<>()).put(s.annotator(),
                                new AgreementUnit.Rating(AgreementValue.of(rank + 1), List.of(a.id()), 1));
                    }
                }
            }
            return byResponse.entrySet().stream()
                    .map(e -> new AgreementUnit(item.id(), "rank:" + e.getKey(), "toy.rank", MeasurementLevel.ORDINAL, e.getValue())).toList();
        }
    }

    private static AnnotationSet ranking(String annotator, String... order) {
        AnnotationSet s = AnnotationSet.start(annotator, 1);
        s.insert(-1, Annotation.create("r", "toy.ranking", "", Map.of("order", List.of(order)), annotator));
        return s;
    }

    @Test
    void aRankingIsAUnitPerResponseWithOrdinalValues() {
        AnnotationSet a = ranking("A", "r1", "r2", "r3"), b = ranking("B", "r2", "r1");
        Item item = new Item("p1", "", List.of(new Asset("p1.json", "toy", "", null)), null, null, List.of(a, b));
        AgreementRegistry registry = new AgreementRegistry();
        registry.addUnits(new Rankings("toy.ranks"));
        List<AgreementUnit> units = registry.units(item, List.of(a, b), null);
        assertEquals(List.of("p1/rank:r1", "p1/rank:r2", "p1/rank:r3"), units.stream().map(AgreementUnit::key).toList());
        assertEquals(AgreementValue.of(1), units.get(0).value("A"));
        assertEquals(AgreementValue.of(2), units.get(0).value("B"));
        assertEquals(MeasurementLevel.ORDINAL, units.get(0).level());
        assertTrue(units.get(2).isMissing("B"), "B did not rank r3");
        assertNull(units.get(2).value("B"));
        assertFalse(units.get(2).isMissing("A"));
        assertEquals(List.of(), registry.forModality("image"), "no service for other modalities");
    }

    @Test
    void theRegistryRejectsDuplicateIdsAndTwoSetsOfOneAnnotator() {
        AgreementRegistry registry = new AgreementRegistry();
        registry.addUnits(new Rankings("toy.ranks"));
        assertThrows(IllegalStateException.class, () -> registry.addUnits(new Rankings("toy.ranks")));
        assertEquals(1, registry.problems().size());
        AnnotationSet a = ranking("A", "r1");
        Item item = new Item("p1", "", List.of(new Asset("p1.json", "toy", "", null)), null, null, List.of(a));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.units(item, List.of(a, a.copy()), null));
        assertEquals("item 'p1': two annotation sets of A to compare", e.getMessage());
    }

    @Test
    void twoUnitsWithOneKeyAreABugNamedByTheService() {
        AgreementRegistry registry = new AgreementRegistry();
        registry.addUnits(new AgreementUnits() {
            @Override
            public String id() {
                return "toy.broken";
            }

            @Override
            public String modalityId() {
                return "toy";
            }

            @Override
            public String displayName() {
                return "Broken";
            }

            @Override
            public List<AgreementUnit> units(Item item, List<AnnotationSet> sets, LabelSchema schema) {
                AgreementUnit u = new AgreementUnit(item.id(), "same", "toy.x", MeasurementLevel.NOMINAL, Map.of());
                return List.of(u, u);
            }
        });
        Item item = new Item("p1", "", List.of(new Asset("p1.json", "toy", "", null)), null, null, List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.units(item, List.of(), null));
        assertEquals("agreement units 'toy.broken' made two units with the key p1/same", e.getMessage());
    }

    @Test
    void valuesAndRatingsAreChecked() {
        assertEquals(AgreementValue.of("car"), new AgreementValue.Nominal("car"));
        assertEquals("3", AgreementValue.of(3).toString());
        assertEquals("2.5", AgreementValue.of(2.5).toString());
        assertThrows(IllegalArgumentException.class, () -> AgreementValue.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new AgreementUnit.Rating(AgreementValue.of("x"), List.of(), 1.5));
        assertThrows(IllegalArgumentException.class, () -> new AgreementUnit("i", "", "k", MeasurementLevel.NOMINAL, Map.of()));
        assertEquals(MeasurementLevel.INTERVAL, MeasurementLevel.fromId("interval"));
        assertThrows(IllegalArgumentException.class, () -> MeasurementLevel.fromId("cardinal"));
        Map<String, AgreementUnit.Rating> ratings = new LinkedHashMap<>();
        ratings.put("A", new AgreementUnit.Rating(AgreementValue.of("x"), null, 1));
        AgreementUnit u = new AgreementUnit("i", "u", "k", MeasurementLevel.NOMINAL, ratings);
        ratings.clear();
        assertEquals(1, u.ratings().size(), "a unit keeps its own copy");
        assertThrows(UnsupportedOperationException.class, () -> u.ratings().clear());
    }
}
