package dev.vellum.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Asset;
import dev.vellum.core.registry.FormatRegistry;
import dev.vellum.core.registry.ModalityRegistry;
import dev.vellum.core.registry.StoreRegistry;
import dev.vellum.core.spi.AnnotationType;
import dev.vellum.core.spi.Modality;
import dev.vellum.core.validation.Validator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/** The product's services find each other through OSGi Declarative Services, as installed. */
class DeclarativeServicesWiringTest {
    private final BundleContext context = FrameworkUtil.getBundle(DeclarativeServicesWiringTest.class).getBundleContext();

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T s = tracker.waitForService(20_000);
        assertNotNull(s, type.getSimpleName() + " was not activated by SCR");
        return s;
    }

    private record Toy(String id) implements Modality {
        @Override
        public String displayName() {
            return "Toy";
        }

        @Override
        public int accepts(Asset asset) {
            return asset.uri().endsWith(".toy") ? PREFERRED : NOT_SUITABLE;
        }

        @Override
        public List<AnnotationType> annotationTypes() {
            return List.of(new AnnotationType(id + ".dot", "Dot", 1));
        }

        @Override
        public Map<String, Object> createPayload(String typeId) {
            return Map.of();
        }
    }

    @Test
    void theFolderStoreIsBoundIntoTheStoreRegistry(@TempDir Path dir) throws Exception {
        StoreRegistry stores = service(StoreRegistry.class);
        assertEquals("folder", stores.storeFor(dir.resolve("new-project").toString()).orElseThrow().id());
        assertTrue(stores.problems().isEmpty(), stores.problems().toString());
    }

    @Test
    void aModalityRegisteredAtRuntimeJoinsTheRegistryAndLeavesIt() throws Exception {
        ModalityRegistry modalities = service(ModalityRegistry.class);
        ServiceRegistration<Modality> reg = context.registerService(Modality.class, new Toy("toy"), null);
        try {
            assertEquals("toy", modalities.bestFor(new Asset("a.toy", "toy", "", null)).orElseThrow().id());
            assertEquals("Dot", modalities.annotationType("toy.dot").orElseThrow().displayName());
        } finally {
            reg.unregister();
        }
        assertFalse(modalities.get("toy").isPresent());
    }

    @Test
    void aSecondModalityWithATakenIdIsRejectedAndReported() throws Exception {
        ModalityRegistry modalities = service(ModalityRegistry.class);
        Toy first = new Toy("twin");
        ServiceRegistration<Modality> a = context.registerService(Modality.class, first, null);
        ServiceRegistration<Modality> b = context.registerService(Modality.class, new Toy("twin"), null);
        try {
            assertTrue(modalities.get("twin").orElseThrow() == first, "the first registration keeps the id");
            assertTrue(modalities.problems().stream().anyMatch(p -> p.contains("duplicate modality id 'twin'")),
                    modalities.problems().toString());
        } finally {
            b.unregister();
            a.unregister();
        }
    }

    @Test
    void theValidatorAndFormatRegistryAreActiveWithTheCoreRules() throws Exception {
        Validator validator = service(Validator.class);
        assertTrue(validator.rules().stream().anyMatch(r -> r.id().equals("schema.unknown-label")));
        assertNotNull(service(FormatRegistry.class));
    }
}
