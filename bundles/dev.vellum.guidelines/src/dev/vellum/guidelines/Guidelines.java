package dev.vellum.guidelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vellum.core.audit.AuditChain;
import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.edit.ChangeState;
import dev.vellum.core.edit.CompoundEdit;
import dev.vellum.core.edit.EditCommand;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.guidelines.internal.DocumentFiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A project's guidelines: the draft, the published versions, who acknowledged what, and which
 * annotation sets were made under an older version. Kept in the project's documents
 * ({@code guidelines/}); every change is recorded in the project's audit trail.
 *
 * <p>Documents: {@code guidelines/v0001.md}, {@code v0002.md}... one per published version, never
 * rewritten; {@code guidelines/versions.json}, the index of versions with each text's SHA-256;
 * {@code guidelines/draft.md} and {@code draft.json} while a draft differs from the latest version;
 * {@code guidelines/acknowledgements.json}.
 *
 * <p>Plain object over one open project; cheap to create. Not thread-safe.
 */
public final class Guidelines {
    /** The name {@link #text(String)} and the CLI accept for the draft. */
    public static final String DRAFT = "draft";

    static final String FOLDER = "guidelines";
    static final String DRAFT_TEXT = FOLDER + "/draft.md";
    static final String DRAFT_INFO = FOLDER + "/draft.json";
    static final String INDEX = FOLDER + "/versions.json";
    static final String ACKNOWLEDGEMENTS = FOLDER + "/acknowledgements.json";

    private final StoredProject project;
    private final DocumentFiles files;
    private final List<PublishParticipant> participants;

    public Guidelines(StoredProject project) {
        this(project, List.of());
    }

    /** @param participants told of each publish before it is committed (see {@link PublishParticipant}) */
    public Guidelines(StoredProject project, Collection<? extends PublishParticipant> participants) {
        this.project = Objects.requireNonNull(project);
        this.files = new DocumentFiles(project);
        this.participants = participants == null ? List.of() : List.copyOf(participants);
    }

    /** The document path of a version's text, e.g. {@code guidelines/v0003.md}. */
    public static String versionPath(int number) {
        return String.format(java.util.Locale.ROOT, "%s/v%04d.md", FOLDER, number);
    }

    /** The published versions, oldest first. @throws StoreException naming the file that cannot be read */
    public List<GuidelineVersion> versions() throws StoreException {
        List<GuidelineVersion> out = new ArrayList<>();
        for (IndexEntry e : index()) {
            out.add(load(e));
        }
        return out;
    }

    /**
     * One published version.
     *
     * @throws StoreException naming the file when its text cannot be read or was changed after it was published
     */
    public Optional<GuidelineVersion> version(int number) throws StoreException {
        for (IndexEntry e : index()) {
            if (e.number() == number) {
                return Optional.of(load(e));
            }
        }
        return Optional.empty();
    }

    /** The number of the latest published version, 0 when none. */
    public int current() {
        // The index decides; the manifest's copy can lag behind when a publish was interrupted
        // after its commit point, and is brought up to date here (in memory; saved with the project).
        int manifest = project.project().currentGuidelineVersion();
        try {
            int indexed = index().stream().mapToInt(IndexEntry::number).max().orElse(0);
            if (indexed > manifest) {
                project.project().setCurrentGuidelineVersion(indexed);
                return indexed;
            }
        } catch (StoreException e) {
            // An unreadable index is reported by every call that reads versions; this one keeps going.
        }
        return manifest;
    }

    /** The draft; when never edited, the text of the latest version (or empty). */
    public GuidelineDraft draft() throws StoreException {
        Optional<String> text = files.readText(DRAFT_TEXT);
        if (text.isEmpty()) {
            return new GuidelineDraft(latestText(), current(), "", null);
        }
        Optional<ObjectNode> info = files.readObject(DRAFT_INFO);
        if (info.isEmpty()) {
            return new GuidelineDraft(text.get(), current(), "", null);
        }
        DocumentFiles.Fields f = files.new Fields(DRAFT_INFO, "", info.get());
        return new GuidelineDraft(text.get(), f.integer("basedOn", current()), f.text("editedBy", ""), f.time("edited"));
    }

