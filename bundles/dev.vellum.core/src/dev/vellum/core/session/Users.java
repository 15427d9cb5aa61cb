package dev.vellum.core.session;

/** Who is working, when nobody said so explicitly: the same rule for the workbench and the CLI. */
public final class Users {
    private Users() {
    }

    /** The {@code VELLUM_USER} environment variable, else the login name. */
    public static String fromEnvironment() {
        String env = System.getenv("VELLUM_USER");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        return System.getProperty("user.name", "unknown");
    }
}
