package dev.vellum.cli.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vellum.cli.Cli;
import dev.vellum.cli.Services;
import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.registry.FormatRegistry;
import dev.vellum.core.registry.ModalityRegistry;
import dev.vellum.core.registry.StoreRegistry;
import dev.vellum.core.validation.Validator;
import dev.vellum.store.folder.FolderProjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Runs the CLI in-process with the folder store and {@link #formats}, keeping what it printed. */
abstract class CliTestBase {
    /** Formats the commands see; tests add their own. */
    protected final FormatRegistry formats = new FormatRegistry();
    /** Agreement units the commands see; tests add their own. */
    protected final AgreementRegistry agreements = new AgreementRegistry();
    /** Standard output of the last run. */
    protected String out;
    /** Standard error of the last run. */
    protected String err;

    /** Runs one command line; returns its exit code. */
    protected int run(String... args) {
        StoreRegistry stores = new StoreRegistry();
        stores.addStore(new FolderProjectStore());
        ModalityRegistry modalities = new ModalityRegistry();
        Services services = new Services(stores, modalities, formats, new Validator(modalities), agreements);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = new Cli(services).run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    /** A copy of the bundled samples/demo in {@code dir}, for commands that change it; returns its path. */
    protected static String sampleCopy(Path dir) throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("samples/demo/vellum.json"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IOException("samples/demo not found above " + System.getProperty("user.dir"));
        }
        Path source = root.resolve("samples/demo");
        Path copy = dir.resolve("demo");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return copy.toString();
    }

    /** The last run's standard output as JSON. */
    protected JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out);
    }
}
