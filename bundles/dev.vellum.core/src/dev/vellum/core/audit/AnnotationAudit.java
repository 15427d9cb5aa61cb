package dev.vellum.core.audit;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells what changed in an item between two saved states, as audit events: each annotation created,
 * changed or deleted (with before and after) and each review-state change, under the guideline
 * version of the set concerned.
 */
public final class AnnotationAudit {
    private AnnotationAudit() {
    }

    /**
     * The events that turn {@code before} into {@code after}.
     *
     * @param before the item as last saved, or {@code null} for a new item (one {@link AuditEvent#ITEM_ADDED}
     *               event then stands for all it holds, so an import does not log each annotation)
     * @param after  the item about to be saved
     * @param user   who made the changes
     * @param time   when they are saved
     */
    public static List<AuditEvent> changes(Item before, Item after, String user, Instant time) {
        List<AuditEvent> events = new ArrayList<>();
        if (before == null) {
            Map<String, Object> sets = new LinkedHashMap<>();
            int version = 0;
            for (AnnotationSet s : after.sets()) {
                sets.put(s.annotator(), s.annotations().size());
                version = Math.max(version, s.guidelineVersion());
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("modality", after.modalityId());
            summary.put("dataset", after.dataset());
            summary.put("annotations", sets);
            events.add(event(AuditEvent.ITEM_ADDED, user, version, time, after.id(), "", "", null, summary, ""));
            return events;
        }
        for (AnnotationSet s : after.sets()) {
            AnnotationSet old = before.set(s.annotator()).orElse(null);
            if (old != null && old.state() != s.state()) {
                events.add(event(AuditEvent.STATE_CHANGED, user, s.guidelineVersion(), time, after.id(), s.annotator(), "",
                        Map.of("state", old.state().name()), Map.of("state", s.state().name()), ""));
            }
            Map<String, Annotation> was = byId(old);
            for (Annotation a : s.annotations()) {
                Annotation prior = was.remove(a.id());
                if (prior == null) {
                    events.add(event(AuditEvent.ANNOTATION_CREATED, user, s.guidelineVersion(), time, after.id(), s.annotator(), a.id(),
                            null, tree(a), a.label()));
                } else if (!prior.equals(a)) {
                    events.add(event(AuditEvent.ANNOTATION_CHANGED, user, s.guidelineVersion(), time, after.id(), s.annotator(), a.id(),
                            tree(prior), tree(a), a.label()));
                }
            }
            for (Annotation gone : was.values()) {
                events.add(event(AuditEvent.ANNOTATION_DELETED, user, s.guidelineVersion(), time, after.id(), s.annotator(), gone.id(),
                        tree(gone), null, gone.label()));
            }
        }
        for (AnnotationSet old : before.sets()) {
            if (after.set(old.annotator()).isEmpty()) {
                for (Annotation gone : old.annotations()) {
                    events.add(event(AuditEvent.ANNOTATION_DELETED, user, old.guidelineVersion(), time, after.id(), old.annotator(),
                            gone.id(), tree(gone), null, gone.label()));
                }
            }
        }
        return events;
    }

    /** An annotation as recorded in audit events. */
    public static Map<String, Object> tree(Annotation a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("type", a.typeId());
        m.put("label", a.label());
        m.put("attributes", a.attributes());
        m.put("payloadVersion", a.payloadVersion());
        m.put("payload", a.payload());
        m.put("provenance", a.provenance().name());
        m.put("author", a.author());
        m.put("modified", a.modified().toString());
        return m;
    }

    /** Whether the annotations of two sets differ (ignoring state and times). */
    public static boolean contentChanged(AnnotationSet before, AnnotationSet after) {
        return before == null ? !after.annotations().isEmpty() : !before.annotations().equals(after.annotations());
    }

    private static Map<String, Annotation> byId(AnnotationSet set) {
        Map<String, Annotation> m = new LinkedHashMap<>();
        if (set != null) {
            for (Annotation a : set.annotations()) {
                m.put(a.id(), a);
            }
        }
        return m;
    }

    private static AuditEvent event(String kind, String user, int version, Instant time, String item, String annotator,
            String annotation, Map<String, Object> before, Map<String, Object> after, String detail) {
        return new AuditEvent(0, time, user, version, kind, item, annotator, annotation, before, after, detail, "");
    }
}
