package dev.vellum.cli.commands;

import dev.vellum.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vellum cli}: lists the commands when none is given. */
@Command(name = "vellum cli", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "Vellum 0.1.0",
        description = "Vellum's headless commands. Exit codes: 0 ok, 1 findings, 2 usage error, 3 bad input.",
        subcommands = {InitCommand.class, InfoCommand.class, FormatsCommand.class, ValidateCommand.class,
            ImportCommand.class, ExportCommand.class, GuidelinesCommand.class, FaqCommand.class, AuditCommand.class,
            BenchCommand.class, QueueCommand.class, ReviewCommand.class, WorkflowCommand.class,
            GoldCommand.class, AgreementCommand.class, ReportCommand.class, RulesCommand.class})
public final class RootCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
