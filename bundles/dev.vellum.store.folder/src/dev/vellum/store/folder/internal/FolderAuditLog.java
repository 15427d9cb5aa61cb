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
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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

    private final Path eventsFile;
    private final Path headFile;
    /** The last recorded event's number and hash, once known. */
    private long lastSeq = -1;
    private String lastHash;
    private final AuditIndex index = new AuditIndex();

    public FolderAuditLog(Path projectDir) {
        Path dir = projectDir.resolve(FOLDER);
        this.eventsFile = dir.resolve(EVENTS);
        this.headFile = dir.resolve(HEAD);
    }

    @Override
    public synchronized List<AuditEvent> append(List<AuditEvent> events) throws StoreException {
        if (events.isEmpty()) {
            return List.of();
        }
        try {
            Files.createDirectories(eventsFile.getParent());
            try (FileChannel ch = FileChannel.open(eventsFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                if (lastSeq < 0) {
                    findTail(ch);
                }
                long seq = lastSeq;
                String prev = lastHash;
                List<AuditEvent> recorded = new ArrayList<>(events.size());
                StringBuilder text = new StringBuilder();
                for (AuditEvent e : events) {
                    seq++;
                    String line = AuditChain.seal(seq, prev, members(e));
                    prev = AuditChain.hashOf(line);
                    text.append(line).append('\n');
                    recorded.add(e.recorded(seq, prev));
                }
                ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                long at = ch.size();
                while (buf.hasRemaining()) {
                    at += ch.write(buf, at);
                }
                ch.force(true);
                lastSeq = seq;
                lastHash = prev;
                AtomicFiles.write(headFile, ("{\"seq\":" + seq + ",\"hash\":\"" + prev + "\"}\n").getBytes(StandardCharsets.UTF_8));
                return recorded;
            }
        } catch (IOException e) {
            lastSeq = -1; // unknown now: read the tail again before the next append
            throw new StoreException(eventsFile.toString(), "cannot be appended to: " + JsonValues.oneLine(e.toString()), e);
        }
    }

    @Override
    public synchronized List<AuditEvent> events(String itemId) throws StoreException {
        if (itemId != null) {
            return itemEvents(itemId, true);
        }
        List<AuditEvent> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(eventsFile, StandardCharsets.UTF_8)) {
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
    public synchronized AuditVerification verify() throws StoreException {
        long headSeq = 0;
        String headHash = "";
        try {
            if (Files.exists(headFile)) {
                Map<?, ?> head = (Map<?, ?>) JsonValues.TREES.readValue(headFile.toFile(), Map.class);
                headSeq = ((Number) head.get("seq")).longValue();
                headHash = String.valueOf(head.get("hash"));
            }
        } catch (IOException | RuntimeException e) {
            return AuditVerification.bad(0, 0, headFile + " is damaged: " + JsonValues.oneLine(e.getMessage()), AuditChain.GENESIS);
        }
        if (!Files.exists(eventsFile)) {
            return headSeq > 0 ? AuditVerification.bad(0, 1, eventsFile + " is missing but " + headFile + " records " + headSeq
                    + " events", AuditChain.GENESIS) : AuditVerification.ok(0, AuditChain.GENESIS);
        }
        try (BufferedReader r = Files.newBufferedReader(eventsFile, StandardCharsets.UTF_8)) {
            Iterator<String> lines = r.lines().iterator();
            return AuditChain.verify(lines, headSeq, headHash);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new StoreException(eventsFile.toString(), "cannot be read: " + JsonValues.oneLine(e.toString()), e);
        }
    }

    /** The log file, for messages. */
    public Path file() {
        return eventsFile;
    }

    /**
     * Reads the last complete line to learn the last event's number and hash, and cuts off a partial
     * line an interrupted append left.
     */
    private void findTail(FileChannel ch) throws IOException {
        long size = ch.size();
        long end = size;
        // Find the last newline: everything after it is a partial line.
        long lastNl = lastNewlineBefore(ch, size);
        if (lastNl + 1 < size) {
            ch.truncate(lastNl + 1);
            ch.force(true);
            end = lastNl + 1;
        }
        if (end == 0) {
            lastSeq = 0;
            lastHash = AuditChain.GENESIS;
            return;
        }
        long start = lastNewlineBefore(ch, end - 1) + 1;
        ByteBuffer buf = ByteBuffer.allocate((int) (end - 1 - start));
        ch.read(buf, start);
        String line = new String(buf.array(), StandardCharsets.UTF_8);
        try {
            lastHash = AuditChain.hashOf(line);
            lastSeq = Long.parseLong(line.substring("{\"seq\":".length(), line.indexOf(',')));
        } catch (RuntimeException e) {
            throw new IOException("its last event is damaged, so nothing can be chained to it (run 'vellum cli audit verify')");
        }
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
