package dev.vellum.cli.commands;

import dev.vellum.cli.ExitCodes;
import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.audit.AuditVerification;
import dev.vellum.core.spi.StoredProject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vellum cli audit verify|log}: check and read the project's audit trail. */
@Command(name = "audit", description = "Check and read the project's hash-chained audit trail.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Log.class})
public final class AuditCommand extends CommandGroup {
    /** {@code audit verify <project> [--json]}: exit 1 naming the first bad event when the trail was tampered with. */
    @Command(name = "verify", description = "Check every event's hash and link; exit 1 and name the first bad event when any"
            + " was changed, removed or reordered.")
    public static final class Verify extends ProjectSubcommand {
        @Override
        int run(StoredProject stored) throws Exception {
            AuditVerification v = stored.audit().verify();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("intact", v.intact());
                doc.put("events", v.events());
                doc.put("firstBadLine", v.firstBad());
                doc.put("problem", v.problem());
                doc.put("headHash", v.headHash());
                printJson(doc);
            } else if (v.intact()) {
                out.printf("Audit trail intact: %,d events; head %s%n", v.events(), v.headHash());
            } else {
                out.printf("Audit trail of %s is NOT intact: %s%n", location, v.problem());
                out.printf("%,d events before it check out (last good hash %s)%n", v.events(), v.headHash());
            }
            return v.intact() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }

    /** {@code audit log <project> [--item ID] [--json]}. */
    @Command(name = "log", description = "Print the audit trail, oldest first (or only the events about one item).")
    public static final class Log extends ProjectSubcommand {
        @Option(names = "--item", paramLabel = "ID", description = "Only events about this item.")
        String item;

        @Override
        int run(StoredProject stored) throws Exception {
            if (item != null && stored.project().item(item).isEmpty()) {
                err.println("note: " + location + " has no item '" + item + "' now; showing what the trail recorded about it");
            }
            List<AuditEvent> events = stored.audit().events(item);
            if (json) {
                printJson(Map.of("events", events.stream().map(Log::json).toList()));
                return ExitCodes.OK;
            }
            for (AuditEvent e : events) {
                String where = e.itemId().isEmpty() ? "" : e.itemId() + (e.annotator().isEmpty() ? "" : " " + e.annotator())
                        + (e.annotationId().isEmpty() ? "" : "/" + e.annotationId());
                out.printf("%6d  %s  %-10s %-22s v%-3d %s%s%n", e.seq(), e.time().toString().replaceFirst("\\.\\d+Z$", "Z"), e.user(),
                        e.kind(), e.guidelineVersion(), where, e.detail().isEmpty() ? "" : (where.isEmpty() ? "" : "  ") + e.detail());
            }
            out.printf("%,d events%n", events.size());
            return ExitCodes.OK;
        }

        private static Map<String, Object> json(AuditEvent e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", e.seq());
            m.put("time", e.time().toString());
            m.put("user", e.user());
            m.put("guidelineVersion", e.guidelineVersion());
            m.put("kind", e.kind());
            m.put("item", e.itemId());
            m.put("annotator", e.annotator());
            m.put("annotation", e.annotationId());
            m.put("detail", e.detail());
            m.put("before", e.before());
            m.put("after", e.after());
            m.put("hash", e.hash());
            return m;
        }
    }
}
