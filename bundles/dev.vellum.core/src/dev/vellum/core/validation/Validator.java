package dev.vellum.core.validation;

import dev.vellum.core.model.Item;
import dev.vellum.core.registry.IdRegistry;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.registry.ModalityRegistry;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.Modality;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.core.spi.ValidationRule.ValidationContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Runs validation rules over items. The rules every project has are always present. */
@Component(service = Validator.class)
public final class Validator {
    /** Rule id of the findings for item files the store could not read. */
    public static final String UNREADABLE_ITEM = "store.unreadable-item";

    private final ModalityRegistry modalities;
    private final IdRegistry<ValidationRule> rules = new IdRegistry<>("validation rule", ValidationRule::id);

    /** @param modalities the installed modalities, consulted for payload checks */
    @Activate
    public Validator(@Reference ModalityRegistry modalities) {
        this.modalities = modalities;
        for (ValidationRule r : CoreRules.all()) {
            rules.add(r);
        }
    }

    /** Adds a rule; throws when its id is taken. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addRule(ValidationRule rule) {
        rules.add(rule);
    }

    public void removeRule(ValidationRule rule) {
        rules.remove(rule);
    }

    /** All rules, sorted by id. */
    public List<ValidationRule> rules() {
        return rules.all();
    }

    /** Checks one item with every rule that accepts its modality. */
    public List<Finding> validate(StoredProject stored, Item item) {
        List<Finding> out = new ArrayList<>();
        ValidationContext context = context(stored);
        check(context, item, out::add);
        return out;
    }

    /**
     * Checks every item of the project, reporting findings as they are found. Item files the store
     * could not read are findings of the rule {@value #UNREADABLE_ITEM}.
     *
     * @return the number of items checked (fewer than the project has when cancelled)
     */
    public int validate(StoredProject stored, Progress progress, Consumer<Finding> findings) {
        ValidationContext context = context(stored);
        for (String problem : stored.problems()) {
            findings.accept(new Finding(UNREADABLE_ITEM, Finding.Severity.ERROR, "", "", "", problem));
        }
        List<ItemSummary> items = new ArrayList<>(stored.project().items());
        progress.begin("Validating " + items.size() + " items", items.size());
        int checked = 0;
        for (ItemSummary s : items) {
            if (progress.isCanceled()) {
                break;
            }
            try {
                check(context, stored.loadItem(s.id()), findings);
            } catch (StoreException e) {
                // Damaged or removed since the project was opened: a finding like any unreadable file.
                findings.accept(new Finding(UNREADABLE_ITEM, Finding.Severity.ERROR, s.id(), "", "", e.getMessage()));
            }
            checked++;
            progress.worked(1);
        }
        return checked;
    }

    private void check(ValidationContext context, Item item, Consumer<Finding> findings) {
        for (ValidationRule r : rules.all()) {
            if (r.accepts(item.modalityId())) {
                r.check(context, item, findings);
            }
        }
    }

    private ValidationContext context(StoredProject stored) {
        Map<String, Modality> byId = new LinkedHashMap<>();
        for (Modality m : modalities.all()) {
            byId.put(m.id(), m);
        }
        return new ValidationContext(stored.project(), stored, byId);
    }
}
