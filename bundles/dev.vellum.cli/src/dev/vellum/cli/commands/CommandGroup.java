package dev.vellum.cli.commands;

import dev.vellum.cli.ExitCodes;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code audit}, {@code faq}...): run alone, it prints its usage. */
abstract class CommandGroup extends CliCommand {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        spec.commandLine().usage(err);
        return ExitCodes.USAGE;
    }
}
