package dev.vellum.quality.ui.internal;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Project;
import dev.vellum.quality.workflow.BlindRule;
import dev.vellum.quality.workflow.QualitySettings;
import dev.vellum.quality.workflow.Reviews;
import java.util.Optional;

/**
 * Which review actions the user may take on a set now, so that the Review view and the menu enable
 * only what {@link Reviews} will accept. The checks are those {@code Reviews} makes before a
 * transition (the user's role in {@link QualitySettings}, the project's stages, the set's state,
 * never one's own set as reviewer or auditor), plus that the set is visible to the user under the
 * blind rule ({@link BlindRule}): nobody decides on work they may not see. {@code Reviews} still
 * checks again and its refusal is what the user is told, so a difference can only disable too much,
 * never let a refused transition through.
 */
public final class ReviewRules {
    private final String user;
    private final QualitySettings settings;
    private final String problem;
    private final boolean reviewStage;
    private final boolean auditStage;

    private ReviewRules(String user, QualitySettings settings, String problem, boolean reviewStage, boolean auditStage) {
        this.user = user;
        this.settings = settings;
        this.problem = problem;
        this.reviewStage = reviewStage;
        this.auditStage = auditStage;
    }

    /** The rules for {@code user} in {@code project}; malformed quality settings allow nothing and say why. */
    public static ReviewRules of(Project project, String user) {
        boolean review = project.workflow().reviewStages().contains(QualitySettings.REVIEW_STAGE);
        boolean audit = project.workflow().reviewStages().contains(QualitySettings.AUDIT_STAGE);
        try {
            return new ReviewRules(user, QualitySettings.read(project), null, review, audit);
        } catch (IllegalArgumentException e) {
            return new ReviewRules(user, null, e.getMessage(), review, audit);
        }
    }

    /** Why nothing is allowed (the quality settings cannot be read), if that is so. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Whether the project has a review stage (else submitting accepts). */
    public boolean hasReviewStage() {
        return reviewStage;
    }

    /** Whether the project has an audit stage. */
    public boolean hasAuditStage() {
        return auditStage;
    }

    /** Whether the user may hand in {@code set}: their own, in progress or rejected. */
    public boolean maySubmit(AnnotationSet set) {
        return settings != null && set.annotator().equals(user) && settings.mayAnnotate(user)
                && (set.state() == AnnotationState.IN_PROGRESS || set.state() == AnnotationState.REJECTED);
    }

    /** Whether the user may accept or reject {@code set} of {@code item}. */
    public boolean mayReview(Item item, AnnotationSet set) {
        return settings != null && reviewStage && !set.annotator().equals(user) && settings.mayReview(user)
                && (set.state() == AnnotationState.SUBMITTED || set.state() == AnnotationState.IN_REVIEW)
                && BlindRule.mayView(settings, item, set, user);
    }

    /** Whether the user may pass or fail the audit of {@code set} of {@code item}. */
    public boolean mayAudit(Item item, AnnotationSet set) {
        return settings != null && auditStage && !set.annotator().equals(user) && settings.mayAudit(user)
                && set.state() == AnnotationState.ACCEPTED && BlindRule.mayView(settings, item, set, user);
    }

    /** Whether the user may comment on {@code set} of {@code item}: its annotator, or a reviewer or auditor who may see it. */
    public boolean mayComment(Item item, AnnotationSet set) {
        if (settings == null) {
            return false;
        }
        return set.annotator().equals(user)
                || (settings.mayReview(user) || settings.mayAudit(user)) && BlindRule.mayView(settings, item, set, user);
    }
}
