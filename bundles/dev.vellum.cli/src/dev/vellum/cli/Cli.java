package dev.vellum.cli;

import dev.vellum.cli.commands.RootCommand;
import dev.vellum.core.spi.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Runs one command line. Independent of OSGi: the product's application passes the installed
 * services, tests pass their own.
 */
public final class Cli {
    private final Services services;

    public Cli(Services services) {
        this.services = services;
    }

    /**
     * Runs {@code args} (without the leading "cli"), printing results to {@code out} and errors, one
     * clear line each, to {@code err}.
     *
     * @return the exit code: see {@link ExitCodes}
     */
    public int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        CommandLine cl = new CommandLine(new RootCommand(), new CommandFactory(services, outWriter, errWriter));
        cl.setOut(outWriter);
        cl.setErr(errWriter);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ParameterException e, String[] a) -> {
            errWriter.println("vellum: " + e.getMessage());
            CommandLine c = e.getCommandLine();
            errWriter.println("Usage: " + c.getCommandSpec().qualifiedName() + " --help for the options");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable e = ex;
            if (e instanceof UncheckedIOException u) {
                e = u.getCause();
            }
            if (e instanceof StoreException || e instanceof IOException || e instanceof BadInputException) {
                errWriter.println("vellum: " + oneLine(e));
                return ExitCodes.BAD_INPUT;
            }
            if (e instanceof UsageException) {
                errWriter.println("vellum: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            // Anything else is a defect (ours or a plugin's) met on this input. Exit 1 would read as
            // "findings" to a script, so it is reported as bad input, in one line; VELLUM_DEBUG=1
            // adds the stack trace for whoever investigates.
            errWriter.println("vellum: internal error: " + oneLine(e) + " (" + e.getClass().getName() + ")");
            if (System.getenv("VELLUM_DEBUG") != null) {
                e.printStackTrace(errWriter);
            }
            return ExitCodes.BAD_INPUT;
        });
        return cl.execute(args);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        if (e instanceof java.nio.file.NoSuchFileException n) {
            m = n.getFile() + ": no such file or folder";
        } else if (e instanceof java.nio.file.AccessDeniedException a) {
            m = a.getFile() + ": permission denied";
        }
        return m.replace('\n', ' ');
    }

    /** An input the user gave cannot be used; exit code 3. The message names the file and the problem. */
    public static final class BadInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadInputException(String message) {
            super(message);
        }
    }

    /** The command line asks for something impossible; exit code 2. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
