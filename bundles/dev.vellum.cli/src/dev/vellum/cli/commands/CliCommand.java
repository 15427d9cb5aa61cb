package dev.vellum.cli.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vellum.cli.Services;
import dev.vellum.core.session.Users;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/** What every command has: the services, the output streams, and {@code --user}. */
public abstract class CliCommand implements Callable<Integer> {
    /** Writes JSON documents with stable, indented output. */
    protected static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Installed services. */
    protected Services services;
    /** Standard output: results. */
    protected PrintWriter out;
    /** Standard error: errors and progress. */
    protected PrintWriter err;

    @Option(names = "--user", paramLabel = "NAME",
            description = "Who is working, recorded in annotation sets and the audit trail (default: $VELLUM_USER, else the login name).")
    private String user;

    /** Called by the command factory before the command runs. */
    public void init(Services s, PrintWriter o, PrintWriter e) {
        this.services = s;
        this.out = o;
        this.err = e;
    }

    /** The acting user: {@code --user}, else {@code VELLUM_USER}, else the login name. */
    protected String user() {
        return user != null && !user.isBlank() ? user : Users.fromEnvironment();
    }

    /**
     * Opens the project at {@code location} with the store that accepts it.
     *
     * @throws StoreException naming the file and the problem
     */
    protected StoredProject open(String location) throws StoreException {
        return services.stores().open(location);
    }

    /** Prints {@code value} as one JSON document on standard output. */
    protected void printJson(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
