package dev.vellum.cli.commands;

import dev.vellum.cli.Cli.UsageException;
import dev.vellum.cli.ExitCodes;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.quality.workflow.QualitySettings;
import dev.vellum.quality.workflow.Queues;
import dev.vellum.quality.workflow.Queues.SetRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vellum cli queue next|list}: what a user should work on next, for scripting. */
@Command(name = "queue", description = "What a user should work on next: annotate (rejected work first, then work in progress, then new"
        + " items), review (others' submitted sets) or audit (sampled accepted sets).",
        subcommands = {QueueCommand.Next.class, QueueCommand.ListQueue.class})
public final class QueueCommand extends CommandGroup {
    /** The roles a queue is for. */
    enum Role {
        ANNOTATE, REVIEW, AUDIT;

        static Role parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("unknown role '" + s + "' (annotate, review, audit)");
            }
        }
    }

    /** What queue subcommands share: the role and the queue's entries. */
    abstract static class QueueSubcommand extends ProjectSubcommand {
        @Option(names = "--role", paramLabel = "ROLE", defaultValue = "annotate", description = "annotate (default), review or audit.")
        String role;

        /** The user's next {@code limit} sets (for annotating: the items, annotator the user). */
        List<SetRef> entries(StoredProject stored, int limit) throws Exception {
            Queues queues = new Queues(stored);
            String user = user();
            return switch (Role.parse(role)) {
                case ANNOTATE -> queues.queue(user, limit).stream().map(id -> new SetRef(id, user)).toList();
                case REVIEW -> queues.toReview(user, limit);
                case AUDIT -> queues.toAudit(user, limit);
            };
        }

        /** Why the queue is empty when the settings leave the user out of the role, else empty. */
        String whyNone(StoredProject stored) {
            QualitySettings s = QualitySettings.read(stored.project());
            List<String> stages = stored.project().workflow().reviewStages();
            String user = user();
            return switch (Role.parse(role)) {
                case ANNOTATE -> s.mayAnnotate(user) ? "" : user + " is not among the project's annotators";
                case REVIEW -> !stages.contains(QualitySettings.REVIEW_STAGE) ? "the project has no review stage"
                        : s.mayReview(user) ? "" : user + " is not among the project's reviewers";
                case AUDIT -> !stages.contains(QualitySettings.AUDIT_STAGE) ? "the project has no audit stage"
                        : s.mayAudit(user) ? "" : user + " is not among the project's auditors";
            };
        }

        /** One line: the item id, and for review and audit a tab and whose set. */
        String line(SetRef r) {
            return Role.parse(role) == Role.ANNOTATE ? r.itemId() : r.itemId() + "\t" + r.annotator();
        }

        Map<String, Object> json(List<SetRef> refs, StoredProject stored) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("user", user());
            doc.put("role", Role.parse(role).name().toLowerCase(Locale.ROOT));
            List<Object> items = new ArrayList<>();
            for (SetRef r : refs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("item", r.itemId());
                m.put("annotator", r.annotator());
                items.add(m);
            }
            doc.put("items", items);
            String why = whyNone(stored);
            if (!why.isEmpty()) {
                doc.put("note", why);
            }
            return doc;
        }
    }

    /** {@code queue next <project> --user U [--role annotate|review|audit] [--json]}: one line, the item id (and whose set). */
    @Command(name = "next", description = "Print the user's next item (for review and audit also whose set); nothing when the queue is empty.")
    public static final class Next extends QueueSubcommand {
        @Override
        int run(StoredProject stored) throws Exception {
            List<SetRef> next = entries(stored, 1);
            if (json) {
                Map<String, Object> doc = json(next, stored);
                doc.remove("items");
                doc.put("item", next.isEmpty() ? null : next.get(0).itemId());
                doc.put("annotator", next.isEmpty() ? null : next.get(0).annotator());
                printJson(doc);
            } else if (next.isEmpty()) {
                String why = whyNone(stored);
                err.println("nothing to " + Role.parse(role).name().toLowerCase(Locale.ROOT) + " for " + user()
                        + (why.isEmpty() ? "" : ": " + why));
            } else {
                out.println(line(next.get(0)));
            }
            return ExitCodes.OK;
        }
    }

    /** {@code queue list <project> --user U [--role ...] [--limit N] [--json]}. */
    @Command(name = "list", description = "List the user's next items in the order they come.")
    public static final class ListQueue extends QueueSubcommand {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many (default 20).")
        int limit;

        @Override
        int run(StoredProject stored) throws Exception {
            if (limit < 1) {
                throw new UsageException("--limit must be at least 1, was " + limit);
            }
            List<SetRef> refs = entries(stored, limit);
            if (json) {
                printJson(json(refs, stored));
                return ExitCodes.OK;
            }
            for (SetRef r : refs) {
                out.println(line(r));
            }
            String why = whyNone(stored);
            if (refs.isEmpty() && !why.isEmpty()) {
                err.println("nothing for " + user() + ": " + why);
            }
            return ExitCodes.OK;
        }
    }

}
