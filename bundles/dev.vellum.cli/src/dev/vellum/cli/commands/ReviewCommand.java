package dev.vellum.cli.commands;

import dev.vellum.cli.Cli.UsageException;
import dev.vellum.cli.ExitCodes;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.quality.workflow.Comment;
import dev.vellum.quality.workflow.ReviewEvent;
import dev.vellum.quality.workflow.Reviews;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vellum cli review submit|accept|reject|comment|audit|history}: review decisions as the
 * {@code --user}, through the same {@link Reviews} the workbench uses; each decision is saved at once.
 */
@Command(name = "review", description = "Review decisions on an annotator's set: submit, accept, reject, comment, audit; and the history.",
        subcommands = {ReviewCommand.Submit.class, ReviewCommand.Accept.class, ReviewCommand.Reject.class, ReviewCommand.CommentOn.class,
            ReviewCommand.Audit.class, ReviewCommand.History.class})
public final class ReviewCommand extends CommandGroup {
    /** What the review subcommands share: the item, whose set, and printing the step taken. */
    abstract static class ReviewSubcommand extends ProjectSubcommand {
        @Parameters(index = "1", paramLabel = "<item>", description = "The item.")
        String itemId;

        @Option(names = "--annotator", paramLabel = "NAME", description = "Whose set (submit: default the --user).")
        String annotator;

        @Override
        final int run(StoredProject stored) throws Exception {
            if (stored.project().item(itemId).isEmpty()) {
                throw new UsageException("there is no item '" + itemId + "' in " + stored.location());
            }
            return review(new Reviews(new ProjectSession(stored, user())));
        }

        abstract int review(Reviews reviews) throws Exception;

        String annotator() {
            if (annotator == null || annotator.isBlank()) {
                throw new UsageException("say whose set with --annotator");
            }
            return annotator.strip();
        }

        int print(ReviewEvent e) {
            if (json) {
                printJson(eventJson(e));
            } else {
                out.printf("%s: the set of %s on %s is %s%s%n", e.kind().id(), e.annotator(), e.itemId(), e.to().id(),
                        e.text().isEmpty() ? "" : " (" + e.text() + ")");
            }
            return ExitCodes.OK;
        }
    }

    static Map<String, Object> eventJson(ReviewEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("item", e.itemId());
        m.putAll(e.toJson());
        return m;
    }

    /** {@code review submit <project> <item> [--annotator A] --user U}. */
    @Command(name = "submit", description = "Hand in your set (submitted; accepted when the project has no review stage).")
    public static final class Submit extends ReviewSubcommand {
        @Override
        int review(Reviews reviews) throws Exception {
            return print(reviews.submit(itemId, annotator == null ? user() : annotator.strip()));
        }
    }

    /** {@code review accept <project> <item> --annotator A [--comment C] --user U}. */
    @Command(name = "accept", description = "Accept a submitted set.")
    public static final class Accept extends ReviewSubcommand {
        @Option(names = "--comment", paramLabel = "C", description = "A comment on the set.")
        String comment;

        @Override
        int review(Reviews reviews) throws Exception {
            return print(reviews.accept(itemId, annotator(), comment));
        }
    }

    /** {@code review reject <project> <item> --annotator A --reason R [--comment C [--annotation ID]] --user U}. */
    @Command(name = "reject", description = "Send a submitted set back to its author with a reason (and a comment pinned to an annotation).")
    public static final class Reject extends ReviewSubcommand {
        @Option(names = "--reason", required = true, paramLabel = "R")
        String reason;

        @Option(names = "--comment", paramLabel = "C", description = "A comment, on --annotation or on the whole set.")
        String comment;

        @Option(names = "--annotation", paramLabel = "ID", description = "The annotation the comment is pinned to.")
        String annotation;

        @Override
        int review(Reviews reviews) throws Exception {
            if (annotation != null && comment == null) {
                throw new UsageException("--annotation needs a --comment to pin to it");
            }
            List<Comment> pinned = comment == null ? List.of() : List.of(Comment.pinned(annotation, comment));
            return print(reviews.reject(itemId, annotator(), reason, pinned));
        }
    }

    /** {@code review comment <project> <item> --annotator A --comment C [--annotation ID] --user U}. */
    @Command(name = "comment", description = "Comment on a set or one of its annotations without changing its state.")
    public static final class CommentOn extends ReviewSubcommand {
        @Option(names = "--comment", required = true, paramLabel = "C")
        String comment;

        @Option(names = "--annotation", paramLabel = "ID", description = "The annotation it is about (default: the whole set).")
        String annotation;

        @Override
        int review(Reviews reviews) throws Exception {
            return print(reviews.comment(itemId, annotator(), annotation, comment));
        }
    }

    /** {@code review audit <project> <item> --annotator A (--pass | --fail --reason R) --user U}. */
    @Command(name = "audit", description = "Audit an accepted set: --pass makes it audited, --fail sends it back to its author.")
    public static final class Audit extends ReviewSubcommand {
        static final class Verdict {
            @Option(names = "--pass", required = true)
            boolean pass;

            @Option(names = "--fail", required = true)
            boolean fail;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Verdict verdict;

        @Option(names = "--reason", paramLabel = "R", description = "Why (needed with --fail).")
        String reason;

        @Override
        int review(Reviews reviews) throws Exception {
            return print(reviews.audit(itemId, annotator(), verdict.pass, reason));
        }
    }

    /** {@code review history <project> <item> [--annotator A] [--json]}. */
    @Command(name = "history", description = "Every review step on the item's sets, oldest first.")
    public static final class History extends ReviewSubcommand {
        @Override
        int review(Reviews reviews) throws Exception {
            List<ReviewEvent> events = new ArrayList<>();
            for (ReviewEvent e : reviews.history(itemId)) {
                if (annotator == null || e.annotator().equals(annotator.strip())) {
                    events.add(e);
                }
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("item", itemId);
                doc.put("events", events.stream().map(e -> e.toJson()).toList());
                printJson(doc);
                return ExitCodes.OK;
            }
            for (ReviewEvent e : events) {
                out.printf("%s  %-9s %-10s by %-10s %s -> %s%s%n", GuidelinesCommand.when(e.time()), e.kind().id(), e.annotator(), e.user(),
                        e.from().id(), e.to().id(), e.text().isEmpty() ? "" : "  " + e.text());
                for (Comment c : e.comments()) {
                    if (!(e.kind() == ReviewEvent.Kind.COMMENTED && c.text().equals(e.text()) && c.onSet())) {
                        out.printf("    %s: %s%n", c.onSet() ? "set" : c.annotationId(), c.text());
                    }
                }
            }
            if (events.isEmpty()) {
                out.println("no review steps on " + itemId + (annotator == null ? "" : " for " + annotator));
            }
            return ExitCodes.OK;
        }
    }
}
