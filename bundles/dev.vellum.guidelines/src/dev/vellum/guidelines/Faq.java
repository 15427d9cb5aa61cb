package dev.vellum.guidelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.guidelines.internal.DocumentFiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A project's living FAQ: one document per entry ({@code faq/<id>.json}); every transition is
 * recorded in the audit trail. Transitions: open -> decided -> promoted; open or decided ->
 * duplicate or withdrawn. Anything else throws {@link IllegalStateException} naming the entry and its status.
 * An id that names no entry throws {@link IllegalArgumentException}.
 *
 * <p>Entries are numbered {@code q1}, {@code q2}... in the order they are raised; entry {@code q7} is
 * kept in {@code faq/q0007.json}.
 *
 * <p>Plain object over one open project; cheap to create. Not thread-safe.
 */
public final class Faq {
    static final String FOLDER = "faq";
    /** The section promotions go to when none is named and no heading of the draft mentions the entry's labels. */
    public static final String DEFAULT_SECTION = "Questions and answers";
    private static final Pattern FILE = Pattern.compile("q([0-9]{1,9})\\.json");

    private final StoredProject project;
    private final DocumentFiles files;

    public Faq(StoredProject project) {
        this.project = Objects.requireNonNull(project);
        this.files = new DocumentFiles(project);
    }

    /** The document path of an entry, e.g. {@code faq/q0007.json} for {@code q7}. */
    public static String entryPath(String id) {
        int n = FaqEntry.numberOf(id);
        if (n == 0) {
            throw new IllegalArgumentException("'" + id + "' is not an FAQ entry id (q1, q2, ...)");
        }
        return String.format(java.util.Locale.ROOT, "%s/q%04d.json", FOLDER, n);
    }

    /** Every entry, oldest first. */
    public List<FaqEntry> list() throws StoreException {
        List<FaqEntry> out = new ArrayList<>();
        for (String name : files.list(FOLDER)) {
            Matcher m = FILE.matcher(name);
            if (m.matches()) {
                out.add(read(FOLDER + "/" + name, "q" + Integer.parseInt(m.group(1))));
            }
        }
        out.sort(Comparator.comparingInt(FaqEntry::number));
        return out;
    }

