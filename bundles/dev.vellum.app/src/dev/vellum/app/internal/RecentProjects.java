package dev.vellum.app.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.core.runtime.ILog;

/**
 * The projects opened lately, most recent first, at most {@link #MAX}; kept in a text file with one
 * location a line so it survives restarts and can be read by people. Writes are atomic: a crash
 * leaves either the old or the new list.
 */
public final class RecentProjects {
    /** How many projects are remembered. */
    public static final int MAX = 10;

    private final Path file;

    /** @param file where the list is kept; created on first write */
    public RecentProjects(Path file) {
        this.file = Objects.requireNonNull(file);
    }

    /** The list in {@code ${user.home}/.vellum/recent-projects.txt}. */
    public static RecentProjects inUserHome() {
        return new RecentProjects(Path.of(System.getProperty("user.home"), ".vellum", "recent-projects.txt"));
    }

    /** The file the list is kept in. */
    public Path file() {
        return file;
    }

    /** The locations, most recent first; empty when the file is missing or unreadable. */
    public List<String> list() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String location = line.strip();
                if (!location.isEmpty() && !out.contains(location) && out.size() < MAX) {
                    out.add(location);
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            // A broken list must never keep the workbench from starting: it is only a convenience.
            ILog.of(RecentProjects.class).warn(file + ": cannot read the recent projects list: " + e.getMessage());
            return List.of();
        }
    }

    /** Puts {@code location} first, dropping the oldest beyond {@link #MAX}. */
    public void add(String location) {
        List<String> list = new ArrayList<>(list());
        list.remove(location);
        list.add(0, location);
        write(list.subList(0, Math.min(MAX, list.size())));
    }

    /** Forgets {@code location} (e.g. after it failed to open because it is gone). */
    public void remove(String location) {
        List<String> list = new ArrayList<>(list());
        if (list.remove(location)) {
            write(list);
        }
    }

    private void write(List<String> locations) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, (String.join("\n", locations) + "\n").getBytes(StandardCharsets.UTF_8));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            ILog.of(RecentProjects.class).warn(file + ": cannot write the recent projects list: " + e.getMessage());
        }
    }
}
