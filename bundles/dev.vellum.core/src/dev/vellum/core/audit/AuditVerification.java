package dev.vellum.core.audit;

/**
 * The outcome of checking an audit log.
 *
 * @param intact     whether every event is as it was appended, in order, none missing
 * @param events     how many events were checked
 * @param firstBad   the line number (from 1) of the first bad event, or 0 when intact
 * @param problem    what is wrong with it, or empty
 * @param headHash   the hash of the last good event (to compare with a copy kept elsewhere)
 */
public record AuditVerification(boolean intact, long events, long firstBad, String problem, String headHash) {
    /** An intact log of {@code events} events ending in {@code headHash}. */
    public static AuditVerification ok(long events, String headHash) {
        return new AuditVerification(true, events, 0, "", headHash);
    }

    /** A log whose line {@code line} is the first bad one. */
    public static AuditVerification bad(long events, long line, String problem, String headHash) {
        return new AuditVerification(false, events, line, problem, headHash);
    }
}
