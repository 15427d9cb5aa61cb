package dev.vellum.store.folder.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.vellum.core.audit.AuditChain;
import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.audit.AuditLog;
import dev.vellum.core.audit.AuditVerification;
import dev.vellum.core.spi.StoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The audit trail of a project folder: {@code audit/events.jsonl}, one sealed event per line (see
 * {@link AuditChain}), appended and flushed to the disk; and {@code audit/head.json}, the number and
 * hash of the last event, replaced atomically after each append so that events cut from the end are
 * detected. An append interrupted by a crash can leave a partial last line; the next append cuts it
 * off (it was never reported as recorded), and until then {@link #verify()} reports it.
 */
public final class FolderAuditLog implements AuditLog {
    /** The folder of the audit trail, inside the project folder. */
    public static final String FOLDER = "audit";
    private static final String EVENTS = "events.jsonl";
    private static final String HEAD = "head.json";

    private static final System.Logger LOG = System.getLogger(FolderAuditLog.class.getName());

    private final Path eventsFile;
    private final Path headFile;
    private final AuditIndex index = new AuditIndex();
    private final Object appendLock = new Object();

    public FolderAuditLog(Path projectDir) {
        Path dir = projectDir.resolve(FOLDER);
        this.eventsFile = dir.resolve(EVENTS);
        this.headFile = dir.resolve(HEAD);
    }

    @Override
    public List<AuditEvent> append(List<AuditEvent> events) throws StoreException {
        if (events.isEmpty()) {
            return List.of();
        }
        // Appends wait for each other (and, through the file lock, for other processes), not for a
        // reader building the item index: a save is never held up by the History view.
        synchronized (appendLock) {
            return appendLocked(events);
        }
    }

    private List<AuditEvent> appendLocked(List<AuditEvent> events) throws StoreException {
        List<AuditEvent> recorded = new ArrayList<>(events.size());
        try {
            Files.createDirectories(eventsFile.getParent());
            try (FileChannel ch = FileChannel.open(eventsFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                // Under the lock and read afresh each time: another process (the workbench and a
                // CLI run) may have appended since.
                Tail tail = findTail(ch);
                long seq = tail.seq();
                String prev = tail.hash();
                StringBuilder text = new StringBuilder();
                for (AuditEvent e : events) {
                    seq++;
                    String line = AuditChain.seal(seq, prev, members(e));
                    prev = AuditChain.hashOf(line);
                    text.append(line).append('\n');
                    recorded.add(e.recorded(seq, prev));
                }
                if (tail.seq() == 0 && !Files.exists(headFile)) {
                    // The head exists before the first event does: if it cannot be updated after an
                    // append, a log longer than its head still verifies and takes further appends.
                    writeHead(0, AuditChain.GENESIS);
                }
                ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                long start = ch.size();
                try {
                    long at = start;
                    while (buf.hasRemaining()) {
                        at += ch.write(buf, at);
                    }
                    ch.force(true);
                } catch (IOException e) {
                    // All or nothing: a caller that retries must not find half of these events there.
                    try {
                        ch.truncate(start);
                        ch.force(true);
                    } catch (IOException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    throw e;
                }
                try {
                    writeHead(seq, prev);
                } catch (IOException e) {
                    // The events are on the disk: reporting "not recorded" would make a caller record
                    // them twice. A log longer than its head verifies; the next append writes the head.
                    LOG.log(System.Logger.Level.WARNING, "recorded " + events.size() + " events in " + eventsFile + ", but " + headFile
                            + " could not be updated: " + e);
                }
            }
        } catch (IOException e) {
            throw new StoreException(eventsFile.toString(), "cannot be appended to: " + JsonValues.oneLine(e.getMessage()), e);
        }
        return recorded;
    }

    @Override
    public List<AuditEvent> events(String itemId) throws StoreException {
        if (itemId != null) {
            synchronized (index) {
                return itemEvents(itemId, true);
            }
        }
        List<AuditEvent> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(eventsFile), lenientUtf8()))) {
            long n = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.add(parse(line, ++n));
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StoreException(eventsFile.toString(), JsonValues.describe(e), e);
        }
        return out;
    }

    /**
     * One item's events through the offset index: the first query scans the log once (about 1 s
     * per million events), later ones read only the new lines and then the item's own.
     */
    private List<AuditEvent> itemEvents(String itemId, boolean mayRebuild) throws StoreException {
        List<AuditEvent> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(eventsFile, StandardOpenOption.READ)) {
            index.catchUp(ch);
            for (long at : index.offsets(itemId)) {
                String line = index.lineAt(ch, at);
                AuditEvent e = parseOrNull(line);
                if (e == null || !e.itemId().equals(itemId)) {
                    // The file was rewritten behind the index's back (same size or longer): start over.
                    if (mayRebuild) {
                        index.clear();
                        return itemEvents(itemId, false);
                    }
                    throw new StoreException(eventsFile.toString(), "changed while it was being read; try again");
                }
                out.add(e);
            }
        } catch (NoSuchFileException e) {
            index.clear();
            return List.of();
        } catch (IOException e) {
            throw new StoreException(eventsFile.toString(), JsonValues.describe(e), e);
        }
        return out;
    }

    @Override
    public AuditVerification verify() throws StoreException {
        Head head;
        try {
            head = readHead();
        } catch (IOException e) {
            return AuditVerification.bad(0, 0, e.getMessage(), AuditChain.GENESIS);
        }
        boolean hasEvents;
        try {
            hasEvents = Files.exists(eventsFile) && Files.size(eventsFile) > 0;
        } catch (IOException e) {
            throw new StoreException(eventsFile.toString(), "cannot be read: " + JsonValues.oneLine(e.getMessage()), e);
        }
        if (!hasEvents) {
            return head != null && head.seq() > 0 ? AuditVerification.bad(0, 1, eventsFile + " is missing or empty but " + headFile
                    + " records " + head.seq() + " events", AuditChain.GENESIS) : AuditVerification.ok(0, AuditChain.GENESIS);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(eventsFile), lenientUtf8()))) {
            Iterator<String> lines = r.lines().iterator();
            AuditVerification v = AuditChain.verify(lines, head == null ? 0 : head.seq(), head == null ? "" : head.hash());
            if (v.intact() && head == null) {
                return AuditVerification.bad(v.events(), v.events() + 1, headFile + " is missing: events cut from the end of the log"
                        + " cannot be detected without it", v.headHash());
            }
            return v;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new StoreException(eventsFile.toString(), "cannot be read: " + JsonValues.oneLine(e.getMessage()), e);
        }
    }

    /** The log file, for messages. */
    public Path file() {
        return eventsFile;
    }

    /** The last event in the log: its number and hash (0 and {@link AuditChain#GENESIS} when empty). */
    private record Tail(long seq, String hash) {
    }

    /**
     * Reads the last line to learn the last event's number and hash. A partial line an interrupted
     * append left is cut off (a complete event whose line end is missing gets it back). Refuses to
     * chain onto a log that no longer ends where {@code head.json} says it did.
     */
    private Tail findTail(FileChannel ch) throws IOException {
        long size = ch.size();
        long lastNl = lastNewlineBefore(ch, size);
        if (lastNl + 1 < size) {
            String rest = read(ch, lastNl + 1, size);
            if (isSealed(rest)) {
                ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
            } else {
                ch.truncate(lastNl + 1);
            }
            ch.force(true);
        }
        long end = ch.size();
        Tail tail;
        if (end == 0) {
            tail = new Tail(0, AuditChain.GENESIS);
        } else {
            String line = read(ch, lastNewlineBefore(ch, end - 1) + 1, end - 1);
            try {
                tail = new Tail(Long.parseLong(line.substring("{\"seq\":".length(), line.indexOf(','))), AuditChain.hashOf(line));
            } catch (RuntimeException e) {
                throw new IOException("its last event is damaged, so nothing can be chained to it (run 'vellum cli audit verify')");
            }
        }
        Head head = readHead();
        if (head == null) {
            if (tail.seq() > 0) {
                throw new IOException(headFile + " is missing, so events cut from the end could not be detected any more;"
                        + " restore it from a backup (run 'vellum cli audit verify')");
            }
        } else if (head.seq() > tail.seq() || head.seq() == tail.seq() && !head.hash().equals(tail.hash())) {
            throw new IOException("it no longer ends with event #" + head.seq() + " that " + headFile
                    + " records: events were removed or changed (run 'vellum cli audit verify')");
        }
        return tail;
    }

    private record Head(long seq, String hash) {
    }

    private void writeHead(long seq, String hash) throws IOException {
        AtomicFiles.write(headFile, ("{\"seq\":" + seq + ",\"hash\":\"" + hash + "\"}\n").getBytes(StandardCharsets.UTF_8));
    }

    /** What {@code head.json} records, or null when there is none. */
    private Head readHead() throws IOException {
        if (!Files.exists(headFile)) {
            return null;
        }
        try {
            Map<?, ?> head = (Map<?, ?>) JsonValues.TREES.readValue(headFile.toFile(), Map.class);
            return new Head(((Number) head.get("seq")).longValue(), String.valueOf(head.get("hash")));
        } catch (IOException | RuntimeException e) {
            throw new IOException(headFile + " is damaged: " + JsonValues.oneLine(e.getMessage()));
        }
    }

    /** Bytes that are not UTF-8 become U+FFFD: the line's hash then fails and verify names it. */
    private static CharsetDecoder lenientUtf8() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    private static boolean isSealed(String line) {
        try {
            AuditChain.hashOf(line);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String read(FileChannel ch, long from, long to) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) (to - from));
        while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
            // until full
        }
        return new String(buf.array(), StandardCharsets.UTF_8);
    }

    /** Position of the last '\n' before {@code limit}, or -1. */
    private static long lastNewlineBefore(FileChannel ch, long limit) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        long pos = limit;
        while (pos > 0) {
            int len = (int) Math.min(buf.capacity(), pos);
            buf.clear().limit(len);
            ch.read(buf, pos - len);
            for (int i = len - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return pos - len + i;
                }
            }
            pos -= len;
        }
        return -1;
    }

    private static String members(AuditEvent e) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonValues.FILES.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("time", e.time().toString());
            g.writeStringField("user", e.user());
            g.writeNumberField("guidelineVersion", e.guidelineVersion());
            g.writeStringField("kind", e.kind());
            g.writeStringField("item", e.itemId());
            g.writeStringField("annotator", e.annotator());
            g.writeStringField("annotation", e.annotationId());
            g.writeStringField("detail", e.detail());
            if (e.before() != null) {
                g.writeFieldName("before");
                JsonValues.writeValue(g, e.before());
            }
            if (e.after() != null) {
                g.writeFieldName("after");
                JsonValues.writeValue(g, e.after());
            }
            g.writeEndObject();
        }
        String obj = w.toString();
        return obj.substring(1, obj.length() - 1);
    }

    @SuppressWarnings("unchecked")
    private AuditEvent parse(String line, long lineNo) throws StoreException {
        try (JsonParser p = JsonValues.FILES.createParser(line)) {
            p.nextToken();
            Map<String, Object> m = (Map<String, Object>) JsonValues.readValue(p);
            if (p.nextToken() != null) {
                throw new IOException("text after the event");
            }
            return new AuditEvent(((Number) m.get("seq")).longValue(), Instant.parse((String) m.get("time")), (String) m.get("user"),
                    ((Number) m.get("guidelineVersion")).intValue(), (String) m.get("kind"), (String) m.get("item"),
                    (String) m.get("annotator"), (String) m.get("annotation"), (Map<String, Object>) m.get("before"),
                    (Map<String, Object>) m.get("after"), (String) m.get("detail"), (String) m.get("hash"));
        } catch (IOException | RuntimeException e) {
            throw new StoreException(eventsFile.toString(), "line " + lineNo + " is not a readable audit event: "
                    + JsonValues.oneLine(String.valueOf(e.getMessage())));
        }
    }

    private AuditEvent parseOrNull(String line) {
        try {
            return line == null || !line.startsWith("{\"seq\":") ? null : parse(line, 0);
        } catch (StoreException e) {
            return null;
        }
    }
}
