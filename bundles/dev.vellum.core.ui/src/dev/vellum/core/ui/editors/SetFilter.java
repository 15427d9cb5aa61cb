package dev.vellum.core.ui.editors;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Project;
import dev.vellum.core.spi.SetVisibility;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.core.runtime.ILog;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Which annotation sets of an item a user may see: the one question every editor and view asks
 * before showing another annotator's work, so that the workflow's blind rules
 * ({@link SetVisibility}) hold everywhere. A user always sees their own set; another's is shown
 * only when every registered {@link SetVisibility} allows it (none registered: all are shown).
 * <p>
 * A DS service that parts inject ({@code @Optional SetFilter}); {@link #orAll(SetFilter)} turns a
 * missing one (a test context, no DS) into "everything visible". The services are asked on every
 * call, so a rule arriving or leaving later takes effect at the next refresh.
 */
@Component(service = SetFilter.class)
public final class SetFilter {
    private static final SetFilter ALL = new SetFilter(List.of());

    private final List<SetVisibility> rules = new CopyOnWriteArrayList<>();

    /** A filter that DS fills with the registered rules. */
    public SetFilter() {
    }

    /** A filter asking {@code rules} (for tests and code outside DS). */
    public SetFilter(Collection<? extends SetVisibility> rules) {
        this.rules.addAll(rules);
    }

    /** {@code filter}, or one that shows every set when it is null. */
    public static SetFilter orAll(SetFilter filter) {
        return filter == null ? ALL : filter;
    }

    /** Adds a visibility rule. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addVisibility(SetVisibility rule) {
        rules.add(rule);
    }

    /** Removes a visibility rule. */
    public void removeVisibility(SetVisibility rule) {
        rules.remove(rule);
    }

    /**
     * Whether {@code user} may see {@code set} of {@code item}: always their own; another's when
     * every rule allows it. A rule that throws hides the set (blindness must not fail open).
     */
    public boolean mayView(Project project, Item item, AnnotationSet set, String user) {
        if (set.annotator().equals(user)) {
            return true;
        }
        for (SetVisibility rule : rules) {
            try {
                if (!rule.mayView(project, item, set, user)) {
                    return false;
                }
            } catch (RuntimeException e) {
                ILog.of(SetFilter.class).warn("Visibility rule failed for " + item.id() + "/"
                        + set.annotator() + ": " + e.getMessage(), e);
                return false;
            }
        }
        return true;
    }

    /** Whether {@code user} may see {@code annotator}'s set of {@code item}; true when there is no such set. */
    public boolean mayView(Project project, Item item, String annotator, String user) {
        Objects.requireNonNull(annotator, "annotator");
        return item.set(annotator).map(s -> mayView(project, item, s, user)).orElse(true);
    }

    /** The sets of {@code item} that {@code user} may see, in the item's order. */
    public List<AnnotationSet> visibleSets(Project project, Item item, String user) {
        if (rules.isEmpty()) {
            return List.copyOf(item.sets());
        }
        return item.sets().stream().filter(s -> mayView(project, item, s, user)).toList();
    }

    /** The annotators of {@link #visibleSets}. */
    public List<String> visibleAnnotators(Project project, Item item, String user) {
        return visibleSets(project, item, user).stream().map(AnnotationSet::annotator).toList();
    }
}
