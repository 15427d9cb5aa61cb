package dev.vellum.modality.image.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import dev.vellum.core.spi.AgreementUnits;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.Modality;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.image.ImageModality;

/** The bundle's modality, COCO format and rules are registered by SCR as installed. */
class DeclarativeServicesTest {
    private static <T> Set<String> ids(Class<T> type, Function<T, String> id, int expected) throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(ImageModality.class);
        if (bundle.getState() != Bundle.ACTIVE) {
            bundle.start();
        }
        BundleContext ctx = bundle.getBundleContext();
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            Set<String> ids = new TreeSet<>();
            for (ServiceReference<T> ref : ctx.getServiceReferences(type, null)) {
                if (ref.getBundle() == bundle) {
                    T s = ctx.getService(ref);
                    if (s != null) {
                        ids.add(id.apply(s));
                    }
                }
            }
            if (ids.size() >= expected || System.currentTimeMillis() > deadline) {
                return ids;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void theModalityFormatsAndRulesAreServices() throws Exception {
        assertEquals(Set.of("image"), ids(Modality.class, Modality::id, 1));
        Set<String> formats = Set.of("coco", "cvat-images", "labelstudio", "voc", "yolo");
        assertEquals(formats, ids(FormatImporter.class, FormatImporter::id, formats.size()));
        assertEquals(formats, ids(FormatExporter.class, FormatExporter::id, formats.size()));
        assertEquals(Set.of("image.degenerate-shape", "image.keypoint-outside-box", "image.self-intersecting-polygon", "image.shape-outside"),
                ids(ValidationRule.class, ValidationRule::id, 4));
    }

    @Test
    void theAgreementUnitsAreServices() throws Exception {
        assertEquals(Set.of("image.keypoints", "image.shapes", "image.tags"), ids(AgreementUnits.class, AgreementUnits::id, 3));
    }
}
