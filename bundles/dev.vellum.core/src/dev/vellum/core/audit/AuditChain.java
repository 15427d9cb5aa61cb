package dev.vellum.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hash chain every store's audit log follows, so that any store's log can be checked the same
 * way. One event is one line of JSON that begins with its number and the previous event's hash and
 * ends with its own hash:
 *
 * <pre>{"seq":7,"prev":"&lt;hash of event 6&gt;", ...the event's fields..., "hash":"&lt;SHA-256 hex&gt;"}</pre>
 *
 * The hash is taken over the line's bytes (UTF-8) from the opening brace up to the comma before
 * {@code "hash"}, with a closing brace in its place; so changing any byte of an event, removing an
 * event or swapping two breaks the chain at that point. Whoever can rewrite the whole file can
 * forge a new chain: keep a copy of {@link AuditVerification#headHash()} elsewhere to detect that.
 */
public final class AuditChain {
    /** The {@code prev} of the first event. */
    public static final String GENESIS = "0".repeat(64);
    private static final Pattern LINE = Pattern
            .compile("\\{\"seq\":([1-9][0-9]{0,18}),\"prev\":\"([0-9a-f]{64})\",(.*),\"hash\":\"([0-9a-f]{64})\"\\}", Pattern.DOTALL);

    private AuditChain() {
    }

    /**
     * The line recording an event.
     *
     * @param seq     the event's position, from 1
     * @param prev    the previous event's hash, or {@link #GENESIS}
     * @param members the event's other fields as JSON object members, without braces, on one line
     */
    public static String seal(long seq, String prev, String members) {
        if (seq < 1) {
            throw new IllegalArgumentException("events are numbered from 1");
        }
        if (members.isEmpty() || members.indexOf('\n') >= 0 || members.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an event's fields must be non-empty and on one line");
        }
        String body = "{\"seq\":" + seq + ",\"prev\":\"" + prev + "\"," + members;
        return body + ",\"hash\":\"" + sha256(body + "}") + "\"}";
    }

    /** The hash a sealed line records. */
    public static String hashOf(String line) {
        return parse(line).group(4);
    }

    /** The event's own fields in a sealed line (JSON object members without braces). */
    public static String membersOf(String line) {
        return parse(line).group(3);
    }

    /**
     * Checks a log's lines in order.
     *
     * @param lines    the log's lines, without line ends
     * @param headSeq  the number of the last event the store recorded separately, or 0 if it keeps none;
     *                 the log may be longer (an append interrupted before the head was recorded), not shorter
     * @param headHash that event's hash
     */
    public static AuditVerification verify(Iterator<String> lines, long headSeq, String headHash) {
        String prev = GENESIS;
        long n = 0;
        while (lines.hasNext()) {
            String line = lines.next();
            n++;
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                return AuditVerification.bad(n - 1, n, "line " + n + " is not a sealed audit event (it was edited or damaged)", prev);
            }
            long seq = Long.parseLong(m.group(1));
            if (seq != n) {
                return AuditVerification.bad(n - 1, n, "line " + n + " holds event #" + seq
                        + " (events were removed, inserted or reordered before it)", prev);
            }
            if (!m.group(2).equals(prev)) {
                return AuditVerification.bad(n - 1, n, "event #" + n + " does not follow event #" + (n - 1)
                        + " (the event before it was changed and re-hashed, or events were removed, inserted or reordered)", prev);
            }
            String body = line.substring(0, m.start(4) - ",\"hash\":\"".length()) + "}";
            if (!sha256(body).equals(m.group(4))) {
                return AuditVerification.bad(n - 1, n, "event #" + n + " was changed after it was recorded (its hash does not match)", prev);
            }
            if (n == headSeq && !m.group(4).equals(headHash)) {
                return AuditVerification.bad(n - 1, n, "event #" + n + " is not the event the store recorded as the log's head"
                        + " (the log was rewritten from here on)", prev);
            }
            prev = m.group(4);
        }
        if (headSeq > n) {
            return AuditVerification.bad(n, n + 1, "events #" + (n + 1) + " to #" + headSeq + " were removed from the end of the log", prev);
        }
        return AuditVerification.ok(n, prev);
    }

    /** SHA-256 of a string's UTF-8 bytes, lower-case hex. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Matcher parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a sealed audit event: " + (line.length() > 80 ? line.substring(0, 80) + "…" : line));
        }
        return m;
    }
}
