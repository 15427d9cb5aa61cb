package dev.vellum.modality.preference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.FormatImporter;
import dev.vellum.modality.preference.PreferenceModality;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** Every preference format is an importer and an exporter service, registered by SCR. */
class FormatServicesTest {
    private static final Set<String> IDS = Set.of("hh-rlhf", "oasst", "openai-dpo", "sharegpt", "trl", "vellum-jsonl");

    private static <T> Set<String> ids(Class<T> type, Function<T, String> id) throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(PreferenceModality.class);
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
            if (ids.size() >= IDS.size() || System.currentTimeMillis() > deadline) {
                return ids;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void importersAndExportersAreServices() throws Exception {
        assertEquals(IDS, ids(FormatImporter.class, FormatImporter::id));
        assertEquals(IDS, ids(FormatExporter.class, FormatExporter::id));
    }
}
