package dev.vellum.modality.preference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.core.spi.AgreementUnits;
import dev.vellum.core.spi.Modality;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.preference.PreferenceModality;
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
            if (ids.size() >= expected || System.currentTimeMillis() > deadline) {
                return ids;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void theModalityAndRulesAreServices() throws Exception {
        assertEquals(Set.of("preference"), ids(Modality.class, Modality::id, 1));
        assertEquals(Set.of("preference.duplicate", "preference.flag-span", "preference.incomplete-ranking", "preference.incomplete-rubric",
                "preference.not-allowed", "preference.order", "preference.rationale-missing", "preference.unknown-response"),
                ids(ValidationRule.class, ValidationRule::id, 8));
    }

    @Test
    void theAgreementUnitsAreServices() throws Exception {
        assertEquals(Set.of("preference.choices", "preference.flags", "preference.rankings", "preference.rubric"),
                ids(AgreementUnits.class, AgreementUnits::id, 4));
    }
}
