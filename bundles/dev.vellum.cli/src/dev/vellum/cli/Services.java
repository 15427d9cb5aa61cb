package dev.vellum.cli;

import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.registry.FormatRegistry;
import dev.vellum.core.registry.ModalityRegistry;
import dev.vellum.core.registry.StoreRegistry;
import dev.vellum.core.validation.Validator;
import java.util.Objects;

/**
 * The installed services the commands use: found through OSGi in the product, built by hand in tests.
 *
 * @param stores     project stores
 * @param modalities modalities
 * @param formats    importers and exporters
 * @param validator  the validation engine
 * @param agreements the agreement units the modalities provide
 */
public record Services(StoreRegistry stores, ModalityRegistry modalities, FormatRegistry formats, Validator validator,
        AgreementRegistry agreements) {
    public Services {
        Objects.requireNonNull(stores);
        Objects.requireNonNull(modalities);
        Objects.requireNonNull(formats);
        Objects.requireNonNull(validator);
        Objects.requireNonNull(agreements);
    }
}
