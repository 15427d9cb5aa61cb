package dev.vellum.modality.text.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.core.spi.AgreementUnits;
import dev.vellum.core.spi.Modality;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.text.TextModality;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** The bundle's modality, rules and agreement units are registered by SCR as installed. */
class DeclarativeServicesTest {
    private static <T> Set<String> ids(Class<T> type, Function<T, String> id, int expected) throws Exception {
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
            if (ids.size() >= expected || System.currentTimeMillis() > deadline) {
                return ids;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void theModalityAndRulesAreServices() throws Exception {
        assertEquals(Set.of("text"), ids(Modality.class, Modality::id, 1));
        assertEquals(Set.of("text.label-kind", "text.relation-missing-span", "text.same-label-overlap", "text.span-inside-token",
                "text.span-text-mismatch"), ids(ValidationRule.class, ValidationRule::id, 5));
    }

    @Test
    void theAgreementUnitsAreServices() throws Exception {
        assertEquals(Set.of("text.spans-exact", "text.spans-overlap", "text.tokens"), ids(AgreementUnits.class, AgreementUnits::id, 3));
    }
}
