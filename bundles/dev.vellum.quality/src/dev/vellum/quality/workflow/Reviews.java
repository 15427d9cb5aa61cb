package dev.vellum.quality.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.edit.ChangeState;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Project;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.quality.workflow.ReviewEvent.Kind;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Review decisions on annotation sets, made by the session's user: submit, accept, reject, comment,
 * audit. The GUI and the CLI share it.
 *
 * <p>Transitions: an annotator submits their own set (in progress or rejected); with a {@code review}
 * stage it becomes submitted and a reviewer other than its author accepts or rejects it (with a
 * reason and comments pinned to annotations), without one submitting accepts it; with an
 * {@code audit} stage an auditor other than its author passes (audited) or fails (rejected, with a
 * reason) accepted work. Who may review or audit is {@link QualitySettings}. Anything else is refused
 * with an {@link IllegalStateException} saying why, and nothing changes.
 *
 * <p>Each state change is core's {@link ChangeState} executed in the session (so undo, change events
 * and the {@code set.state} audit event see it) and the session is then saved, with whatever else it
 * had unsaved, as guideline re-queueing does: a decision is not left pending. Then the step is added
 * to the item's review history, the project document {@code reviews/<item id>} (JSON, written
 * atomically), and recorded in the audit trail as {@code review.<step>} with the item, the set, the
 * reason or comment and the pinned comments. Undoing the state change later leaves the history as it
 * was: it records what was decided, and the trail shows the undo.
 */
public final class Reviews {
    /** The document folder of review histories. */
    public static final String FOLDER = "reviews";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProjectSession session;

    /** Reviews made by {@code session}'s user. */
    public Reviews(ProjectSession session) {
        this.session = Objects.requireNonNull(session);
    }

    /**
     * The annotator hands their set in: submitted, or accepted when the project has no review stage.
     * Comments that were open on it stay in the history and are no longer open.
     *
     * @throws IllegalStateException when the user is not the set's annotator or the set is not in progress or rejected
     */
    public ReviewEvent submit(String itemId, String annotator) throws StoreException {
        Item item = load(itemId);
        AnnotationSet set = set(item, annotator);
        require(Step.SUBMIT, item, set);
        AnnotationState to = session.project().workflow().reviewStages().contains(QualitySettings.REVIEW_STAGE)
                ? AnnotationState.SUBMITTED : AnnotationState.ACCEPTED;
        return record(item, set, Kind.SUBMITTED, to, "", List.of(), "");
    }

    /**
     * A reviewer accepts a submitted set, optionally with a comment on the whole set.
     *
     * @throws IllegalStateException when the project has no review stage, the user may not review
     *                               it (not a reviewer, or its author) or it is not submitted
     */
    public ReviewEvent accept(String itemId, String annotator, String comment) throws StoreException {
        Item item = load(itemId);
        AnnotationSet set = set(item, annotator);
        require(Step.ACCEPT, item, set);
        String text = comment == null ? "" : comment.strip();
        List<Comment> comments = text.isEmpty() ? List.of() : List.of(Comment.pinned("", text));
        return record(item, set, Kind.ACCEPTED, AnnotationState.ACCEPTED, text, comments, "");
    }

    /**
     * A reviewer sends a submitted set back to its author with a reason and comments pinned to its
     * annotations (or to the set, with an empty annotation id); its author's queue offers it first.
     *
     * @throws IllegalStateException    when the project has no review stage, the user may not review
     *                                  it, it is not submitted, or there is no reason
     * @throws IllegalArgumentException when a comment names an annotation the set does not have
     */
    public ReviewEvent reject(String itemId, String annotator, String reason, List<Comment> pinned) throws StoreException {
        Item item = load(itemId);
        AnnotationSet set = set(item, annotator);
        require(Step.REJECT, item, set);
        String why = requireText(reason, "rejecting the set of " + annotator + " on " + itemId + " needs a reason");
        List<Comment> comments = new ArrayList<>();
        for (Comment c : pinned == null ? List.<Comment>of() : pinned) {
            requireAnnotation(set, itemId, c.annotationId());
            if (!c.text().isEmpty()) {
                comments.add(c);
            }
        }
        return record(item, set, Kind.REJECTED, AnnotationState.REJECTED, why, comments, "");
    }

    /**
     * A comment on a set or one of its annotations, without changing its state: by its annotator, or
     * by someone allowed to see it (see {@link BlindRule}) who may review or audit.
     *
     * @param annotationId the annotation it is about, or empty (or null) for the whole set
     * @throws IllegalStateException    when the user may not comment on that set, or the text is empty
     * @throws IllegalArgumentException when the set has no such annotation
     */
    public ReviewEvent comment(String itemId, String annotator, String annotationId, String text) throws StoreException {
        Item item = load(itemId);
        AnnotationSet set = set(item, annotator);
        require(Step.COMMENT, item, set);
        String ann = annotationId == null ? "" : annotationId.strip();
        requireAnnotation(set, itemId, ann);
        String body = requireText(text, "a comment needs some text");
        return record(item, set, Kind.COMMENTED, set.state(), body, List.of(Comment.pinned(ann, body)), ann);
    }

