package dev.vellum.quality.workflow;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Project;
import dev.vellum.core.spi.SetVisibility;
import org.osgi.service.component.annotations.Component;

/**
 * The review workflow's blind rule ({@link BlindRule}) as the core's {@link SetVisibility} service,
 * so every editor and view hides other annotators' work the same way. When the project's quality
 * settings are malformed, the rule is applied with nobody named as reviewer or auditor: blind by
 * default rather than open.
 */
@Component(service = SetVisibility.class)
public final class BlindVisibility implements SetVisibility {
    @Override
    public boolean mayView(Project project, Item item, AnnotationSet set, String user) {
        QualitySettings settings;
        try {
            settings = QualitySettings.read(project);
        } catch (IllegalArgumentException e) {
            settings = QualitySettings.DEFAULT;
        }
        return BlindRule.mayView(settings, item, set, user);
    }
}
