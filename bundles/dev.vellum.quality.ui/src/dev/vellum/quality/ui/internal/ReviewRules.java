package dev.vellum.quality.ui.internal;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Project;
import dev.vellum.quality.workflow.QualitySettings;
import dev.vellum.quality.workflow.Reviews;
import dev.vellum.quality.workflow.Reviews.Step;
import java.util.Optional;

/**
 * Which review actions the user may take on a set now, so that the Review view and the menu enable
 * only what {@link Reviews} will accept: every answer is {@link Reviews#refusal}, the one place the
 * workflow's permissions are decided (roles, stages, states, own sets, the blind rule).
 */
public final class ReviewRules {
    private final Project project;
    private final String user;
    private final String problem;

    private ReviewRules(Project project, String user, String problem) {
        this.project = project;
        this.user = user;
        this.problem = problem;
    }

    /** The rules for {@code user} in {@code project}; malformed quality settings allow nothing and say why. */
    public static ReviewRules of(Project project, String user) {
        try {
            QualitySettings.read(project);
            return new ReviewRules(project, user, null);
        } catch (IllegalArgumentException e) {
            return new ReviewRules(project, user, e.getMessage());
        }
    }

    /** Why nothing is allowed (the quality settings cannot be read), if that is so. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Whether the project has a review stage (else submitting accepts). */
    public boolean hasReviewStage() {
        return project.workflow().reviewStages().contains(QualitySettings.REVIEW_STAGE);
    }

    /** Whether the project has an audit stage. */
    public boolean hasAuditStage() {
        return project.workflow().reviewStages().contains(QualitySettings.AUDIT_STAGE);
    }

    /** Whether the user may hand in {@code set} of {@code item}: their own, in progress or rejected. */
    public boolean maySubmit(Item item, AnnotationSet set) {
        return allows(Step.SUBMIT, item, set);
    }

    /** Whether the user may accept or reject {@code set} of {@code item}. */
    public boolean mayReview(Item item, AnnotationSet set) {
        return allows(Step.ACCEPT, item, set);
    }

    /** Whether the user may pass or fail the audit of {@code set} of {@code item}. */
    public boolean mayAudit(Item item, AnnotationSet set) {
        return allows(Step.AUDIT, item, set);
    }

    /** Whether the user may comment on {@code set} of {@code item}. */
    public boolean mayComment(Item item, AnnotationSet set) {
        return allows(Step.COMMENT, item, set);
    }

    private boolean allows(Step step, Item item, AnnotationSet set) {
        return problem == null && Reviews.refusal(project, user, step, item, set).isEmpty();
    }
}
