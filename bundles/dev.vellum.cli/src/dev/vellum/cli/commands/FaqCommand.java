package dev.vellum.cli.commands;

import dev.vellum.cli.Cli.UsageException;
import dev.vellum.cli.ExitCodes;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.guidelines.Faq;
import dev.vellum.guidelines.FaqContext;
import dev.vellum.guidelines.FaqEntry;
import dev.vellum.guidelines.FaqExample;
import dev.vellum.guidelines.FaqQuery;
import dev.vellum.guidelines.FaqStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vellum cli faq ...}: the living FAQ of a project. */
@Command(name = "faq", description = "The project's living FAQ: raise questions from items, decide, promote into the guidelines.",
        subcommands = {FaqCommand.Raise.class, FaqCommand.Decide.class, FaqCommand.Promote.class, FaqCommand.ListEntries.class,
            FaqCommand.Show.class, FaqCommand.Duplicate.class, FaqCommand.Withdraw.class})
public final class FaqCommand extends CommandGroup {
    /** Prints an entry as one JSON document, or in one line for people. */
    static void print(ProjectSubcommand c, FaqEntry e, String verb) {
        if (c.json) {
            c.printJson(e.toMap());
        } else {
            c.out.printf("%s %s (%s)%n", verb, e.id(), e.status().id());
        }
    }

    /** A subcommand about one existing entry. */
    abstract static class EntryCommand extends ProjectSubcommand {
        @Parameters(index = "1", paramLabel = "<faq-id>", description = "The entry, e.g. q7.")
        String id;
    }

    /** {@code faq raise <project> --item ID [--annotation ID] [--annotator NAME] [--label L] --question TEXT}. */
    @Command(name = "raise", description = "Raise a question from an item (and one of its annotations).")
    public static final class Raise extends ProjectSubcommand {
        @Option(names = "--item", required = true, paramLabel = "ID", description = "The item the question comes from.")
        String itemId;

        @Option(names = "--annotation", paramLabel = "ID", description = "The annotation concerned: fills label, modality and region.")
        String annotationId;

        @Option(names = "--annotator", paramLabel = "NAME", description = "Whose set the annotation is in (needed when several have that id).")
        String annotator;

        @Option(names = "--label", paramLabel = "L", description = "The label concerned (default: the annotation's).")
        String label;

        @Option(names = "--question", required = true, paramLabel = "TEXT")
        String question;

        @Override
        int run(StoredProject stored) throws Exception {
            if (stored.project().item(itemId).isEmpty()) {
                throw new UsageException("there is no item '" + itemId + "' in " + stored.location());
            }
            Item item = stored.loadItem(itemId);
            String setOwner = annotator == null ? "" : annotator;
            String lbl = label == null ? "" : label;
            Map<String, Object> region = Map.of();
            String modality = item.modalityId();
            if (annotationId != null) {
                List<AnnotationSet> holders = new ArrayList<>();
                for (AnnotationSet s : item.sets()) {
                    if ((annotator == null || s.annotator().equals(annotator)) && s.annotation(annotationId).isPresent()) {
                        holders.add(s);
                    }
                }
                if (holders.isEmpty()) {
                    throw new UsageException("item '" + itemId + "' has no annotation '" + annotationId + "'"
                            + (annotator == null ? "" : " in the set of " + annotator));
                }
                if (holders.size() > 1) {
                    throw new UsageException("annotation '" + annotationId + "' of item '" + itemId + "' is in the sets of "
                            + String.join(" and ", holders.stream().map(AnnotationSet::annotator).toList()) + ": say whose with --annotator");
                }
                Annotation a = holders.get(0).annotation(annotationId).orElseThrow();
                setOwner = holders.get(0).annotator();
                lbl = label == null ? a.label() : label;
                region = a.payload();
                modality = a.modalityId();
            }
            int version = stored.project().currentGuidelineVersion();
            FaqEntry e = new Faq(stored).raise(new FaqContext(itemId, setOwner, annotationId, lbl, modality, region, version), question,
                    user());
            print(this, e, "Raised");
            return ExitCodes.OK;
        }
    }

