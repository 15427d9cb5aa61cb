package dev.vellum.modality.text.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.FormatImporter;
import dev.vellum.modality.text.TextModality;

/** The text formats are registered by SCR as importer and exporter services. */
class TokenFormatServicesTest {
    private static final Set<String> IDS = Set.of("conll2003", "conllu", "spacy-json", "spacy-docbin", "doccano", "webanno-tsv3", "brat", "uima-xmi");

    private static <T> Set<String> ids(Class<T> type, Function<T, String> id) throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(TextModality.class);
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
            if (ids.containsAll(IDS) || System.currentTimeMillis() > deadline) {
                return ids;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void theTextFormatsAreImporterAndExporterServices() throws Exception {
        Set<String> importers = ids(FormatImporter.class, FormatImporter::id);
        assertTrue(importers.containsAll(IDS), importers.toString());
        Set<String> exporters = ids(FormatExporter.class, FormatExporter::id);
        assertTrue(exporters.containsAll(IDS), exporters.toString());
    }
}
