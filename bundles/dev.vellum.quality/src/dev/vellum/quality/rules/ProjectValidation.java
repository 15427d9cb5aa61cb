package dev.vellum.quality.rules;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.core.validation.Validator;
import dev.vellum.quality.rules.ProjectRule.LabelDistribution;
import dev.vellum.quality.rules.ProjectRule.PerSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Validates a whole project: every installed rule (core's and the modalities', through
 * {@link Validator}) on every item, plus the project's own rules in force (see {@link ProjectRules}),
 * per item and over the whole project. The one entry point of the CLI's {@code validate} and of the
 * Problems view.
 */
public final class ProjectValidation {
    /** Rule id of the finding for a rule file that cannot be read or parsed. */
    public static final String BAD_RULE_FILE = "project.rules-file";

    private final Validator validator;

    /** @param validator the installed rules */
    public ProjectValidation(Validator validator) {
        this.validator = Objects.requireNonNull(validator);
    }

    /**
     * What one run did.
     *
     * @param itemsChecked items checked (fewer than the project has when cancelled)
     * @param rulesVersion the version of the project rules in force ({@code v<N>} or {@code draft}),
     *                     empty when their file could not be read
     * @param projectRules how many project rules were run
     */
    public record Summary(int itemsChecked, String rulesVersion, int projectRules) {
    }

    /**
     * Runs every rule, reporting findings as they are found. A rule file that cannot be read or
     * parsed is one error finding of rule {@value #BAD_RULE_FILE} naming the document and the
     * problem; the installed rules still run.
     */
    public Summary validate(StoredProject stored, Progress progress, Consumer<Finding> findings) {
        ProjectRules.InForce inForce;
        try {
            inForce = new ProjectRules(stored).inForce();
        } catch (StoreException e) {
            findings.accept(new Finding(BAD_RULE_FILE, Finding.Severity.ERROR, "", "", "", e.getMessage()));
            inForce = null;
        }
        String version = inForce == null ? "" : inForce.version();
        List<ProjectRule> rules = inForce == null ? List.of() : inForce.rules().rules();
        for (String problem : stored.problems()) {
            findings.accept(new Finding(Validator.UNREADABLE_ITEM, Finding.Severity.ERROR, "", "", "", problem));
        }
        // Label counts per distribution rule, gathered while each item is loaded anyway.
        Map<LabelDistribution, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (ProjectRule r : rules) {
            if (r instanceof LabelDistribution d) {
                counts.put(d, new HashMap<>());
            }
        }
        List<ItemSummary> items = new ArrayList<>(stored.project().items());
        progress.begin("Validating " + items.size() + " items", items.size());
        int checked = 0;
        for (ItemSummary s : items) {
            if (progress.isCanceled()) {
                break;
            }
            Item item;
            try {
                item = stored.loadItem(s.id());
            } catch (StoreException e) {
                findings.accept(new Finding(Validator.UNREADABLE_ITEM, Finding.Severity.ERROR, s.id(), "", "", e.getMessage()));
                checked++;
                progress.worked(1);
                continue;
            }
            validator.validate(stored, item).forEach(findings);
            check(item, rules, version, findings);
            count(item, counts);
            checked++;
            progress.worked(1);
        }
        if (!progress.isCanceled()) {
            for (Map.Entry<LabelDistribution, Map<String, Integer>> e : counts.entrySet()) {
                e.getKey().check(e.getValue(), e.getKey().findingId(version), findings);
            }
        }
        return new Summary(checked, version, rules.size());
    }

    /** Checks one item with the project's per-set rules. */
    public static void check(Item item, List<ProjectRule> rules, String version, Consumer<Finding> findings) {
        for (ProjectRule r : rules) {
            if (r instanceof PerSet p && r.accepts(item.modalityId())) {
                for (AnnotationSet set : item.sets()) {
                    p.check(item, set, r.findingId(version), findings);
                }
            }
        }
    }

    private static void count(Item item, Map<LabelDistribution, Map<String, Integer>> counts) {
        for (Map.Entry<LabelDistribution, Map<String, Integer>> e : counts.entrySet()) {
            String modality = e.getKey().modality();
            for (AnnotationSet set : item.sets()) {
                if (!ProjectRule.handedIn(set.state())) {
                    continue;
                }
                for (Annotation a : set.annotations()) {
                    if (!a.label().isEmpty() && modality.equals(a.modalityId())) {
                        e.getValue().merge(a.label(), 1, Integer::sum);
                    }
                }
            }
        }
    }
}
