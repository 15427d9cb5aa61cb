package dev.vellum.cli.commands;

import dev.vellum.cli.Cli.BadInputException;
import dev.vellum.cli.Cli.UsageException;
import dev.vellum.cli.ExitCodes;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.quality.rules.ProjectRule;
import dev.vellum.quality.rules.ProjectRules;
import dev.vellum.quality.rules.RuleSet;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vellum cli rules ...}: the project's own validation rules, versioned with the guidelines. */
@Command(name = "rules", description = "The project's validation rules (rules/draft.json, frozen as rules/v<N>.json when guideline"
        + " version N is published).", subcommands = {RulesCommand.Show.class, RulesCommand.Check.class, RulesCommand.Set.class})
public final class RulesCommand extends CommandGroup {
    private static String readFile(Path file) throws java.io.IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ": is not UTF-8 text");
        }
    }

    private static List<Map<String, Object>> rulesJson(RuleSet rules) {
        return rules.rules().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("kind", r.kind());
            m.put("severity", r.severity().name().toLowerCase(Locale.ROOT));
            m.put("modality", r.modality());
            m.put("description", r.description());
            return m;
        }).toList();
    }

    /** {@code rules show <project> [--version N|draft] [--json]}. */
    @Command(name = "show", description = "Print a rule file: the one in force (default), the draft, or the one frozen with version N.")
    public static final class Show extends ProjectSubcommand {
        @Option(names = "--version", paramLabel = "N|draft", description = "A guideline version number, or draft.")
        String ref;

        @Override
        int run(StoredProject stored) throws Exception {
            ProjectRules rules = new ProjectRules(stored);
            String version;
            Optional<String> text;
            if (ref == null) {
                ProjectRules.InForce f = rules.inForce();
                version = f.version();
                text = f.number() == 0 ? rules.draftText() : rules.versionText(f.number());
            } else if (ref.strip().equalsIgnoreCase(ProjectRules.DRAFT_VERSION)) {
                version = ProjectRules.DRAFT_VERSION;
                text = rules.draftText();
            } else {
                int n;
                try {
                    n = Integer.parseInt(ref.strip().replaceFirst("^[vV]", ""));
                } catch (NumberFormatException e) {
                    throw new UsageException("--version " + ref + ": give a version number or draft");
                }
                version = "v" + n;
                text = rules.versionText(n);
                if (text.isEmpty()) {
                    throw new UsageException("no rules were frozen with guideline version " + n);
                }
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("version", version);
                doc.put("rules", rulesJson(text.isEmpty() ? RuleSet.EMPTY : RuleSet.parse(version, text.get())));
                printJson(doc);
            } else if (text.isEmpty()) {
                out.println("No rules (" + version + ").");
            } else {
                out.print(text.get().endsWith("\n") ? text.get() : text.get() + "\n");
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    /** {@code rules check <project> [--file rules.json] [--json]}: parse and report errors. */
    @Command(name = "check", description = {"Check a rule file (--file, default: the project's draft and the rules in force);",
        "exit 3 naming the file, the rule and the problem when it is not valid."})
    public static final class Check extends ProjectSubcommand {
        @Option(names = "--file", paramLabel = "FILE", description = "A rule file to check before setting it.")
        Path file;

        @Override
        int run(StoredProject stored) throws Exception {
            ProjectRules rules = new ProjectRules(stored);
            Map<String, RuleSet> checked = new LinkedHashMap<>();
            if (file != null) {
                checked.put(file.toString(), RuleSet.parse(file.toString(), readFile(file)));
            } else {
                checked.put(rules.where(ProjectRules.DRAFT), rules.draft());
                ProjectRules.InForce f = rules.inForce();
                if (f.number() > 0) {
                    checked.put(rules.where(ProjectRules.versionPath(f.number())), f.rules());
                }
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                for (Map.Entry<String, RuleSet> e : checked.entrySet()) {
                    doc.put(e.getKey(), rulesJson(e.getValue()));
                }
                printJson(doc);
            } else {
                for (Map.Entry<String, RuleSet> e : checked.entrySet()) {
                    out.printf("%s: %d %s, valid%n", e.getKey(), e.getValue().rules().size(),
                            e.getValue().rules().size() == 1 ? "rule" : "rules");
                }
            }
            return ExitCodes.OK;
        }
    }

    /** {@code rules set <project> --file rules.json}: replace the draft. */
    @Command(name = "set", description = {"Replace the project's rule draft with a file (checked first: nothing is written when it is"
        + " not valid).", "The draft is in force while no guideline version is published; else from the next publish on."})
    public static final class Set extends ProjectSubcommand {
        @Option(names = "--file", required = true, paramLabel = "FILE", description = "A rule file (JSON).")
        Path file;

        @Override
        int run(StoredProject stored) throws Exception {
            ProjectRules rules = new ProjectRules(stored);
            RuleSet set = rules.saveDraft(file.toString(), readFile(file), user());
            ProjectRules.InForce f = rules.inForce();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("draft", rulesJson(set));
                doc.put("inForce", f.version());
                printJson(doc);
            } else {
                out.printf("Draft saved: %d %s (%s). %s%n", set.rules().size(), set.rules().size() == 1 ? "rule" : "rules",
                        String.join(", ", set.rules().stream().map(ProjectRule::id).toList()),
                        f.number() == 0 ? "In force now (no guideline version is published)."
                                : "In force from the next guideline version; v" + f.number() + "'s rules stay in force until then.");
            }
            return ExitCodes.OK;
        }
    }
}
