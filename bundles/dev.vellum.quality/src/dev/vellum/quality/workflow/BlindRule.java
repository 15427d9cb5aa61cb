package dev.vellum.quality.workflow;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import java.util.Optional;

/**
 * The blind rule, in one place for the visibility service and for who may comment: an annotator
 * sees another's set on the same item only once their own set there is submitted or further on.
 */
public final class BlindRule {
    private BlindRule() {
    }

    /**
     * Whether {@code user} may see {@code set} of {@code item}.
     * <ul>
     * <li>Their own set: always.</li>
     * <li>When they have a set on the item themselves: only once it is submitted, in review,
     * accepted or audited (not while in progress or rejected, when they are still working on it),
     * whatever their role: someone annotating the item is blind like everyone annotating it.</li>
     * <li>Without a set: named reviewers and auditors see all; anyone else sees it unless they are
     * assigned to the item or named as an annotator (they may be about to start it: a queue hands
     * them new items).</li>
     * </ul>
     */
    public static boolean mayView(QualitySettings settings, Item item, AnnotationSet set, String user) {
        if (set.annotator().equals(user)) {
            return true;
        }
        Optional<AnnotationSet> own = item.set(user);
        if (own.isPresent()) {
            AnnotationState s = own.get().state();
            return s != AnnotationState.IN_PROGRESS && s != AnnotationState.REJECTED;
        }
        if (settings.isNamedChecker(user)) {
            return true;
        }
        return !item.assignees().contains(user) && !settings.annotators().contains(user);
    }
}