    /**
     * The text of {@code ref}: a version number ({@code 3} or {@code v3}), {@code 0} for the empty
     * text before the first version, or {@link #DRAFT}.
     *
     * @throws IllegalArgumentException naming the ref when there is no such version
     */
    public String text(String ref) throws StoreException {
        String r = ref == null ? "" : ref.strip();
        if (r.equalsIgnoreCase(DRAFT)) {
            return draft().markdown();
        }
        int n = parseRef(r);
        if (n == 0) {
            return "";
        }
        return version(n).map(GuidelineVersion::markdown).orElseThrow(() -> new IllegalArgumentException(
                "there is no guideline version " + n + (current() == 0 ? " (none is published yet)" : " (the latest is " + current() + ")")));
    }

    /**
     * Replaces the draft's text (Windows line ends become {@code \n}); recorded in the audit trail.
     * Saving the text the draft already has changes nothing and records nothing.
     */
    public GuidelineDraft saveDraft(String markdown, String user) throws StoreException {
        return saveDraft(markdown, null, user);
    }

    /**
     * Replaces the draft's text unless the stored draft is no longer {@code editedFrom}: an editor
     * that opened the draft must not overwrite what was added to it since (an FAQ promotion, another
     * author's save).
     *
     * @param editedFrom the draft text the editor started from, or null to replace whatever is stored
     * @throws IllegalStateException when the stored draft changed since; nothing is written
     */
    public GuidelineDraft saveDraft(String markdown, String editedFrom, String user) throws StoreException {
        Objects.requireNonNull(markdown, "markdown");
        String text = markdown.replace("\r\n", "\n");
        GuidelineDraft before = draft();
        if (editedFrom != null && !before.markdown().equals(editedFrom.replace("\r\n", "\n"))) {
            throw new IllegalStateException("the draft was changed since you opened it (an FAQ answer was promoted into it, or"
                    + " someone else saved it), so your text was not saved: copy it, close the editor, open the draft again and"
                    + " paste your changes");
        }
        if (before.markdown().equals(text)) {
            return before;
        }
        Instant now = Instant.now();
        GuidelineDraft after = new GuidelineDraft(text, before.basedOn(), user, now);
        files.writeText(DRAFT_TEXT, text);
        ObjectNode info = files.readObject(DRAFT_INFO).orElseGet(DocumentFiles::object);
        ObjectNode out = DocumentFiles.object();
        out.put("basedOn", after.basedOn());
        out.put("editedBy", user);
        out.put("edited", now.toString());
        keepUnknown(info, out);
        files.writeObject(DRAFT_INFO, out);
        GuidelineDiff diff = GuidelineDiff.between(before.markdown(), text);
        audit(AuditEvent.of(AuditEvent.GUIDELINES_DRAFT_EDITED, user, current(), "draft (based on v" + before.basedOn() + "): "
                + summary(diff)).change(textFacts(before.markdown()), textFacts(text)));
        return after;
    }

    /**
     * Freezes the draft as the next version: writes the version, makes it the project's current
     * guideline version, links FAQ entries promoted into this draft to it, and records it. The draft
     * then reads as the new version until it is edited again.
     *
     * @throws IllegalStateException when the note is blank, the draft is empty, or the draft is the
     *                               same as the latest version
     */
    public GuidelineVersion publish(String note, String user) throws StoreException {
        if (note == null || note.isBlank()) {
            throw new IllegalStateException("a version needs a change note saying what changed");
        }
        GuidelineDraft draft = draft();
        List<IndexEntry> index = index();
        int latest = Math.max(current(), index.stream().mapToInt(IndexEntry::number).max().orElse(0));
        if (latest == 0 && draft.markdown().isBlank()) {
            throw new IllegalStateException("the draft is empty: write the guidelines before publishing them");
        }
        if (latest > 0 && GuidelineDiff.lines(draft.markdown()).equals(GuidelineDiff.lines(latestText()))) {
            throw new IllegalStateException("the draft is the same as version " + latest + ": nothing to publish");
        }
        int number = latest + 1;
        Instant now = Instant.now();
        String text = draft.markdown();
        String sha = AuditChain.sha256(text);
        // Everything that can fail on bad input is read before anything is written.
        Faq faq = new Faq(project);
        List<FaqEntry> toLink = faq.list().stream().filter(e -> e.status() == FaqStatus.PROMOTED && e.promotedInVersion() == 0)
                .toList();
        GuidelineDiff diff = GuidelineDiff.between(latest == 0 ? "" : textOf(index, latest), text);
        ObjectNode doc = files.readObject(INDEX).orElseGet(DocumentFiles::object);
        for (PublishParticipant p : participants) {
            p.publishing(project, number);
        }
        files.writeText(versionPath(number), text);
        ArrayNode versions = doc.has("versions") && doc.get("versions").isArray() ? (ArrayNode) doc.get("versions") : doc.putArray("versions");
        ObjectNode v = versions.addObject();
        v.put("number", number);
        v.put("note", note.strip());
        v.put("author", user);
        v.put("published", now.toString());
        v.put("sha256", sha);
        // The index is the commit point: from here on the version exists (current() reads it), and
        // what follows only catches the rest of the project up with it.
        files.writeObject(INDEX, doc);
        project.project().setCurrentGuidelineVersion(number);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("number", number);
        after.put("note", note.strip());
        after.put("sha256", sha);
        after.put("lines", GuidelineDiff.lines(text).size());
        after.put("basedOn", draft.basedOn());
        after.put("faqPromoted", toLink.stream().map(FaqEntry::id).toList());
        after.put("sectionsTouched", new ArrayList<>(diff.sectionsTouched()));
        // The project catches up first, so that a trail that cannot be written leaves nothing half done.
        project.saveProject();
        files.delete(DRAFT_TEXT);
        files.delete(DRAFT_INFO);
        faq.linkPromotions(toLink, number);
        audit(AuditEvent.of(AuditEvent.GUIDELINES_PUBLISHED, user, number, "v" + number + ": " + note.strip()).change(null, after));
        return new GuidelineVersion(number, text, note.strip(), user, now);
    }

