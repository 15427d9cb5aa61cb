package dev.vellum.cli.internal;

import dev.vellum.cli.Cli;
import dev.vellum.cli.ExitCodes;
import dev.vellum.cli.Services;
import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.registry.FormatRegistry;
import dev.vellum.core.registry.ModalityRegistry;
import dev.vellum.core.registry.StoreRegistry;
import dev.vellum.core.validation.Validator;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The headless application ({@code -application dev.vellum.cli.app}). Finds the installed services
 * through OSGi and runs one command line; the returned Integer is the process exit code.
 */
public final class CliApplication implements IApplication {
    private static final long SERVICE_WAIT_MS = 20_000;

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        BundleContext bc = FrameworkUtil.getBundle(CliApplication.class).getBundleContext();
        try {
            Services services = new Services(service(bc, StoreRegistry.class), service(bc, ModalityRegistry.class),
                    service(bc, FormatRegistry.class), service(bc, Validator.class), service(bc, AgreementRegistry.class));
            return new Cli(services).run(args == null ? new String[0] : args, out, err);
        } catch (IllegalStateException e) {
            err.println("vellum: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static <T> T service(BundleContext bc, Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(bc, type, null);
        tracker.open();
        T s = tracker.waitForService(SERVICE_WAIT_MS);
        if (s == null) {
            throw new IllegalStateException("the service " + type.getSimpleName()
                    + " did not start: is org.apache.felix.scr started in this installation?");
        }
        return s;
    }

    @Override
    public void stop() {
        // commands are short and finish on their own
    }
}
