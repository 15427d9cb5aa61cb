package dev.vellum.cli.internal;

import dev.vellum.core.spi.Progress;
import java.io.PrintWriter;

/**
 * Progress on one line of standard error, rewritten in place at most a few times a second, and only
 * when standard error is a terminal ({@code -Dvellum.progress=1}, which {@code ./vellum} sets then),
 * so logs and pipes stay clean.
 */
public final class ProgressLine implements Progress {
    private final PrintWriter err;
    private final boolean enabled;
    private String task = "";
    private int total = -1;
    private int done;
    private long lastPrint;

    public ProgressLine(PrintWriter err) {
        this.err = err;
        // Only the launcher knows whether standard error is a terminal (System.console() looks at
        // the other streams, and on newer JDKs answers even when they are redirected).
        this.enabled = "1".equals(System.getProperty("vellum.progress")) && !"true".equals(System.getenv("CI"));
    }

    @Override
    public void begin(String taskName, int totalWork) {
        this.task = taskName;
        this.total = totalWork;
        this.done = 0;
        print(true);
    }

    @Override
    public void worked(int work) {
        done += work;
        print(total > 0 && done >= total);
    }

    @Override
    public boolean isCanceled() {
        return false;
    }

    private void print(boolean force) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastPrint < 200_000_000L) {
            return;
        }
        lastPrint = now;
        String pct = total > 0 ? String.format(" %3d%%", (int) (100L * done / total)) : "";
        err.print("\r" + task + pct + " (" + done + (total > 0 ? "/" + total : "") + ")");
        if (total > 0 && done >= total) {
            err.println();
        }
        err.flush();
    }
}
