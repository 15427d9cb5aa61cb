package dev.vellum.store.folder.bench;

import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.StoreException;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Measures the folder store on an existing project (e.g. one from {@link ProjectGenerator}): the
 * time to open it, and the time of {@code saveItem} for single items. The first open may build the
 * summary cache; the later ones show the warm case.
 */
public final class StoreBenchmark {
    /**
     * What was measured, in milliseconds.
     *
     * @param items        items in the project
     * @param opens        each open in order (the first may be cold)
     * @param saveMedian   median of the saves
     * @param saveMax      the slowest save
     * @param saves        how many saves were timed
     */
    public record Result(int items, List<Double> opens, double saveMedian, double saveMax, int saves) {
        @Override
        public String toString() {
            return String.format("%d items: open %s ms; saveItem median %.2f ms, max %.2f ms over %d saves", items,
                    opens.stream().map(d -> String.format("%.0f", d)).toList(), saveMedian, saveMax, saves);
        }
    }

    private StoreBenchmark() {
    }

    /**
     * Opens the project {@code opens} times, then loads, changes and saves {@code saves} items spread
     * over the project. The saves really change the project (each set's state moves on).
     *
     * @throws StoreException when the project cannot be opened or saved
     */
    public static Result measure(Path dir, int opens, int saves) throws StoreException {
        FolderProjectStore store = new FolderProjectStore();
        Double[] openMs = new Double[opens];
        for (int i = 0; i < opens; i++) {
            long t0 = System.nanoTime();
            store.open(dir.toString()).close();
            openMs[i] = (System.nanoTime() - t0) / 1e6;
        }
        try (FolderProject p = store.open(dir.toString())) {
            List<String> ids = p.project().itemIds();
            double[] saveMs = new double[Math.min(saves, ids.size())];
            for (int i = 0; i < saveMs.length; i++) {
                Item item = p.loadItem(ids.get((int) ((long) i * ids.size() / saveMs.length)));
                item.sets().forEach(s -> s.setState(AnnotationState.values()[(s.state().ordinal() + 1) % AnnotationState.values().length]));
                long t0 = System.nanoTime();
                p.saveItem(item);
                saveMs[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(saveMs);
            return new Result(ids.size(), List.of(openMs), saveMs.length == 0 ? 0 : saveMs[saveMs.length / 2],
                    saveMs.length == 0 ? 0 : saveMs[saveMs.length - 1], saveMs.length);
        }
    }

    /** {@code <project dir> [opens] [saves]}: prints one line of results; exits with 3 when the project cannot be read. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: StoreBenchmark <project-dir> [opens=5] [saves=50]");
            System.exit(2);
        }
        try {
            System.out.println(measure(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 5,
                    args.length > 2 ? Integer.parseInt(args[2]) : 50));
        } catch (StoreException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
    }
}
