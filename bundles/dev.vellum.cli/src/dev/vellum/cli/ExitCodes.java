package dev.vellum.cli;

/** The exit codes scripts rely on. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The command ran and found problems (validation findings, tampering). */
    public static final int FINDINGS = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** An input file or project could not be read. */
    public static final int BAD_INPUT = 3;

    private ExitCodes() {
    }
}
