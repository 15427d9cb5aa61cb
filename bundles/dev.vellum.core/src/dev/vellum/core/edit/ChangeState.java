package dev.vellum.core.edit;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import java.util.Objects;
import java.util.Set;

/** Moves an annotator's set to another review state (submit, accept, reject...). */
public final class ChangeState implements EditCommand {
    private final String itemId;
    private final String annotator;
    private final AnnotationState newState;
    private AnnotationState oldState;

    public ChangeState(String itemId, String annotator, AnnotationState newState) {
        this.itemId = Objects.requireNonNull(itemId);
        this.annotator = Objects.requireNonNull(annotator);
        this.newState = Objects.requireNonNull(newState);
    }

    @Override
    public String label() {
        return "Mark " + newState.displayName().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Set<String> itemIds() {
        return Set.of(itemId);
    }

    @Override
    public void apply(EditTarget target) {
        AnnotationSet set = Targets.set(target, itemId, annotator);
        oldState = set.state();
        set.setState(newState);
    }

    @Override
    public void undo(EditTarget target) {
        target.item(itemId).set(annotator).orElseThrow().setState(oldState);
    }
}
