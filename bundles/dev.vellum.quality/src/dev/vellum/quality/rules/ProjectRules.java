package dev.vellum.quality.rules;

import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.guidelines.Guidelines;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A project's own validation rules, versioned with its guidelines. Kept in the project's documents:
 * {@code rules/draft.json}, the author's working copy, and {@code rules/v<N>.json}, the draft as it
 * was when guideline version N was published, never rewritten. The rules in force are those of the
 * project's current guideline version, or the draft while no version is published.
 *
 * <p>Versions are frozen by {@link RulesFreezer} when the guidelines are published (a version
 * published without a draft gets an empty rule set, so that a draft written later waits for the
 * next version). A version published by a program that did not tell the freezer has no rule file:
 * then the draft is in force, and findings say so ({@code @draft}) rather than guess what the rules
 * were at that publish.
 *
 * <p>Plain object over one open project; cheap to create. Not thread-safe.
 */
public final class ProjectRules {
    /** The folder of the rule documents. */
    public static final String FOLDER = "rules";
    /** The draft's document. */
    public static final String DRAFT = FOLDER + "/draft.json";
    /** The audit event kind of a change to the rule draft. */
    public static final String DRAFT_EDITED = "rules.draft-edited";
    /** What {@link InForce#version()} says of the draft. */
    public static final String DRAFT_VERSION = "draft";

    private final StoredProject project;

    public ProjectRules(StoredProject project) {
        this.project = Objects.requireNonNull(project);
    }

    /** The document of the rules frozen with guideline version {@code number}, e.g. {@code rules/v3.json}. */
    public static String versionPath(int number) {
        return FOLDER + "/v" + number + ".json";
    }

    /**
     * The rule set in force and which version it is.
     *
     * @param version {@code v<N>} or {@link #DRAFT_VERSION}
     * @param number  the guideline version, 0 for the draft
     * @param rules   the rules
     */
    public record InForce(String version, int number, RuleSet rules) {
    }

    /**
     * The rules in force: those frozen with the current guideline version, or the draft when no
     * version is published or the current one was published without freezing its rules. No rule
     * file at all means no rules. Reads only.
     *
     * @throws StoreException naming the rule document that cannot be read or parsed, and the problem
     */
    public InForce inForce() throws StoreException {
        int current = new Guidelines(project).current();
        Optional<RuleSet> frozen = current == 0 ? Optional.empty() : version(current);
        return frozen.isPresent() ? new InForce("v" + current, current, frozen.get()) : new InForce(DRAFT_VERSION, 0, draft());
    }

    /** The draft's rules; none when there is no draft. @throws StoreException naming the draft and the problem */
    public RuleSet draft() throws StoreException {
        Optional<String> text = draftText();
        return text.isEmpty() ? RuleSet.EMPTY : RuleSet.parse(where(DRAFT), text.get());
    }

    /** The draft's text as stored, if there is one. */
    public Optional<String> draftText() throws StoreException {
        return project.documents().read(DRAFT);
    }

    /** The text of the rules frozen with guideline version {@code number}, if any were. */
    public Optional<String> versionText(int number) throws StoreException {
        return project.documents().read(versionPath(number));
    }

    /** The rules frozen with guideline version {@code number}, if any were. */
    public Optional<RuleSet> version(int number) throws StoreException {
        Optional<String> text = versionText(number);
        return text.isEmpty() ? Optional.empty() : Optional.of(RuleSet.parse(where(versionPath(number)), text.get()));
    }

    /**
     * Replaces the draft with {@code text}, which must parse; kept as written (the author's layout
     * and order). The rules in force change only when the next guideline version is published.
     *
     * Recorded in the audit trail ({@value #DRAFT_EDITED}) with the rule ids before and after;
     * saving the text the draft already has changes nothing and records nothing.
     *
     * @param source names the text in errors (the file it came from)
     * @param user   who saves it
     * @throws StoreException naming {@code source} and the problem when the text is not a valid rule file; nothing is written
     */
    public RuleSet saveDraft(String source, String text, String user) throws StoreException {
        RuleSet rules = RuleSet.parse(source, text);
        String stored = text.endsWith("\n") ? text : text + "\n";
        Optional<String> before = draftText();
        if (before.isPresent() && before.get().equals(stored)) {
            return rules;
        }
        // A draft that no longer parses still had a text; its ids are simply not known.
        List<String> was = List.of();
        if (before.isPresent()) {
            try {
                was = ids(RuleSet.parse(where(DRAFT), before.get()));
            } catch (StoreException e) {
                was = List.of("(unreadable)");
            }
        }
        project.documents().write(DRAFT, stored);
        int current = new Guidelines(project).current();
        project.audit().append(List.of(AuditEvent.of(DRAFT_EDITED, user, current, "rules draft: " + rules.rules().size()
                + (rules.rules().size() == 1 ? " rule" : " rules") + " (in force from " + (current == 0 ? "now" : "v" + (current + 1))
                + ")").change(before.isEmpty() ? null : Map.of("rules", was), Map.of("rules", ids(rules)))));
        return rules;
    }

    private static List<String> ids(RuleSet rules) {
        return rules.rules().stream().map(ProjectRule::id).toList();
    }

    /**
     * Freezes the draft as the rules of guideline version {@code number}: checks that it parses and
     * copies it. Without a draft the version gets an empty rule set.
     *
     * @throws StoreException naming the draft and the problem when it does not parse; nothing is written
     */
    public void freeze(int number) throws StoreException {
        Optional<String> text = draftText();
        if (text.isPresent()) {
            RuleSet.parse(where(DRAFT), text.get());
        }
        project.documents().write(versionPath(number), text.orElse(EMPTY_FILE));
    }

    /** A rule file without rules. */
    static final String EMPTY_FILE = "{\n  \"format\": \"" + RuleSet.FORMAT + "\",\n  \"formatVersion\": " + RuleSet.FORMAT_VERSION
            + ",\n  \"rules\": []\n}\n";

    /** How errors name a document: the project's folder and the document's path in it. */
    public String where(String path) {
        String loc = project.location();
        if (loc == null || loc.isEmpty()) {
            return path;
        }
        if (loc.endsWith("/vellum.json") || loc.endsWith("\\vellum.json")) {
            loc = loc.substring(0, loc.length() - "/vellum.json".length());
        }
        while (loc.length() > 1 && (loc.endsWith("/") || loc.endsWith("\\"))) {
            loc = loc.substring(0, loc.length() - 1);
        }
        return loc + "/" + path;
    }
}