    /** The diff between two refs (version numbers or {@link #DRAFT}). */
    public GuidelineDiff diff(String from, String to) throws StoreException {
        return GuidelineDiff.between(text(from), text(to));
    }

    /** The version {@code user} last acknowledged, if any. */
    public Optional<Acknowledgement> acknowledged(String user) throws StoreException {
        Optional<ObjectNode> doc = files.readObject(ACKNOWLEDGEMENTS);
        if (doc.isEmpty() || !doc.get().has(user)) {
            return Optional.empty();
        }
        DocumentFiles.Fields f = files.new Fields(ACKNOWLEDGEMENTS, user, doc.get().get(user));
        int version = f.requiredInteger("version");
        if (version < 0 || version > current()) {
            throw new StoreException(files.where(ACKNOWLEDGEMENTS), user + " acknowledged version " + version
                    + ", which was never published (the versions are 0 to " + current() + ")");
        }
        return Optional.of(new Acknowledgement(user, version, f.requiredTime("time")));
    }

    /** Everyone's latest acknowledgement, by user name. */
    public Map<String, Acknowledgement> acknowledgements() throws StoreException {
        Map<String, Acknowledgement> out = new TreeMap<>();
        Optional<ObjectNode> doc = files.readObject(ACKNOWLEDGEMENTS);
        if (doc.isPresent()) {
            for (String user : (Iterable<String>) doc.get()::fieldNames) {
                out.put(user, acknowledged(user).orElseThrow());
            }
        }
        return out;
    }

    /** Records that {@code user} has read the current version and the FAQ decisions up to now. */
    public Acknowledgement acknowledge(String user) throws StoreException {
        Objects.requireNonNull(user, "user");
        Acknowledgement ack = new Acknowledgement(user, current(), Instant.now());
        Optional<Acknowledgement> before = acknowledged(user);
        ObjectNode doc = files.readObject(ACKNOWLEDGEMENTS).orElseGet(DocumentFiles::object);
        ObjectNode entry = DocumentFiles.object();
        entry.put("version", ack.version());
        entry.put("time", ack.time().toString());
        JsonNode old = doc.get(user);
        if (old != null && old.isObject()) {
            keepUnknown((ObjectNode) old, entry);
        }
        doc.set(user, entry);
        files.writeObject(ACKNOWLEDGEMENTS, doc);
        audit(AuditEvent.of(AuditEvent.GUIDELINES_ACKNOWLEDGED, user, ack.version(), user + " acknowledged v" + ack.version())
                .change(before.map(Guidelines::ackFacts).orElse(null), ackFacts(ack)));
        return ack;
    }