    /**
     * An auditor checks an accepted set: a pass makes it audited, a failure sends it back to its
     * author (rejected) and needs a reason.
     *
     * @throws IllegalStateException when the project has no audit stage, the user may not audit it
     *                               (not an auditor, or its author), it is not accepted, or a failure has no reason
     */
    public ReviewEvent audit(String itemId, String annotator, boolean pass, String reason) throws StoreException {
        Item item = load(itemId);
        AnnotationSet set = set(item, annotator);
        require(Step.AUDIT, item, set);
        String why = reason == null ? "" : reason.strip();
        if (!pass) {
            why = requireText(reason, "failing the audit of the set of " + annotator + " on " + itemId + " needs a reason");
        }
        return record(item, set, Kind.AUDITED, pass ? AnnotationState.AUDITED : AnnotationState.REJECTED, why, List.of(), "");
    }

    /**
     * Every review step on the item's sets, oldest first.
     *
     * @throws StoreException naming the document when it cannot be read
     */
    public List<ReviewEvent> history(String itemId) throws StoreException {
        String path = FOLDER + "/" + itemId;
        Optional<String> text = session.stored().documents().read(path);
        if (text.isEmpty()) {
            return List.of();
        }
        try {
            Map<String, Object> doc = JSON.readValue(text.get(), new TypeReference<Map<String, Object>>() { });
            if (!(doc.get("events") instanceof List<?> events)) {
                throw new IllegalArgumentException("no 'events' list");
            }
            List<ReviewEvent> out = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (!(events.get(i) instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("event " + (i + 1) + " is not an object");
                }
                try {
                    out.add(ReviewEvent.fromJson(itemId, m));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("event " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new StoreException(path, "the review history cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The open comments on the set of {@code annotator}: those made since it was last submitted
     * (reasons of rejection are in {@link #history}), oldest first.
     *
     * @throws StoreException naming the document when it cannot be read
     */
    public List<Comment> comments(String itemId, String annotator) throws StoreException {
        List<Comment> open = new ArrayList<>();
        for (ReviewEvent e : history(itemId)) {
            if (!e.annotator().equals(annotator)) {
                continue;
            }
            if (e.kind() == Kind.SUBMITTED) {
                open.clear();
            } else {
                open.addAll(e.comments());
            }
        }
        return open;
    }

    // ---- internals

    private ReviewEvent record(Item item, AnnotationSet set, Kind kind, AnnotationState to, String text, List<Comment> comments,
            String annotationId) throws StoreException {
        String user = session.user();
        AnnotationState from = set.state();
        int guidelineVersion = set.guidelineVersion();
        // read before changing anything: a damaged history stops the step instead of leaving it unrecorded
        List<ReviewEvent> all = new ArrayList<>(history(item.id()));
        if (to != from) {
            session.execute(new ChangeState(item.id(), set.annotator(), to));
            session.save();
        }
        Instant now = Instant.now();
        List<Comment> stamped = comments.stream().map(c -> c.recordedBy(user, now)).toList();
        ReviewEvent event = new ReviewEvent(kind, item.id(), set.annotator(), user, now, from, to, text, stamped);
        all.add(event);
        write(item.id(), all);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("state", from.id());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("state", to.id());
        after.put("text", text);
        after.put("comments", stamped.stream().map(Comment::toJson).toList());
        String detail = kind.id() + " the set of " + set.annotator() + (text.isEmpty() ? "" : ": " + text);
        session.stored().audit().append(List.of(AuditEvent.of(kind.auditKind(), user, guidelineVersion, detail)
                .about(item.id(), set.annotator(), annotationId).change(before, after)));
        return event;
    }

    private void write(String itemId, List<ReviewEvent> events) throws StoreException {
        String path = FOLDER + "/" + itemId;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("item", itemId);
        doc.put("events", events.stream().map(ReviewEvent::toJson).toList());
        try {
            session.stored().documents().write(path, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } catch (IOException e) {
            throw new StoreException(path, "the review history cannot be written: " + e.getMessage(), e);
        }
    }

    private Item load(String itemId) throws StoreException {
        if (session.project().item(itemId).isEmpty()) {
            throw new IllegalArgumentException("there is no item '" + itemId + "' in " + session.stored().location());
        }
        return session.load(itemId);
    }

    private static AnnotationSet set(Item item, String annotator) {
        return item.set(annotator).orElseThrow(() -> new IllegalStateException("item " + item.id() + " has no set of " + annotator));
    }

    private void require(Step step, Item item, AnnotationSet set) {
        Optional<String> refusal = refusal(session.project(), session.user(), step, item, set);
        if (refusal.isPresent()) {
            throw new IllegalStateException(refusal.get());
        }
    }

    /** A review step, to ask whether a user may take it ({@link #refusal}). */
    public enum Step {
        /** The annotator hands their set in. */
        SUBMIT,
        /** A reviewer accepts a submitted set. */
        ACCEPT,
        /** A reviewer sends a submitted set back. */
        REJECT,
        /** A comment on a set or one of its annotations. */
        COMMENT,
        /** An auditor passes or fails an accepted set. */
        AUDIT
    }

    /**
     * Why {@code user} may not take {@code step} on {@code set} of {@code item} now, or empty when they
     * may. The one place the workflow's permissions are decided: every step here checks it before
     * changing anything, and views enable their actions by it. It weighs the project's stages, the
     * user's roles ({@link QualitySettings}), the set's state, that nobody reviews or audits their own
     * set, and that nobody decides on or comments on work the blind rule ({@link BlindRule}) hides
     * from them; the inputs a step also needs (a reason, an annotation that exists) the step checks.
     */
    public static Optional<String> refusal(Project project, String user, Step step, Item item, AnnotationSet set) {
        QualitySettings settings;
        try {
            settings = QualitySettings.read(project);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        String annotator = set.annotator();
        String itemId = item.id();
        List<String> stages = project.workflow().reviewStages();
        String stageList = stages.isEmpty() ? "none" : String.join(", ", stages);
        boolean own = user.equals(annotator);
        switch (step) {
            case SUBMIT -> {
                if (!own) {
                    return Optional.of(user + " cannot submit the set of " + annotator + " on " + itemId + ": only its annotator submits it");
                }
                if (!settings.mayAnnotate(user)) {
                    return Optional.of(user + " is not among the project's annotators (" + String.join(", ", settings.annotators()) + ")");
                }
                return stateRefusal(set, itemId, "submitted", AnnotationState.IN_PROGRESS, AnnotationState.REJECTED);
            }
            case ACCEPT, REJECT -> {
                String verb = step == Step.ACCEPT ? "accept" : "reject";
                if (!stages.contains(QualitySettings.REVIEW_STAGE)) {
                    return Optional.of("the project has no review stage (its review stages: " + stageList
                            + "), so submitting accepts a set: there is nothing to " + verb);
                }
                if (own) {
                    return Optional.of(user + " cannot " + verb + " their own set on " + itemId + ": another reviewer must");
                }
                if (!settings.mayReview(user)) {
                    return Optional.of(user + " is not among the project's reviewers (" + String.join(", ", settings.reviewers()) + ")");
                }
                return stateRefusal(set, itemId, verb + "ed", AnnotationState.SUBMITTED, AnnotationState.IN_REVIEW)
                        .or(() -> hidden(settings, item, set, user));
            }
            case COMMENT -> {
                if (own || (settings.mayReview(user) || settings.mayAudit(user)) && BlindRule.mayView(settings, item, set, user)) {
                    return Optional.empty();
                }
                return Optional.of(user + " may not comment on the set of " + annotator + " on " + itemId
                        + ": only its annotator, and reviewers and auditors who may see it, comment");
            }
            case AUDIT -> {
                if (!stages.contains(QualitySettings.AUDIT_STAGE)) {
                    return Optional.of("the project has no audit stage (its review stages: " + stageList + ")");
                }
                if (own) {
                    return Optional.of(user + " cannot audit their own set on " + itemId);
                }
                if (!settings.mayAudit(user)) {
                    return Optional.of(user + " is not among the project's auditors (" + String.join(", ", settings.auditors()) + ")");
                }
                return stateRefusal(set, itemId, "audited", AnnotationState.ACCEPTED).or(() -> hidden(settings, item, set, user));
            }
            default -> throw new IllegalArgumentException("unknown review step " + step);
        }
    }

    private static Optional<String> hidden(QualitySettings settings, Item item, AnnotationSet set, String user) {
        return BlindRule.mayView(settings, item, set, user) ? Optional.empty()
                : Optional.of(user + " may not see the set of " + set.annotator() + " on " + item.id()
                        + " yet (blind annotation: their own set there is not handed in), so cannot decide on it");
    }

    private static Optional<String> stateRefusal(AnnotationSet set, String itemId, String becoming, AnnotationState... allowed) {
        for (AnnotationState s : allowed) {
            if (set.state() == s) {
                return Optional.empty();
            }
        }
        List<String> names = new ArrayList<>();
        for (AnnotationState s : allowed) {
            names.add(s.id());
        }
        return Optional.of("the set of " + set.annotator() + " on " + itemId + " is " + set.state().id()
                + ": only a set that is " + String.join(" or ", names) + " can be " + becoming);
    }

    private static void requireAnnotation(AnnotationSet set, String itemId, String annotationId) {
        if (!annotationId.isEmpty() && set.annotation(annotationId).isEmpty()) {
            throw new IllegalArgumentException("the set of " + set.annotator() + " on " + itemId + " has no annotation '" + annotationId + "'");
        }
    }

    private static String requireText(String text, String message) {
        if (text == null || text.isBlank()) {
            throw new IllegalStateException(message);
        }
        return text.strip();
    }
}
