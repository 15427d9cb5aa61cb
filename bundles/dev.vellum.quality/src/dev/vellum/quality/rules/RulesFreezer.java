package dev.vellum.quality.rules;

import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.guidelines.PublishParticipant;
import org.osgi.service.component.annotations.Component;

/**
 * Freezes the project's rule draft as {@code rules/v<N>.json} when guideline version N is
 * published, so that the rules are versioned with the guidelines. A draft that does not parse stops
 * the publish, naming the draft and the problem: a broken rule set must not become the one in force.
 */
@Component(service = PublishParticipant.class)
public final class RulesFreezer implements PublishParticipant {
    @Override
    public void publishing(StoredProject project, int number) throws StoreException {
        new ProjectRules(project).freeze(number);
    }
}
