package dev.vellum.core.registry;

import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.FormatImporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The installed import and export formats, by id. An id may have both an importer and an exporter. */
@Component(service = FormatRegistry.class)
public final class FormatRegistry {
    private final IdRegistry<FormatImporter> importers = new IdRegistry<>("importer", FormatImporter::id, FormatImporter::aliases);
    private final IdRegistry<FormatExporter> exporters = new IdRegistry<>("exporter", FormatExporter::id, FormatExporter::aliases);

    /** Adds an importer; throws when its id is taken. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addImporter(FormatImporter importer) {
        importers.add(importer);
    }

    /** Removes an importer. */
    public void removeImporter(FormatImporter importer) {
        importers.remove(importer);
    }

    /** Adds an exporter; throws when its id is taken. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addExporter(FormatExporter exporter) {
        exporters.add(exporter);
    }

    /** Removes an exporter. */
    public void removeExporter(FormatExporter exporter) {
        exporters.remove(exporter);
    }

    public Optional<FormatImporter> importer(String id) {
        return importers.get(id);
    }

    public Optional<FormatExporter> exporter(String id) {
        return exporters.get(id);
    }

    /** All importers, sorted by id. */
    public List<FormatImporter> importers() {
        return importers.all();
    }

    /** All exporters, sorted by id. */
    public List<FormatExporter> exporters() {
        return exporters.all();
    }

    /** Rejected registrations (duplicate ids). */
    public List<String> problems() {
        List<String> all = new ArrayList<>(importers.problems());
        all.addAll(exporters.problems());
        return all;
    }
}