    /**
     * What changed since {@code user} last acknowledged: the diff from that version (or from
     * nothing) to the current one, and the FAQ entries decided since.
     */
    public WhatChanged whatChanged(String user, Faq faq) throws StoreException {
        Optional<Acknowledgement> ack = acknowledged(user);
        int from = ack.map(Acknowledgement::version).orElse(0);
        int to = current();
        GuidelineDiff diff = GuidelineDiff.between(text(Integer.toString(from)), text(Integer.toString(to)));
        Instant since = ack.map(Acknowledgement::time).orElse(null);
        List<FaqEntry> decided = new ArrayList<>();
        for (FaqEntry e : faq.list()) {
            if ((e.status() == FaqStatus.DECIDED || e.status() == FaqStatus.PROMOTED) && e.decided() != null
                    && (since == null || e.decided().isAfter(since))) {
                decided.add(e);
            }
        }
        decided.sort(Comparator.comparing(FaqEntry::decided).reversed().thenComparing(FaqEntry::number, Comparator.reverseOrder()));
        return new WhatChanged(user, from, to, diff, decided);
    }

    /**
     * The annotation sets made under a version older than the current one, with the labels they use,
     * in project order. Reads the item summaries the store keeps (each set's state, labels and
     * version), so it is quick even on a large project.
     */
    public List<StaleSet> stale() throws StoreException {
        int current = current();
        List<StaleSet> out = new ArrayList<>();
        if (current == 0) {
            return out;
        }
        for (ItemSummary item : project.project().items()) {
            for (ItemSummary.SetSummary s : item.sets()) {
                if (s.guidelineVersion() < current) {
                    out.add(new StaleSet(item.id(), s.annotator(), s.guidelineVersion(), s.state(), s.labels()));
                }
            }
        }
        return out;
    }

    /**
     * The labels of the project's schemas that the changes from version {@code since} to the
     * current one touch (see {@link GuidelineDiff#labelsTouched}).
     *
     * @throws IllegalArgumentException when {@code since} is not 0..current
     */
    public Set<String> labelsTouchedSince(int since) throws StoreException {
        if (since < 0 || since > current()) {
            throw new IllegalArgumentException("version " + since + " does not exist: the versions are 0 to " + current());
        }
        return diff(Integer.toString(since), Integer.toString(current())).labelsTouched(projectLabels());
    }

    /** Every label of every schema of the project, in schema order. */
    public Set<String> projectLabels() {
        Set<String> out = new LinkedHashSet<>();
        for (LabelSchema schema : project.project().schemas().values()) {
            for (LabelClass c : schema.classes()) {
                out.add(c.name());
            }
        }
        return out;
    }

