package dev.vellum.cli.commands;

import dev.vellum.cli.Cli.BadInputException;
import dev.vellum.cli.Cli.UsageException;
import dev.vellum.cli.ExitCodes;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.guidelines.Acknowledgement;
import dev.vellum.guidelines.Faq;
import dev.vellum.guidelines.FaqEntry;
import dev.vellum.guidelines.GuidelineDiff;
import dev.vellum.guidelines.GuidelineDraft;
import dev.vellum.guidelines.GuidelineVersion;
import dev.vellum.guidelines.Guidelines;
import dev.vellum.guidelines.StaleSet;
import dev.vellum.guidelines.WhatChanged;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vellum cli guidelines ...}: the versioned guidelines of a project. */
@Command(name = "guidelines", description = "The project's versioned annotation guidelines: draft, publish, diff, stale work.",
        subcommands = {GuidelinesCommand.ListVersions.class, GuidelinesCommand.Show.class, GuidelinesCommand.Draft.class,
            GuidelinesCommand.Publish.class, GuidelinesCommand.Diff.class, GuidelinesCommand.Stale.class,
            GuidelinesCommand.Requeue.class, GuidelinesCommand.Changes.class, GuidelinesCommand.Ack.class})
public final class GuidelinesCommand extends CommandGroup {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /**
     * The services of a type that Declarative Services registered (the quality bundle's rule
     * freezer for {@code PublishParticipant}); none outside OSGi. The CLI lives for one command, so
     * the services are not released.
     */
    static <T> List<T> installed(Class<T> type) {
        org.osgi.framework.Bundle bundle = org.osgi.framework.FrameworkUtil.getBundle(GuidelinesCommand.class);
        org.osgi.framework.BundleContext bc = bundle == null ? null : bundle.getBundleContext();
        List<T> out = new ArrayList<>();
        if (bc == null) {
            return out;
        }
        try {
            for (org.osgi.framework.ServiceReference<T> ref : bc.getServiceReferences(type, null)) {
                T s = bc.getService(ref);
                if (s != null) {
                    out.add(s);
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static String when(Instant t) {
        return t == null ? "-" : WHEN.format(t);
    }

    /** {@code guidelines list <project> [--json]}. */
    @Command(name = "list", description = "List the published versions and the state of the draft.")
    public static final class ListVersions extends ProjectSubcommand {
        @Override
        int run(StoredProject stored) throws Exception {
            Guidelines g = new Guidelines(stored);
            List<GuidelineVersion> versions = g.versions();
            GuidelineDraft draft = g.draft();
            GuidelineDiff pending = GuidelineDiff.between(versions.isEmpty() ? "" : versions.get(versions.size() - 1).markdown(),
                    draft.markdown());
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("current", g.current());
                doc.put("versions", versions.stream().map(v -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("number", v.number());
                    m.put("note", v.note());
                    m.put("author", v.author());
                    m.put("published", v.published().toString());
                    m.put("lines", v.markdown().lines().count());
                    return m;
                }).toList());
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("basedOn", draft.basedOn());
                d.put("editedBy", draft.editedBy());
                d.put("edited", draft.edited() == null ? null : draft.edited().toString());
                d.put("pendingChanges", !pending.isEmpty());
                d.put("sectionsTouched", new ArrayList<>(pending.sectionsTouched()));
                doc.put("draft", d);
                printJson(doc);
                return ExitCodes.OK;
            }
            if (versions.isEmpty()) {
                out.println("No version published yet.");
            }
            for (GuidelineVersion v : versions) {
                out.printf("v%-3d %s  %-10s %s%n", v.number(), when(v.published()), v.author(), v.note());
            }
            if (pending.isEmpty()) {
                out.println("draft: no changes" + (versions.isEmpty() ? "" : " since v" + g.current()));
            } else {
                out.printf("draft: changes %s (edited by %s, %s)%n", pending.sectionsTouched().isEmpty() ? "pending"
                        : "in " + String.join(", ", pending.sectionsTouched()), draft.editedBy(), when(draft.edited()));
            }
            return ExitCodes.OK;
        }
    }

    /** {@code guidelines show <project> [--version N|draft] [--json]}. */
    @Command(name = "show", description = "Print a version's Markdown (default: the current version, or the draft when none is published).")
    public static final class Show extends ProjectSubcommand {
        @Option(names = "--version", paramLabel = "N|draft", description = "A version number, or draft.")
        String ref;

        @Override
        int run(StoredProject stored) throws Exception {
            Guidelines g = new Guidelines(stored);
            String r = ref != null ? ref : g.current() == 0 ? Guidelines.DRAFT : Integer.toString(g.current());
            String text = g.text(r);
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("ref", refName(r));
                int number = r.strip().equalsIgnoreCase(Guidelines.DRAFT) ? 0 : Integer.parseInt(r.strip().replaceFirst("^[vV]", ""));
                if (number > 0) {
                    GuidelineVersion v = g.version(number).orElseThrow();
                    doc.put("number", v.number());
                    doc.put("note", v.note());
                    doc.put("author", v.author());
                    doc.put("published", v.published().toString());
                }
                doc.put("markdown", text);
                printJson(doc);
            } else {
                out.print(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    /** {@code guidelines draft <project> --from FILE}. */
    @Command(name = "draft", description = "Replace the draft's text with a Markdown file.")
    public static final class Draft extends ProjectSubcommand {
        @Option(names = "--from", required = true, paramLabel = "FILE", description = "A UTF-8 Markdown file.")
        Path from;

        @Override
        int run(StoredProject stored) throws Exception {
            String text;
            try {
                text = Files.readString(from, StandardCharsets.UTF_8);
            } catch (CharacterCodingException e) {
                throw new BadInputException(from + ": is not UTF-8 text");
            }
            Guidelines g = new Guidelines(stored);
            GuidelineDraft draft = g.saveDraft(text, user());
            GuidelineDiff pending = g.diff(Integer.toString(g.current()), Guidelines.DRAFT);
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("basedOn", draft.basedOn());
                doc.put("editedBy", draft.editedBy());
                doc.put("edited", draft.edited() == null ? null : draft.edited().toString());
                doc.put("pendingChanges", !pending.isEmpty());
                doc.put("sectionsTouched", new ArrayList<>(pending.sectionsTouched()));
                printJson(doc);
            } else if (pending.isEmpty()) {
                out.println("Draft saved; it is the same as " + (g.current() == 0 ? "nothing" : "v" + g.current()) + ".");
            } else {
                out.println("Draft saved; changes against " + (g.current() == 0 ? "nothing" : "v" + g.current())
                        + (pending.sectionsTouched().isEmpty() ? "" : " in " + String.join(", ", pending.sectionsTouched())) + ".");
            }
            return ExitCodes.OK;
        }
    }

    /** {@code guidelines publish <project> --note TEXT}. */
    @Command(name = "publish", description = "Freeze the draft as the next version.")
    public static final class Publish extends ProjectSubcommand {
        @Option(names = "--note", required = true, paramLabel = "TEXT", description = "What changed, for annotators.")
        String note;

        @Override
        int run(StoredProject stored) throws Exception {
            GuidelineVersion v = new Guidelines(stored, installed(dev.vellum.guidelines.PublishParticipant.class)).publish(note, user());
            List<String> linked = new Faq(stored).list().stream()
                    .filter(e -> e.promotedInVersion() == v.number()).map(FaqEntry::id).toList();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("number", v.number());
                doc.put("note", v.note());
                doc.put("author", v.author());
                doc.put("published", v.published().toString());
                doc.put("faqPromoted", linked);
                printJson(doc);
            } else {
                out.printf("Published v%d: %s%s%n", v.number(), v.note(), linked.isEmpty() ? "" : " (FAQ " + String.join(", ", linked) + ")");
            }
            return ExitCodes.OK;
        }
    }

    /** {@code guidelines diff <project> <from> <to> [--context N] [--json]}. */
    @Command(name = "diff", description = "Show what changed between two versions (numbers, 0 for nothing, or draft).")
    public static final class Diff extends ProjectSubcommand {
        @Parameters(index = "1", paramLabel = "<from>", description = "A version number, 0, or draft.")
        String from;

        @Parameters(index = "2", paramLabel = "<to>", description = "A version number, 0, or draft.")
        String to;

        @Option(names = "--context", paramLabel = "N", defaultValue = "3", description = "Unchanged lines around each change (default 3).")
        int context;

        @Override
        int run(StoredProject stored) throws Exception {
            GuidelineDiff d = new Guidelines(stored).diff(from, to);
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("from", refName(from));
                doc.put("to", refName(to));
                doc.putAll(diffJson(d, new Guidelines(stored).projectLabels()));
                printJson(doc);
            } else {
                out.print(d.unified(refName(from), refName(to), context));
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    /** {@code guidelines stale <project> [--label L]... [--json]}. */
    @Command(name = "stale", description = "List the annotation sets made under an older version than the current one.")
    public static final class Stale extends ProjectSubcommand {
        @Option(names = "--label", paramLabel = "L", split = ",", description = "Only sets that use one of these labels.")
        List<String> labels = new ArrayList<>();

        @Override
        int run(StoredProject stored) throws Exception {
            Guidelines g = new Guidelines(stored);
            List<StaleSet> sets = g.stale();
            if (!labels.isEmpty()) {
                sets = Guidelines.affectedBy(sets, labels);
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("current", g.current());
                doc.put("labels", labels);
                doc.put("sets", sets.stream().map(ProjectSubcommand::staleJson).toList());
                printJson(doc);
                return ExitCodes.OK;
            }
            printSets(out, sets);
            out.printf("%,d %s made under a version older than v%d%s%n", sets.size(), sets.size() == 1 ? "set" : "sets", g.current(),
                    labels.isEmpty() ? "" : " using " + String.join(", ", labels));
            return ExitCodes.OK;
        }
    }

    static void printSets(java.io.PrintWriter out, List<StaleSet> sets) {
        int w = 8;
        for (StaleSet s : sets) {
            w = Math.max(w, s.itemId().length());
        }
        for (StaleSet s : sets) {
            out.printf("%-" + w + "s  %-10s v%-3d %-11s %s%n", s.itemId(), s.annotator(), s.version(), s.state().id(),
                    String.join(", ", s.labels()));
        }
    }

    /** {@code guidelines requeue <project> [--label L]... [--since N] [--dry-run] [--reason TEXT] [--json]}. */
    @Command(name = "requeue", description = {"Send stale annotation sets back to their annotators (state in_progress).",
        "Without --label or --since: every stale set. --since N adds the labels the changes from vN to the current version touch."})
    public static final class Requeue extends ProjectSubcommand {
        @Option(names = "--label", paramLabel = "L", split = ",", description = "Only sets that use one of these labels.")
        List<String> labels = new ArrayList<>();

        @Option(names = "--since", paramLabel = "N", description = "Only sets using a label that the changes since version N touch.")
        Integer since;

        @Option(names = "--affected", description = "Only sets using a label the guidelines changed since the version each set"
                + " was made under.")
        boolean affected;

        @Option(names = "--dry-run", description = "List what would be sent back; change nothing.")
        boolean dryRun;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Recorded in the audit trail (default: guidelines changed).")
        String reason;

        @Override
        int run(StoredProject stored) throws Exception {
            Guidelines g = new Guidelines(stored);
            List<StaleSet> sets = g.stale();
            Set<String> wanted = new LinkedHashSet<>(labels);
            if (since != null) {
                if (since < 0 || since > g.current()) {
                    throw new UsageException("--since " + since + ": the versions are 0 to " + g.current());
                }
                wanted.addAll(g.labelsTouchedSince(since));
            }
            if (!labels.isEmpty() || since != null) {
                sets = Guidelines.affectedBy(sets, wanted);
            }
            if (affected) {
                sets = g.affected(sets);
            }
            sets = sets.stream().filter(s -> s.state() != dev.vellum.core.model.AnnotationState.IN_PROGRESS).toList();
            String why = reason != null && !reason.isBlank() ? reason : "guidelines changed (v" + g.current() + ")";
            int changed = dryRun ? sets.size() : g.requeue(new ProjectSession(stored, user()), sets, why);
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("dryRun", dryRun);
                doc.put("labels", new ArrayList<>(wanted));
                doc.put("requeued", changed);
                doc.put("sets", sets.stream().map(ProjectSubcommand::staleJson).toList());
                printJson(doc);
                return ExitCodes.OK;
            }
            printSets(out, sets);
            out.printf("%s %,d %s back to %s%s%n", dryRun ? "Would send" : "Sent", changed, changed == 1 ? "set" : "sets",
                    changed == 1 ? "its annotator" : "their annotators",
                    wanted.isEmpty() ? "" : " (labels: " + String.join(", ", wanted) + ")");
            return ExitCodes.OK;
        }
    }

    /** {@code guidelines changes <project> [--user NAME] [--json]}: what the user has not acknowledged yet. */
    @Command(name = "changes", description = "What changed since the user (--user) last acknowledged: the diff and newly decided FAQ entries.")
    public static final class Changes extends ProjectSubcommand {
        @Override
        int run(StoredProject stored) throws Exception {
            Guidelines g = new Guidelines(stored);
            String who = user();
            WhatChanged w = g.whatChanged(who, new Faq(stored));
            java.util.Optional<Acknowledgement> ack = g.acknowledged(who);
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("user", who);
                doc.put("fromVersion", w.fromVersion());
                doc.put("toVersion", w.toVersion());
                doc.put("acknowledged", ack.map(a -> a.time().toString()).orElse(null));
                doc.put("upToDate", w.upToDate());
                doc.put("sectionsTouched", new ArrayList<>(w.diff().sectionsTouched()));
                doc.put("labelsTouched", new ArrayList<>(w.diff().labelsTouched(new Guidelines(stored).projectLabels())));
                doc.put("diff", w.diff().unified(w.fromVersion() == 0 ? "(nothing)" : "v" + w.fromVersion(), "v" + w.toVersion(), 3));
                doc.put("newlyDecided", entriesJson(w.newlyDecided()));
                printJson(doc);
                return ExitCodes.OK;
            }
            if (w.upToDate()) {
                out.printf("%s is up to date with v%d and the FAQ.%n", who, w.toVersion());
                return ExitCodes.OK;
            }
            out.println(ack.map(a -> who + " last acknowledged v" + a.version() + " on " + when(a.time()))
                    .orElse(who + " has not acknowledged any version") + "; the current version is v" + w.toVersion() + ".");
            if (w.fromVersion() != w.toVersion()) {
                out.print(w.diff().unified(w.fromVersion() == 0 ? "(nothing)" : "v" + w.fromVersion(), "v" + w.toVersion(), 3));
            }
            if (!w.newlyDecided().isEmpty()) {
                out.println("FAQ decided since:");
                for (FaqEntry e : w.newlyDecided()) {
                    out.printf("  %-4s %s%n       -> %s%n", e.id(), e.question(), e.answer());
                }
            }
            out.println("Run 'vellum cli guidelines ack' once read.");
            return ExitCodes.OK;
        }
    }

    /** {@code guidelines ack <project> [--user NAME] [--json]}. */
    @Command(name = "ack", description = "Record that the user (--user) has read the current version and the FAQ decisions.")
    public static final class Ack extends ProjectSubcommand {
        @Override
        int run(StoredProject stored) throws Exception {
            Acknowledgement a = new Guidelines(stored).acknowledge(user());
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("user", a.user());
                doc.put("version", a.version());
                doc.put("time", a.time().toString());
                printJson(doc);
            } else {
                out.printf("%s acknowledged v%d.%n", a.user(), a.version());
            }
            return ExitCodes.OK;
        }
    }
}
