package dev.vellum.core.audit;

import dev.vellum.core.spi.StoreException;
import java.util.List;

/**
 * A project's append-only, hash-chained record of changes. Stores keep it; nothing ever rewrites or
 * removes an event, and {@link #verify()} finds any event that was changed, removed or reordered.
 */
public interface AuditLog {
    /** A log that records nothing, for stores that keep no trail (tests, scratch projects). */
    AuditLog NONE = new AuditLog() {
        @Override
        public List<AuditEvent> append(List<AuditEvent> events) {
            return events;
        }

        @Override
        public List<AuditEvent> events(String itemId) {
            return List.of();
        }

        @Override
        public AuditVerification verify() {
            return AuditVerification.ok(0, AuditChain.GENESIS);
        }
    };

    /**
     * Appends events in order, each chained to the one before; durable when this returns.
     *
     * @return the events as recorded (with their position and hash)
     * @throws StoreException naming the log file; no event is recorded then
     */
    List<AuditEvent> append(List<AuditEvent> events) throws StoreException;

    /**
     * The events in log order; only those about {@code itemId} unless it is {@code null}.
     *
     * @throws StoreException naming the log file and the line that cannot be read
     */
    List<AuditEvent> events(String itemId) throws StoreException;

    /**
     * Checks the whole chain: every event's hash, its link to the previous one, the numbering, and
     * that no event was cut from the end.
     *
     * @throws StoreException when the log cannot be read at all
     */
    AuditVerification verify() throws StoreException;
}
