package dev.vellum.cli.commands;

import dev.vellum.cli.ExitCodes;
import dev.vellum.cli.internal.ProgressLine;
import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.quality.gold.GoldItems;
import dev.vellum.quality.gold.GoldScores;
import dev.vellum.quality.workflow.QualitySettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vellum cli gold mark|unmark|list|accuracy}: gold items with their reference answers, and
 * annotators' accuracy against them. Marking and unmarking are recorded in the audit trail
 * ({@value #MARKED}, {@value #UNMARKED}).
 */
@Command(name = "gold", description = "Mark gold items with a reference answer, list them, and score annotators against them.",
        subcommands = {GoldCommand.Mark.class, GoldCommand.Unmark.class, GoldCommand.ListGold.class, GoldCommand.Accuracy.class})
public final class GoldCommand extends CommandGroup {
    /** The audit event kind of marking an item gold; {@code after} holds the source annotator and the answer's size. */
    public static final String MARKED = "gold.marked";
    /** The audit event kind of making a gold item an ordinary one again; {@code before} holds what the reference was. */
    public static final String UNMARKED = "gold.unmarked";

    /** {@code gold mark <project> <item> --from <annotator>}: that annotator's set becomes the reference answer. */
    @Command(name = "mark", description = "Make an item gold: a copy of one annotator's set becomes its reference answer,"
            + " kept apart from the item (replacing an earlier one).")
    public static final class Mark extends ProjectSubcommand {
        @Parameters(index = "1", paramLabel = "<item>", description = "The item id.")
        String itemId;

        @Option(names = "--from", required = true, paramLabel = "ANNOTATOR", description = "Whose set on the item is the answer.")
        String from;

        @Override
        int run(StoredProject stored) throws Exception {
            Item item = item(stored, itemId);
            AnnotationSet set = item.set(from).orElseThrow(() -> new IllegalArgumentException(
                    "item '" + itemId + "' has no annotation set of " + from + " (it has: " + annotators(item) + ")"));
            if (set.state() == AnnotationState.IN_PROGRESS) {
                err.println("note: the set of " + from + " on " + itemId + " is still in progress; it is taken as it is now");
            }
            GoldItems gold = new GoldItems(stored.documents());
            Optional<GoldItems.Gold> before = gold.get(itemId);
            GoldItems.Gold g = gold.mark(itemId, set, user());
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("from", from);
            after.put("annotations", g.reference().annotations().size());
            after.put("marked", g.marked().toString());
            stored.audit().append(List.of(AuditEvent.of(MARKED, user(), stored.project().currentGuidelineVersion(),
                    (before.isPresent() ? "reference replaced" : "marked gold") + " from the set of " + from)
                    .about(itemId, from, "").change(before.map(GoldCommand::describe).orElse(null), after)));
            if (json) {
                printJson(describe(g));
            } else {
                out.printf("%s is gold: %d annotations from the set of %s%s%n", itemId, g.reference().annotations().size(), from,
                        before.isPresent() ? " (earlier reference replaced)" : "");
            }
            return ExitCodes.OK;
        }
    }

    /** {@code gold unmark <project> <item>}. */
    @Command(name = "unmark", description = "Make a gold item an ordinary one again (its reference answer is deleted).")
    public static final class Unmark extends ProjectSubcommand {
        @Parameters(index = "1", paramLabel = "<item>", description = "The item id.")
        String itemId;

        @Override
        int run(StoredProject stored) throws Exception {
            GoldItems gold = new GoldItems(stored.documents());
            Optional<GoldItems.Gold> before = gold.get(itemId);
            if (before.isEmpty()) {
                // Unmarking twice is not an error a script should stop on; nothing changed, so nothing is audited.
                err.println("note: " + itemId + " is not gold; nothing changed");
                return ExitCodes.OK;
            }
            gold.unmark(itemId);
            stored.audit().append(List.of(AuditEvent.of(UNMARKED, user(), stored.project().currentGuidelineVersion(), "gold no more")
                    .about(itemId, "", "").change(describe(before.get()), null)));
            out.printf("%s is no longer gold%n", itemId);
            return ExitCodes.OK;
        }
    }

    /** {@code gold list <project> [--json]}. */
    @Command(name = "list", description = "List the gold items: who marked them, when, and how many annotations their answer has.")
    public static final class ListGold extends ProjectSubcommand {
        @Override
        int run(StoredProject stored) throws Exception {
            GoldItems gold = new GoldItems(stored.documents());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String id : gold.itemIds()) {
                Map<String, Object> row = describe(gold.get(id).orElseThrow());
                row.put("itemExists", stored.project().item(id).isPresent());
                rows.add(row);
            }
            if (json) {
                printJson(Map.of("gold", rows));
                return ExitCodes.OK;
            }
            for (Map<String, Object> r : rows) {
                out.printf("%-24s %4s annotations  marked by %s at %s%s%n", r.get("item"), r.get("annotations"), r.get("markedBy"),
                        r.get("marked"), Boolean.TRUE.equals(r.get("itemExists")) ? "" : "  (the item is gone)");
            }
            out.printf("%,d gold items%n", rows.size());
            return ExitCodes.OK;
        }
    }

    /** {@code gold accuracy <project> [--threshold T] [--window N] [--json]}: exit 1 when someone is below the threshold. */
    @Command(name = "accuracy", description = "Score every annotator's submitted work on gold items against the reference answers;"
            + " exit 1 when anyone's accuracy over their latest gold items is below the threshold.")
    public static final class Accuracy extends ProjectSubcommand {
        @Option(names = "--threshold", paramLabel = "T",
                description = "Accuracy below which an annotator is warned about, 0..1 (default: the project's goldThreshold,"
                        + " see 'workflow show', else 0.8).")
        Double threshold;

        @Option(names = "--window", defaultValue = "10", paramLabel = "N",
                description = "How many of each annotator's latest gold items the warning looks at (default ${DEFAULT-VALUE}).")
        int window;

        @Override
        int run(StoredProject stored) throws Exception {
            double t = threshold != null ? threshold : QualitySettings.read(stored.project()).goldThreshold();
            GoldScores.Report r = new GoldScores(services.agreements()).compute(stored, t, window, new ProgressLine(err));
            for (String p : r.problems()) {
                err.println("warning: " + p);
            }
            if (json) {
                printJson(json(r));
            } else {
                out.printf("%,d gold items; threshold %.2f over each annotator's latest %d%n", r.goldItems(), r.threshold(), r.window());
                for (GoldScores.AnnotatorScore a : r.annotators().values()) {
                    out.printf(Locale.ROOT, "%-16s accuracy %6.2f%% (%,d of %,d units, %d items); latest %d: %6.2f%%%n", a.annotator(),
                            100 * a.overall().accuracy(), a.overall().correct(), a.overall().units(), a.overall().items(),
                            a.recent().items(), 100 * a.recent().accuracy());
                }
                for (GoldScores.Warning w : r.warnings()) {
                    out.printf(Locale.ROOT, "BELOW THRESHOLD: %s at %.2f%% over the latest %d gold items (threshold %.2f%%)%n",
                            w.annotator(), 100 * w.accuracy(), w.items(), 100 * w.threshold());
                }
            }
            return r.warnings().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }

        private static Map<String, Object> json(GoldScores.Report r) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("goldItems", r.goldItems());
            doc.put("threshold", r.threshold());
            doc.put("window", r.window());
            Map<String, Object> annotators = new LinkedHashMap<>();
            for (GoldScores.AnnotatorScore a : r.annotators().values()) {
                Map<String, Object> m = tally(a.overall());
                Map<String, Object> days = new LinkedHashMap<>();
                a.byDay().forEach((day, t) -> days.put(day.toString(), tally(t)));
                m.put("byDay", days);
                m.put("recent", tally(a.recent()));
                annotators.put(a.annotator(), m);
            }
            doc.put("annotators", annotators);
            doc.put("warnings", r.warnings().stream().map(w -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("annotator", w.annotator());
                m.put("accuracy", w.accuracy());
                m.put("items", w.items());
                m.put("threshold", w.threshold());
                return m;
            }).toList());
            doc.put("items", r.scores().stream().map(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("item", s.itemId());
                m.put("annotator", s.annotator());
                m.put("when", s.when().toString());
                m.put("units", s.units());
                m.put("correct", s.correct());
                m.put("wrong", s.wrong());
                m.put("missed", s.missed());
                m.put("extra", s.extra());
                m.put("accuracy", s.accuracy());
                return m;
            }).toList());
            doc.put("problems", r.problems());
            return doc;
        }

        private static Map<String, Object> tally(GoldScores.Tally t) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("items", t.items());
            m.put("units", t.units());
            m.put("correct", t.correct());
            m.put("accuracy", Double.isNaN(t.accuracy()) ? null : t.accuracy());
            return m;
        }
    }

    private static Item item(StoredProject stored, String itemId) throws Exception {
        if (stored.project().item(itemId).isEmpty()) {
            throw new IllegalArgumentException(stored.location() + " has no item '" + itemId + "'");
        }
        return stored.loadItem(itemId);
    }

    private static String annotators(Item item) {
        List<String> names = item.sets().stream().map(AnnotationSet::annotator).toList();
        return names.isEmpty() ? "no sets" : String.join(", ", names);
    }

    private static Map<String, Object> describe(GoldItems.Gold g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("item", g.itemId());
        m.put("markedBy", g.markedBy());
        m.put("marked", g.marked().toString());
        m.put("annotations", g.reference().annotations().size());
        return m;
    }
}
