package dev.vellum.cli.commands;

import dev.vellum.cli.ExitCodes;
import dev.vellum.core.model.Ids;
import dev.vellum.core.spi.StoredProject;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vellum cli init <dir> [--name NAME]}: creates an empty project. */
@Command(name = "init", description = "Create an empty project in a new or empty folder.")
public final class InitCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "<dir>", description = "The project folder to create.")
    Path dir;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name (default: the folder name).")
    String name;

    @Override
    public Integer call() throws Exception {
        Path abs = dir.toAbsolutePath().normalize();
        String displayName = name != null ? name : String.valueOf(abs.getFileName());
        String id = displayName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        if (!Ids.isValid(id)) {
            id = Ids.random();
        }
        try (StoredProject p = services.stores().create(abs.toString(), id, displayName)) {
            out.println("Created project '" + p.project().name() + "' in " + abs);
        }
        return ExitCodes.OK;
    }
}