    /**
     * The stale sets the guidelines changed for: those using a label that the changes since the
     * version each set was made under touch (a set made under v1 counts the changes from v1 on).
     */
    public List<StaleSet> affected(List<StaleSet> stale) throws StoreException {
        Map<Integer, Set<String>> touched = new HashMap<>();
        List<StaleSet> out = new ArrayList<>();
        for (StaleSet s : stale) {
            Set<String> labels = touched.get(s.version());
            if (labels == null) {
                labels = labelsTouchedSince(Math.min(s.version(), current()));
                touched.put(s.version(), labels);
            }
            if (s.labels().stream().anyMatch(labels::contains)) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The stale sets a change affects: those that use a label in {@code labels}; none when
     * {@code labels} is empty.
     */
    public static List<StaleSet> affectedBy(List<StaleSet> stale, Collection<String> labels) {
        Set<String> wanted = new HashSet<>(labels);
        List<StaleSet> out = new ArrayList<>();
        for (StaleSet s : stale) {
            if (s.labels().stream().anyMatch(wanted::contains)) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Sends sets back to their annotators (state in progress) through the session's edits, so the
     * GUI can undo it and saving records each state change; adds one summary audit event. The state
     * changes are one edit (one undo step); sets already in progress, or gone, are left alone. The
     * session is saved (with whatever else it had unsaved).
     *
     * @return how many sets changed state
     */
    public int requeue(ProjectSession session, List<StaleSet> sets, String reason) throws StoreException {
        List<EditCommand> changes = new ArrayList<>();
        Map<String, Integer> byVersion = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (StaleSet s : sets) {
            if (!seen.add(s.itemId() + "\u0000" + s.annotator())) {
                continue;
            }
            Item item = session.load(s.itemId());
            Optional<AnnotationSet> set = item.set(s.annotator());
            if (set.isEmpty() || set.get().state() == AnnotationState.IN_PROGRESS) {
                continue;
            }
            changes.add(new ChangeState(s.itemId(), s.annotator(), AnnotationState.IN_PROGRESS));
            byVersion.merge("v" + set.get().guidelineVersion(), 1, Integer::sum);
        }
        if (changes.isEmpty()) {
            return 0;
        }
        String why = reason == null || reason.isBlank() ? "guidelines changed" : reason.strip();
        session.execute(new CompoundEdit("Re-queue " + changes.size() + (changes.size() == 1 ? " annotation set" : " annotation sets"),
                changes));
        session.save();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("reason", why);
        after.put("sets", changes.size());
        after.put("byVersion", byVersion);
        audit(AuditEvent.of(AuditEvent.SETS_REQUEUED, session.user(), current(),
                why + ": " + changes.size() + (changes.size() == 1 ? " set" : " sets") + " sent back to their annotators")
                .change(null, after));
        return changes.size();
    }

    // ---- internals

    /** One line of the index: what was published, and the hash of its text. */
    private record IndexEntry(int number, String note, String author, Instant published, String sha256) {
    }

    private List<IndexEntry> index() throws StoreException {
        Optional<ObjectNode> doc = files.readObject(INDEX);
        List<IndexEntry> out = new ArrayList<>();
        if (doc.isEmpty()) {
            return out;
        }
        DocumentFiles.Fields top = files.new Fields(INDEX, "", doc.get());
        List<JsonNode> versions = top.array("versions");
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < versions.size(); i++) {
            DocumentFiles.Fields f = top.element("versions", i, versions.get(i));
            int n = f.requiredInteger("number");
            if (n < 1) {
                throw f.problem("number", "versions are numbered from 1");
            }
            if (!numbers.add(n)) {
                throw f.problem("number", "version " + n + " is listed twice");
            }
            out.add(new IndexEntry(n, f.text("note", ""), f.text("author", ""), f.requiredTime("published"), f.requiredText("sha256")));
        }
        out.sort(Comparator.comparingInt(IndexEntry::number));
        return out;
    }

    private GuidelineVersion load(IndexEntry e) throws StoreException {
        String path = versionPath(e.number());
        String text = files.readText(path).orElseThrow(() -> new StoreException(files.where(path),
                "is missing (" + INDEX + " lists version " + e.number() + ")"));
        if (!AuditChain.sha256(text).equalsIgnoreCase(e.sha256())) {
            throw new StoreException(files.where(path), "changed after it was published (its SHA-256 is not the one "
                    + INDEX + " recorded); restore it from version control or a backup");
        }
        return new GuidelineVersion(e.number(), text, e.note(), e.author(), e.published());
    }

    private String textOf(List<IndexEntry> index, int number) throws StoreException {
        for (IndexEntry e : index) {
            if (e.number() == number) {
                return load(e).markdown();
            }
        }
        return "";
    }

    /** The latest published version's text, or empty. */
    private String latestText() throws StoreException {
        List<IndexEntry> index = index();
        if (index.isEmpty()) {
            return "";
        }
        return load(index.get(index.size() - 1)).markdown();
    }

    private static int parseRef(String r) {
        String digits = r.startsWith("v") || r.startsWith("V") ? r.substring(1) : r;
        if (!digits.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("'" + r + "' is not a guideline version: give a version number or " + DRAFT);
        }
        return Integer.parseInt(digits);
    }

    private void audit(AuditEvent event) throws StoreException {
        project.audit().append(List.of(event));
    }

    /** Copies the fields of {@code from} that {@code to} does not set, after its own. */
    static void keepUnknown(ObjectNode from, ObjectNode to) {
        from.properties().forEach(e -> {
            if (!to.has(e.getKey())) {
                to.set(e.getKey(), e.getValue());
            }
        });
    }

    private static Map<String, Object> textFacts(String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lines", GuidelineDiff.lines(text).size());
        m.put("sha256", AuditChain.sha256(text));
        return m;
    }

    private static Map<String, Object> ackFacts(Acknowledgement a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", a.version());
        m.put("time", a.time().toString());
        return m;
    }

    /** "+3 -1 ~2 lines (Cars, Persons)" */
    static String summary(GuidelineDiff diff) {
        int added = 0;
        int removed = 0;
        int changed = 0;
        for (GuidelineDiff.Row r : diff.rows()) {
            switch (r.kind()) {
                case ADDED -> added++;
                case REMOVED -> removed++;
                case CHANGED -> changed++;
                default -> {
                }
            }
        }
        String s = "+" + added + " -" + removed + " ~" + changed + " lines";
        Set<String> sections = diff.sectionsTouched();
        return sections.isEmpty() ? s : s + " (" + String.join(", ", sections) + ")";
    }
}
