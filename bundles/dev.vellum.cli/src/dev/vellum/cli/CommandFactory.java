package dev.vellum.cli;

import dev.vellum.cli.commands.CliCommand;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Gives every command the installed services and the output streams. */
final class CommandFactory implements CommandLine.IFactory {
    private final Services services;
    private final PrintWriter out;
    private final PrintWriter err;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(Services services, PrintWriter out, PrintWriter err) {
        this.services = services;
        this.out = out;
        this.err = err;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        K k = fallback.create(cls);
        if (k instanceof CliCommand c) {
            c.init(services, out, err);
        }
        return k;
    }
}