    /** {@code faq decide <project> <id> --answer TEXT [--example ITEM[:ANN][=NOTE]]... [--counter-example ...]... [--label L]...}. */
    @Command(name = "decide", description = "Answer an open entry (or change the answer of a decided one).")
    public static final class Decide extends EntryCommand {
        @Option(names = "--answer", required = true, paramLabel = "TEXT")
        String answer;

        @Option(names = "--example", paramLabel = "ITEM[:ANN][=NOTE]", description = "An item showing what to do.")
        List<String> examples = new ArrayList<>();

        @Option(names = "--counter-example", paramLabel = "ITEM[:ANN][=NOTE]", description = "An item showing what not to do.")
        List<String> counterExamples = new ArrayList<>();

        @Option(names = "--label", paramLabel = "L", split = ",", description = "More labels the decision concerns.")
        List<String> labels = new ArrayList<>();

        @Override
        int run(StoredProject stored) throws Exception {
            List<FaqExample> all = new ArrayList<>();
            for (String x : examples) {
                all.add(example(stored, x, true));
            }
            for (String x : counterExamples) {
                all.add(example(stored, x, false));
            }
            FaqEntry e = new Faq(stored).decide(id, answer, all, new LinkedHashSet<>(labels), user());
            print(this, e, "Decided");
            return ExitCodes.OK;
        }

        private static FaqExample example(StoredProject stored, String spec, boolean correct) {
            String s = spec;
            String note = "";
            int eq = s.indexOf('=');
            if (eq >= 0) {
                note = s.substring(eq + 1).strip();
                s = s.substring(0, eq);
            }
            int colon = s.indexOf(':');
            String item = colon < 0 ? s : s.substring(0, colon);
            String ann = colon < 0 ? "" : s.substring(colon + 1);
            if (stored.project().item(item).isEmpty()) {
                throw new UsageException("example '" + spec + "': there is no item '" + item + "'");
            }
            return new FaqExample(item, ann, correct, note);
        }
    }

    /** {@code faq promote <project> <id> [--section S] [--text T]}. */
    @Command(name = "promote", description = "Write a decided entry into the guideline draft, at the end of a section.")
    public static final class Promote extends EntryCommand {
        @Option(names = "--section", paramLabel = "S", description = "The section heading (default: the first that names one of its labels).")
        String section;

        @Option(names = "--text", paramLabel = "T", description = "The text to add (default: the question and the answer).")
        String text;

        @Override
        int run(StoredProject stored) throws Exception {
            FaqEntry e = new Faq(stored).promote(id, section, text, user());
            if (json) {
                printJson(e.toMap());
            } else {
                out.printf("Promoted %s into the draft, section '%s'; it becomes part of the guidelines with the next publish.%n", e.id(),
                        e.section());
            }
            return ExitCodes.OK;
        }
    }

    /** {@code faq list <project> [--status S]... [--label L] [--version N] [--search TEXT] [--json]}. */
    @Command(name = "list", description = "List the entries, oldest first.")
    public static final class ListEntries extends ProjectSubcommand {
        @Option(names = "--status", paramLabel = "S", split = ",",
                description = "open, decided, promoted, duplicate or withdrawn (several allowed).")
        List<String> statuses = new ArrayList<>();

        @Option(names = "--label", paramLabel = "L", description = "Entries concerning this label.")
        String label;

        @Option(names = "--version", paramLabel = "N", description = "Entries raised under this guideline version.")
        int version;

        @Option(names = "--search", paramLabel = "TEXT", description = "Words that must all appear (any case).")
        String search;

