package dev.vellum.core.registry;

import dev.vellum.core.model.Asset;
import dev.vellum.core.spi.AnnotationType;
import dev.vellum.core.spi.Modality;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The installed modalities, by id. */
@Component(service = ModalityRegistry.class)
public final class ModalityRegistry {
    private final IdRegistry<Modality> modalities = new IdRegistry<>("modality", Modality::id, Modality::aliases);

    /**
     * Adds a modality.
     *
     * @throws IllegalStateException when its id is taken
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addModality(Modality modality) {
        modalities.add(modality);
    }

    /** Removes a modality. */
    public void removeModality(Modality modality) {
        modalities.remove(modality);
    }

    /** The modality with that id, if installed. */
    public Optional<Modality> get(String id) {
        return modalities.get(id);
    }

    /** All installed modalities, sorted by id. */
    public List<Modality> all() {
        return modalities.all();
    }

    /** The modality that scores highest for {@code asset}, if any accepts it. */
    public Optional<Modality> bestFor(Asset asset) {
        return modalities.best(m -> m.accepts(asset));
    }

    /** The annotation type with that id among installed modalities. */
    public Optional<AnnotationType> annotationType(String typeId) {
        int dot = typeId.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        return get(typeId.substring(0, dot))
                .flatMap(m -> m.annotationTypes().stream().filter(t -> t.id().equals(typeId)).findFirst());
    }

    /** Rejected registrations (duplicate ids). */
    public List<String> problems() {
        return modalities.problems();
    }
}