    /** The entries {@code query} matches, oldest first. */
    public List<FaqEntry> list(FaqQuery query) throws StoreException {
        List<FaqEntry> out = new ArrayList<>();
        for (FaqEntry e : list()) {
            if (query.matches(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** One entry. */
    public Optional<FaqEntry> get(String id) throws StoreException {
        if (FaqEntry.numberOf(id) == 0) {
            return Optional.empty();
        }
        String path = entryPath(id);
        Optional<ObjectNode> node = files.readObject(path);
        return node.isEmpty() ? Optional.empty() : Optional.of(parse(path, id, node.get()));
    }

    /** The decided and promoted entries that concern {@code label}: what an editor shows beside it. */
    public List<FaqEntry> concerning(String label) throws StoreException {
        return list(new FaqQuery(Set.of(FaqStatus.DECIDED, FaqStatus.PROMOTED), label, 0, ""));
    }

    /**
     * Raises a question from {@code context}; status open. The entry concerns the context's label.
     *
     * @throws IllegalArgumentException when the question is blank
     */
    public FaqEntry raise(FaqContext context, String question, String user) throws StoreException {
        Objects.requireNonNull(context, "context");
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("an FAQ entry needs a question");
        }
        int next = 1;
        for (String name : files.list(FOLDER)) {
            Matcher m = FILE.matcher(name);
            if (m.matches()) {
                next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
            }
        }
        Set<String> labels = context.label().isEmpty() ? Set.of() : Set.of(context.label());
        FaqEntry e = new FaqEntry("q" + next, question.strip(), FaqStatus.OPEN, context, user, Instant.now(), labels, "", List.of(), "",
                null, "", "", "", 0);
        write(e, null);
        audit(AuditEvent.of(AuditEvent.FAQ_RAISED, user, current(), e.id() + ": " + brief(e.question()))
                .about(context.itemId(), context.annotator(), context.annotationId()).change(null, e.toMap()));
        return e;
    }

    /**
     * Decides an open entry (or changes the answer of a decided one). The examples are added to the
     * entry's examples (one given for an item and annotation the entry already has replaces it); the
     * labels are added to the entry's labels.
     *
     * @throws IllegalArgumentException when the answer is blank or there is no such entry
     * @throws IllegalStateException    when the entry is neither open nor decided
     */
    public FaqEntry decide(String id, String answer, List<FaqExample> examples, Set<String> extraLabels, String user)
            throws StoreException {
        if (answer == null || answer.isBlank()) {
            throw new IllegalArgumentException("a decision needs an answer");
        }
        FaqEntry e = require(id);
        requireStatus(e, "decided", FaqStatus.OPEN, FaqStatus.DECIDED);
        Map<String, FaqExample> merged = new LinkedHashMap<>();
        for (FaqExample x : e.examples()) {
            merged.put(x.itemId() + "\u0000" + x.annotationId(), x);
        }
        for (FaqExample x : examples == null ? List.<FaqExample>of() : examples) {
            merged.put(x.itemId() + "\u0000" + x.annotationId(), x);
        }
        Set<String> labels = new LinkedHashSet<>(e.labels());
        if (extraLabels != null) {
            extraLabels.stream().filter(l -> l != null && !l.isBlank()).map(String::strip).forEach(labels::add);
        }
        FaqEntry d = new FaqEntry(e.id(), e.question(), FaqStatus.DECIDED, e.context(), e.raisedBy(), e.raised(), labels, answer.strip(),
                new ArrayList<>(merged.values()), user, Instant.now(), "", "", "", 0);
        write(d, null);
        audit(AuditEvent.of(AuditEvent.FAQ_DECIDED, user, current(), d.id() + " decided: " + brief(d.answer()))
                .about(d.context().itemId(), d.context().annotator(), d.context().annotationId()).change(e.toMap(), d.toMap()));
        return d;
    }

    /**
     * Promotes a decided entry into the guideline draft: {@code text} (default: the question and the
     * answer) is appended at the end of the section whose heading is {@code section} (created at the
     * end of the draft when absent). The entry links to the version that publishes the draft.
     *
     * <p>Headings are matched ignoring case. When {@code section} is blank, the first heading of the
     * draft that mentions the entry's first label is used (else its second label's, and so on), else
     * {@link #DEFAULT_SECTION}.
     *
     * @throws IllegalStateException when the entry is not decided
     */
    public FaqEntry promote(String id, String section, String text, String user) throws StoreException {
        FaqEntry e = require(id);
        requireStatus(e, "promoted", FaqStatus.DECIDED);
        Guidelines guidelines = new Guidelines(project);
        String draft = guidelines.draft().markdown();
        String heading = section == null || section.isBlank() ? defaultSection(draft, e.labels()) : section.strip();
        String body = (text == null || text.isBlank() ? promotionText(e) : text.strip()).replace("\r\n", "\n");
        // A promotion retried after a failure finds its text already in the draft, as whole lines:
        // not added twice.
        if (!("\n" + draft + "\n").contains("\n" + body + "\n")) {
            guidelines.saveDraft(DraftSections.append(draft, heading, body), user);
        }
        FaqEntry p = new FaqEntry(e.id(), e.question(), FaqStatus.PROMOTED, e.context(), e.raisedBy(), e.raised(), e.labels(), e.answer(),
                e.examples(), e.decidedBy(), e.decided(), "", DraftSections.find(draft, heading).orElse(heading), body, 0);
        write(p, null);
        audit(AuditEvent.of(AuditEvent.FAQ_PROMOTED, user, current(), p.id() + " promoted into the draft, section '" + p.section() + "'")
                .about(p.context().itemId(), p.context().annotator(), p.context().annotationId()).change(e.toMap(), p.toMap()));
        return p;
    }

    /**
     * Marks an open or decided entry as a duplicate of another. When the other is itself a
     * duplicate, the entry is linked to the original it duplicates.
     *
     * @throws IllegalArgumentException when either entry does not exist, or the entry would duplicate itself
     */
    public FaqEntry markDuplicate(String id, String ofId, String user) throws StoreException {
        FaqEntry e = require(id);
        FaqEntry original = require(ofId);
        Set<String> seen = new LinkedHashSet<>();
        while (original.status() == FaqStatus.DUPLICATE && seen.add(original.id())) {
            FaqEntry from = original;
            original = get(from.duplicateOf()).orElseThrow(() -> new StoreException(files.where(entryPath(from.id())),
                    from.id() + " is marked a duplicate of '" + from.duplicateOf() + "', which does not exist"));
        }
        if (original.id().equals(e.id())) {
            throw new IllegalArgumentException(e.id() + " cannot be a duplicate of itself"
                    + (ofId.equals(e.id()) ? "" : " (" + ofId + " is a duplicate of " + e.id() + ")"));
        }
        requireStatus(e, "marked a duplicate", FaqStatus.OPEN, FaqStatus.DECIDED);
        FaqEntry d = new FaqEntry(e.id(), e.question(), FaqStatus.DUPLICATE, e.context(), e.raisedBy(), e.raised(), e.labels(), e.answer(),
                e.examples(), user, Instant.now(), original.id(), "", "", 0);
        write(d, null);
        audit(AuditEvent.of(AuditEvent.FAQ_CLOSED, user, current(), d.id() + " is a duplicate of " + original.id())
                .about(d.context().itemId(), d.context().annotator(), d.context().annotationId()).change(e.toMap(), d.toMap()));
        return d;
    }

    /**
     * Withdraws an open or decided entry. The reason is kept in the entry's file (see
     * {@link #withdrawalReason}) and the audit trail.
     */
    public FaqEntry withdraw(String id, String reason, String user) throws StoreException {
        FaqEntry e = require(id);
        requireStatus(e, "withdrawn", FaqStatus.OPEN, FaqStatus.DECIDED);
        String why = reason == null ? "" : reason.strip();
        FaqEntry w = new FaqEntry(e.id(), e.question(), FaqStatus.WITHDRAWN, e.context(), e.raisedBy(), e.raised(), e.labels(), e.answer(),
                e.examples(), user, Instant.now(), "", "", "", 0);
        write(w, why);
        Map<String, Object> after = w.toMap();
        after.put("reason", why);
        audit(AuditEvent.of(AuditEvent.FAQ_CLOSED, user, current(), w.id() + " withdrawn" + (why.isEmpty() ? "" : ": " + brief(why)))
                .about(w.context().itemId(), w.context().annotator(), w.context().annotationId()).change(e.toMap(), after));
        return w;
    }

    /** Why a withdrawn entry was withdrawn, if a reason was given. */
    public Optional<String> withdrawalReason(String id) throws StoreException {
        FaqEntry e = require(id);
        if (e.status() != FaqStatus.WITHDRAWN) {
            return Optional.empty();
        }
        JsonNode r = files.readObject(entryPath(id)).orElseThrow().get("reason");
        return r == null || !r.isTextual() || r.asText().isEmpty() ? Optional.empty() : Optional.of(r.asText());
    }

    /** The text a promotion adds to the guidelines when none is given: the question and the answer. */
    public static String promotionText(FaqEntry e) {
        StringBuilder sb = new StringBuilder();
        sb.append("**Q (").append(e.id()).append("):** ").append(e.question().strip()).append("\n\n");
        sb.append("**A:** ").append(e.answer().strip());
        if (!e.examples().isEmpty()) {
            sb.append("\n\n*Examples:* ");
            List<String> parts = new ArrayList<>();
            for (FaqExample x : e.examples()) {
                parts.add("`" + x.itemId() + (x.annotationId().isEmpty() ? "" : " " + x.annotationId()) + "` ("
                        + (x.correct() ? "correct" : "incorrect") + (x.note().isEmpty() ? "" : ": " + x.note()) + ")");
            }
            sb.append(String.join("; ", parts)).append('.');
        }
        return sb.toString();
    }

    /** The section a promotion goes to by default: the first heading mentioning the first label that any heading mentions. */
    static String defaultSection(String draft, Collection<String> labels) {
        List<String> headings = DraftSections.headings(draft);
        for (String label : labels) {
            for (String heading : headings) {
                if (GuidelineDiff.mention(label).matcher(heading).find()) {
                    return heading;
                }
            }
        }
        return DEFAULT_SECTION;
    }

    /** Links the entries promoted into the draft to the version that just published it. */
    void linkPromotions(List<FaqEntry> promoted, int version) throws StoreException {
        for (FaqEntry e : promoted) {
            write(new FaqEntry(e.id(), e.question(), e.status(), e.context(), e.raisedBy(), e.raised(), e.labels(), e.answer(),
                    e.examples(), e.decidedBy(), e.decided(), e.duplicateOf(), e.section(), e.promotionText(), version), null);
        }
    }

    // ---- internals

    private int current() {
        return project.project().currentGuidelineVersion();
    }

    private FaqEntry require(String id) throws StoreException {
        return get(id).orElseThrow(() -> new IllegalArgumentException("there is no FAQ entry '" + id + "'"));
    }

    private static void requireStatus(FaqEntry e, String what, FaqStatus... allowed) {
        for (FaqStatus s : allowed) {
            if (e.status() == s) {
                return;
            }
        }
        String which = allowed.length == 1 ? "a " + allowed[0].id() + " entry" : "an open or decided entry";
        throw new IllegalStateException(e.id() + " is " + e.status().id() + ": only " + which + " can be " + what);
    }

    private void write(FaqEntry e, String reason) throws StoreException {
        String path = entryPath(e.id());
        ObjectNode node = (ObjectNode) DocumentFiles.tree(e.toMap());
        if (reason != null && !reason.isEmpty()) {
            node.put("reason", reason);
        }
        files.readObject(path).ifPresent(old -> Guidelines.keepUnknown(old, node));
        files.writeObject(path, node);
    }

    private FaqEntry read(String path, String expectedId) throws StoreException {
        return parse(path, expectedId, files.readObject(path).orElseThrow(() -> new StoreException(files.where(path), "is missing")));
    }

    private FaqEntry parse(String path, String expectedId, ObjectNode node) throws StoreException {
        DocumentFiles.Fields f = files.new Fields(path, "", node);
        String id = f.requiredText("id");
        if (!id.equals(expectedId)) {
            throw f.problem("id", "'" + id + "' does not match the file name (the file of " + id + " would be "
                    + (FaqEntry.numberOf(id) == 0 ? "q<number>.json" : entryPath(id)) + ")");
        }
        FaqStatus status;
        try {
            status = FaqStatus.fromId(f.requiredText("status"));
        } catch (IllegalArgumentException ex) {
            throw f.problem("status", ex.getMessage());
        }
        DocumentFiles.Fields c = f.nested("context");
        FaqContext context = new FaqContext(c.text("item", ""), c.text("annotator", ""), c.text("annotation", ""), c.text("label", ""),
                c.text("modality", ""), c.object("region"), c.integer("guidelineVersion", 0));
        List<FaqExample> examples = new ArrayList<>();
        List<JsonNode> ex = f.array("examples");
        for (int i = 0; i < ex.size(); i++) {
            DocumentFiles.Fields x = f.element("examples", i, ex.get(i));
            examples.add(new FaqExample(x.requiredText("item"), x.text("annotation", ""), x.bool("correct", true), x.text("note", "")));
        }
        return new FaqEntry(id, f.requiredText("question"), status, context, f.text("raisedBy", ""), f.requiredTime("raised"),
                new LinkedHashSet<>(f.texts("labels")), f.text("answer", ""), examples, f.text("decidedBy", ""), f.time("decided"),
                f.text("duplicateOf", ""), f.text("section", ""), f.text("promotionText", ""), f.integer("promotedInVersion", 0));
    }

    private void audit(AuditEvent event) throws StoreException {
        project.audit().append(List.of(event));
    }

    private static String brief(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= 80 ? one : one.substring(0, 79) + "…";
    }
}