        @Override
        int run(StoredProject stored) throws Exception {
            Set<FaqStatus> wanted = new LinkedHashSet<>();
            for (String s : statuses) {
                wanted.add(FaqStatus.fromId(s));
            }
            List<FaqEntry> entries = new Faq(stored).list(new FaqQuery(wanted, label, version, search));
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("entries", entriesJson(entries));
                printJson(doc);
                return ExitCodes.OK;
            }
            for (FaqEntry e : entries) {
                out.printf("%-4s %-9s %-16s %-8s %s%n", e.id(), e.status().id(), String.join(",", e.labels()), e.raisedBy(), e.question());
            }
            out.printf("%,d %s%n", entries.size(), entries.size() == 1 ? "entry" : "entries");
            return ExitCodes.OK;
        }
    }

    /** {@code faq show <project> <id> [--json]}. */
    @Command(name = "show", description = "Show one entry in full.")
    public static final class Show extends EntryCommand {
        @Override
        int run(StoredProject stored) throws Exception {
            Faq faq = new Faq(stored);
            FaqEntry e = faq.get(id).orElseThrow(() -> new UsageException("there is no FAQ entry '" + id + "'"));
            Optional<String> reason = faq.withdrawalReason(id);
            if (json) {
                Map<String, Object> doc = e.toMap();
                reason.ifPresent(r -> doc.put("reason", r));
                printJson(doc);
                return ExitCodes.OK;
            }
            out.printf("%s  %s%n", e.id(), e.status().id());
            out.printf("Question   %s%n", e.question());
            out.printf("Raised     by %s, %s, under v%d%n", e.raisedBy(), GuidelinesCommand.when(e.raised()), e.context().guidelineVersion());
            if (!e.context().itemId().isEmpty()) {
                out.printf("From       item %s%s%s%n", e.context().itemId(),
                        e.context().annotationId().isEmpty() ? "" : ", annotation " + e.context().annotationId(),
                        e.context().annotator().isEmpty() ? "" : " of " + e.context().annotator());
            }
            if (!e.context().region().isEmpty()) {
                out.printf("Region     %s%n", JSON.writeValueAsString(e.context().region()).replaceAll("\\s+", " "));
            }
            out.printf("Labels     %s%n", e.labels().isEmpty() ? "-" : String.join(", ", e.labels()));
            if (!e.answer().isEmpty()) {
                out.printf("Answer     %s%n", e.answer());
            }
            for (FaqExample x : e.examples()) {
                out.printf("%s  %s%s%s%n", x.correct() ? "Example   " : "Counter   ", x.itemId(),
                        x.annotationId().isEmpty() ? "" : ":" + x.annotationId(), x.note().isEmpty() ? "" : " (" + x.note() + ")");
            }
            if (!e.decidedBy().isEmpty()) {
                out.printf("%s by %s, %s%n", switch (e.status()) {
                    case DUPLICATE, WITHDRAWN -> "Closed    ";
                    default -> "Decided   ";
                }, e.decidedBy(), GuidelinesCommand.when(e.decided()));
            }
            if (!e.duplicateOf().isEmpty()) {
                out.printf("Duplicate  of %s%n", e.duplicateOf());
            }
            reason.ifPresent(r -> out.printf("Reason     %s%n", r));
            if (e.status() == FaqStatus.PROMOTED) {
                out.printf("Promoted   into section '%s', %s%n", e.section(),
                        e.promotedInVersion() == 0 ? "in the draft (not yet published)" : "published in v" + e.promotedInVersion());
            }
            return ExitCodes.OK;
        }
    }

    /** {@code faq duplicate <project> <id> --of <id>}. */
    @Command(name = "duplicate", description = "Close an entry as a duplicate of another.")
    public static final class Duplicate extends EntryCommand {
        @Option(names = "--of", required = true, paramLabel = "<faq-id>", description = "The entry it duplicates.")
        String of;

        @Override
        int run(StoredProject stored) throws Exception {
            FaqEntry e = new Faq(stored).markDuplicate(id, of, user());
            if (json) {
                printJson(e.toMap());
            } else {
                out.printf("Closed %s as a duplicate of %s%n", e.id(), e.duplicateOf());
            }
            return ExitCodes.OK;
        }
    }

    /** {@code faq withdraw <project> <id> [--reason TEXT]}. */
    @Command(name = "withdraw", description = "Withdraw an open or decided entry.")
    public static final class Withdraw extends EntryCommand {
        @Option(names = "--reason", paramLabel = "TEXT")
        String reason;

        @Override
        int run(StoredProject stored) throws Exception {
            FaqEntry e = new Faq(stored).withdraw(id, reason, user());
            print(this, e, "Withdrew");
            return ExitCodes.OK;
        }
    }
}
