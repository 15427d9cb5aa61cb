package dev.vellum.cli.commands;

import dev.vellum.cli.Cli.UsageException;
import dev.vellum.cli.ExitCodes;
import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.model.Project;
import dev.vellum.core.model.WorkflowSettings;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.quality.workflow.QualitySettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vellum cli workflow show|set}: the project's overlap, review stages, roles and sampling rates. */
@Command(name = "workflow", description = "The project's review workflow: overlap, stages, who annotates, reviews and audits, audit and gold rates.",
        subcommands = {WorkflowCommand.Show.class, WorkflowCommand.Set.class})
public final class WorkflowCommand extends CommandGroup {
    /** The audit trail's event kind for a change of the workflow settings. */
    static final String SETTINGS_CHANGED = "workflow.settings";

    static Map<String, Object> json(Project project) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("overlap", project.workflow().annotatorsPerItem());
        m.put("stages", new ArrayList<>(project.workflow().reviewStages()));
        m.putAll(QualitySettings.read(project).toJson());
        return m;
    }

    static void print(CliCommand c, Project project) {
        WorkflowSettings w = project.workflow();
        QualitySettings s = QualitySettings.read(project);
        c.out.printf("Overlap        %d annotator%s per item%n", w.annotatorsPerItem(), w.annotatorsPerItem() == 1 ? "" : "s");
        c.out.printf("Stages         annotate%s%n", w.reviewStages().isEmpty() ? " (submitting accepts)" : " -> " + String.join(" -> ",
                w.reviewStages()));
        c.out.printf("Annotators     %s%n", s.annotators().isEmpty() ? "anyone" : String.join(", ", s.annotators()));
        c.out.printf("Reviewers      %s%n", s.reviewers().isEmpty() ? "anyone but the set's author" : String.join(", ", s.reviewers()));
        c.out.printf("Auditors       %s%n", s.auditors().isEmpty() ? "anyone but the set's author" : String.join(", ", s.auditors()));
        c.out.printf("Audit rate     %s of accepted sets%n", percent(s.auditRate()));
        c.out.printf("Gold rate      %s of new items%n", percent(s.goldRate()));
        c.out.printf("Gold threshold %s accuracy%n", percent(s.goldThreshold()));
        c.out.printf("Seed           %d%n", s.seed());
    }

    private static String percent(double r) {
        String s = String.format(java.util.Locale.ROOT, "%.2f", r * 100).replaceAll("\\.?0+$", "");
        return s + " %";
    }

    /** {@code workflow show <project> [--json]}. */
    @Command(name = "show", description = "Show the workflow settings.")
    public static final class Show extends ProjectSubcommand {
        @Override
        int run(StoredProject stored) {
            if (json) {
                printJson(json(stored.project()));
            } else {
                print(this, stored.project());
            }
            return ExitCodes.OK;
        }
    }

    /** {@code workflow set <project> [--overlap K] [--stages review,audit] [--audit-rate R] ...}: changes only what is given. */
    @Command(name = "set", description = "Change the workflow settings given; the others stay.")
    public static final class Set extends ProjectSubcommand {
        @Option(names = "--overlap", paramLabel = "K", description = "Annotators per item.")
        Integer overlap;

        @Option(names = "--stages", paramLabel = "S", description = "Review stages in order: review,audit / review / audit / none.")
        String stages;

        @Option(names = "--audit-rate", paramLabel = "R", description = "Share of accepted sets sampled for audit, 0..1.")
        Double auditRate;

        @Option(names = "--gold-rate", paramLabel = "R", description = "Share of an annotator's new items that are gold, 0..1.")
        Double goldRate;

        @Option(names = "--gold-threshold", paramLabel = "T", description = "Gold accuracy below which an annotator is flagged, 0..1.")
        Double goldThreshold;

        @Option(names = "--annotators", paramLabel = "A,B", description = "Who annotates (empty: anyone).")
        String annotators;

        @Option(names = "--reviewers", paramLabel = "A,B", description = "Who reviews (empty: anyone but the author).")
        String reviewers;

        @Option(names = "--auditors", paramLabel = "A,B", description = "Who audits (empty: anyone but the author).")
        String auditors;

        @Option(names = "--seed", paramLabel = "N", description = "Seed of the gold and audit draws.")
        Long seed;

        @Override
        int run(StoredProject stored) throws Exception {
            Project project = stored.project();
            Map<String, Object> before = json(project);
            WorkflowSettings w = project.workflow();
            QualitySettings s = QualitySettings.read(project);
            int k = overlap == null ? w.annotatorsPerItem() : overlap;
            if (k < 1) {
                throw new UsageException("--overlap must be at least 1, was " + k);
            }
            List<String> newStages = stages == null ? w.reviewStages() : stages(stages);
            s = s.withUsers(annotators == null ? s.annotators() : users(annotators), reviewers == null ? s.reviewers() : users(reviewers),
                    auditors == null ? s.auditors() : users(auditors));
            s = s.withRates(auditRate == null ? s.auditRate() : rate("--audit-rate", auditRate),
                    goldRate == null ? s.goldRate() : rate("--gold-rate", goldRate),
                    goldThreshold == null ? s.goldThreshold() : rate("--gold-threshold", goldThreshold));
            if (seed != null) {
                s = s.withSeed(seed);
            }
            project.setWorkflow(new WorkflowSettings(k, newStages));
            s.writeTo(project);
            Map<String, Object> after = json(project);
            if (!after.equals(before)) {
                stored.saveProject();
                stored.audit().append(List.of(AuditEvent.of(SETTINGS_CHANGED, user(), project.currentGuidelineVersion(),
                        "workflow settings changed").change(before, after)));
            }
            if (json) {
                printJson(after);
            } else {
                out.println(after.equals(before) ? "Nothing changed." : "Saved.");
                print(this, project);
            }
            return ExitCodes.OK;
        }

        private static List<String> stages(String text) {
            List<String> out = new ArrayList<>();
            if (text.isBlank() || text.strip().equals("none")) {
                return out;
            }
            for (String part : text.split(",")) {
                String st = part.strip();
                if (!st.equals(QualitySettings.REVIEW_STAGE) && !st.equals(QualitySettings.AUDIT_STAGE)) {
                    throw new UsageException("unknown review stage '" + st + "' in --stages (review, audit, or none)");
                }
                if (out.contains(st)) {
                    throw new UsageException("--stages names '" + st + "' twice");
                }
                out.add(st);
            }
            if (out.equals(List.of(QualitySettings.AUDIT_STAGE, QualitySettings.REVIEW_STAGE))) {
                throw new UsageException("--stages: review comes before audit (an audit samples accepted work)");
            }
            return out;
        }

        private static List<String> users(String text) {
            List<String> out = new ArrayList<>();
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
            return out;
        }

        private static double rate(String option, double r) {
            if (!(r >= 0 && r <= 1)) {
                throw new UsageException(option + " must be a number from 0 to 1, was " + r);
            }
            return r;
        }
    }
}
