package dev.vellum.core.registry;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.AgreementUnits;
import dev.vellum.core.spi.StoredProject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The installed {@link AgreementUnits} services, and the units of an item from every one that reads
 * its modality: what an agreement engine consumes.
 */
@Component(service = AgreementRegistry.class)
public final class AgreementRegistry {
    private final IdRegistry<AgreementUnits> services = new IdRegistry<>("agreement units", AgreementUnits::id, AgreementUnits::aliases);

    /** Adds a service; throws when its id is taken. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addUnits(AgreementUnits units) {
        services.add(units);
    }

    /** Removes a service. */
    public void removeUnits(AgreementUnits units) {
        services.remove(units);
    }

    /** The service with that id (or former id). */
    public Optional<AgreementUnits> get(String id) {
        return services.get(id);
    }

    /** All services, sorted by id. */
    public List<AgreementUnits> all() {
        return services.all();
    }

    /** The services for items of {@code modalityId}, sorted by id. */
    public List<AgreementUnits> forModality(String modalityId) {
        return services.all().stream().filter(u -> u.modalityId().equals(modalityId)).toList();
    }

    /**
     * The units of {@code item} from every service of its modality, in service id order.
     *
     * @param sets   the sets to compare, of distinct annotators; the first founds units (put gold first)
     * @param schema the label schema of the item's modality, or null
     * @throws IllegalArgumentException when two sets have the same annotator, or a service returns
     *                                  two units with one key (a bug in that service, named)
     */
    public List<AgreementUnit> units(Item item, List<AnnotationSet> sets, LabelSchema schema) {
        return units(null, item, sets, schema);
    }

    /**
     * The units of {@code item} from every service of its modality, in service id order, letting the
     * services that need the item's media read them from {@code stored} (see
     * {@link AgreementUnits#units(StoredProject, Item, List, LabelSchema)}).
     *
     * @param stored the project the item belongs to, or null when there is no store
     * @param sets   the sets to compare, of distinct annotators; the first founds units (put gold first)
     * @param schema the label schema of the item's modality, or null
     * @throws IllegalArgumentException when two sets have the same annotator, a service returns two
     *                                  units with one key (a bug in that service, named), or a
     *                                  service needs media it cannot read
     */
    public List<AgreementUnit> units(StoredProject stored, Item item, List<AnnotationSet> sets, LabelSchema schema) {
        Set<String> annotators = new HashSet<>();
        for (AnnotationSet s : sets) {
            if (!annotators.add(s.annotator())) {
                throw new IllegalArgumentException("item '" + item.id() + "': two annotation sets of " + s.annotator() + " to compare");
            }
        }
        List<AgreementUnit> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (AgreementUnits service : forModality(item.modalityId())) {
            for (AgreementUnit u : service.units(stored, item, sets, schema)) {
                if (!keys.add(u.key())) {
                    throw new IllegalArgumentException("agreement units '" + service.id() + "' made two units with the key " + u.key());
                }
                out.add(u);
            }
        }
        return out;
    }

    /** Rejected registrations (duplicate ids). */
    public List<String> problems() {
        return services.problems();
    }
}
