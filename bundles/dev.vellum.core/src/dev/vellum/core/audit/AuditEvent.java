package dev.vellum.core.audit;

import dev.vellum.core.model.JsonTrees;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded change: who did what, when, under which guideline version, and what the changed
 * thing was before and after. Events are appended to the project's {@link AuditLog}, which numbers
 * them and chains each to the previous one by hash.
 *
 * @param seq              position in the log, from 1; 0 until appended
 * @param time             when it happened
 * @param user             who did it
 * @param guidelineVersion the guideline version in force for the work (0: none published yet)
 * @param kind             what happened, one of the constants here or a plugin's own {@code <plugin>.<what>}
 * @param itemId           the item concerned, or empty
 * @param annotator        whose annotation set, or empty
 * @param annotationId     the annotation concerned, or empty
 * @param before           the thing before the change (JSON-shaped), or {@code null}
 * @param after            the thing after the change (JSON-shaped), or {@code null}
 * @param detail           a short human-readable note
 * @param hash             the event's hash as recorded, hex; empty until appended
 */
public record AuditEvent(long seq, Instant time, String user, int guidelineVersion, String kind, String itemId,
        String annotator, String annotationId, Map<String, Object> before, Map<String, Object> after, String detail,
        String hash) {

    /** An annotation was added to a set; {@code after} is the annotation. */
    public static final String ANNOTATION_CREATED = "annotation.created";
    /** An annotation changed (label, attributes, geometry...); {@code before} and {@code after}. */
    public static final String ANNOTATION_CHANGED = "annotation.changed";
    /** An annotation was removed; {@code before} is what it was. */
    public static final String ANNOTATION_DELETED = "annotation.deleted";
    /** An annotation set moved to another review state; {@code before}/{@code after} hold {@code state}. */
    public static final String STATE_CHANGED = "set.state";
    /** An item was added to the project (import, creation). */
    public static final String ITEM_ADDED = "item.added";
    /** Items were imported from another tool's files; one event per import, its detail says what and how many. */
    public static final String ITEMS_IMPORTED = "items.imported";
    /** An item was deleted. */
    public static final String ITEM_DELETED = "item.deleted";
    /** The guideline draft was published as a new version. */
    public static final String GUIDELINES_PUBLISHED = "guidelines.published";
    /** The guideline draft's text was replaced. */
    public static final String GUIDELINES_DRAFT_EDITED = "guidelines.draft";
    /** A user acknowledged a guideline version (and the FAQ decisions up to then). */
    public static final String GUIDELINES_ACKNOWLEDGED = "guidelines.acknowledged";
    /** Annotation sets were sent back to their annotators because the guidelines changed. */
    public static final String SETS_REQUEUED = "guidelines.requeued";
    /** A question was raised in the FAQ. */
    public static final String FAQ_RAISED = "faq.raised";
    /** An FAQ entry was decided, promoted, marked duplicate or withdrawn; {@code after} holds the entry. */
    public static final String FAQ_DECIDED = "faq.decided";
    /** An FAQ entry was promoted into the guideline draft. */
    public static final String FAQ_PROMOTED = "faq.promoted";
    /** An FAQ entry was closed without a decision (duplicate, withdrawn). */
    public static final String FAQ_CLOSED = "faq.closed";

    public AuditEvent {
        Objects.requireNonNull(time, "time");
        user = user == null ? "" : user;
        Objects.requireNonNull(kind, "kind");
        itemId = itemId == null ? "" : itemId;
        annotator = annotator == null ? "" : annotator;
        annotationId = annotationId == null ? "" : annotationId;
        before = before == null ? null : JsonTrees.copy(before);
        after = after == null ? null : JsonTrees.copy(after);
        detail = detail == null ? "" : detail;
        hash = hash == null ? "" : hash;
    }

    /** A new event, not yet appended, about the project rather than an item. */
    public static AuditEvent of(String kind, String user, int guidelineVersion, String detail) {
        return new AuditEvent(0, Instant.now(), user, guidelineVersion, kind, "", "", "", null, null, detail, "");
    }

    /** This event concerning an item (and optionally an annotator's set and an annotation). */
    public AuditEvent about(String item, String setAnnotator, String annotation) {
        return new AuditEvent(seq, time, user, guidelineVersion, kind, item, setAnnotator, annotation, before, after, detail, hash);
    }

    /** This event with the states before and after. */
    public AuditEvent change(Map<String, Object> was, Map<String, Object> is) {
        return new AuditEvent(seq, time, user, guidelineVersion, kind, itemId, annotator, annotationId, was, is, detail, hash);
    }

    /** This event as recorded at {@code position} with {@code recordedHash}. */
    public AuditEvent recorded(long position, String recordedHash) {
        return new AuditEvent(position, time, user, guidelineVersion, kind, itemId, annotator, annotationId, before, after, detail,
                recordedHash);
    }
}
