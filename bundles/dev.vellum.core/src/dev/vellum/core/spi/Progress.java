package dev.vellum.core.spi;

/**
 * Progress of long work (import, export, validation), reported to an Eclipse Job in the GUI or a
 * progress line in the CLI, without either depending on the other.
 */
public interface Progress {
    /** Progress that reports nothing and is never cancelled. */
    Progress NONE = new Progress() {
        @Override
        public void begin(String task, int totalWork) {
        }

        @Override
        public void worked(int work) {
        }

        @Override
        public boolean isCanceled() {
            return false;
        }
    };

    /** Starts a task of {@code totalWork} units (-1 when unknown). */
    void begin(String task, int totalWork);

    /** Reports {@code work} more units done. */
    void worked(int work);

    /** Whether the user asked to stop; long work checks it and stops promptly. */
    boolean isCanceled();
}
