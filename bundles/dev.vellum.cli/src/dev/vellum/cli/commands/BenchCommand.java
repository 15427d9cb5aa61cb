package dev.vellum.cli.commands;

import dev.vellum.cli.ExitCodes;
import dev.vellum.core.edit.ReplaceAnnotation;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.Item;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.raster.RasterImages;
import dev.vellum.modality.image.raster.bench.RasterBenchmark;
import dev.vellum.store.folder.bench.ProjectGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vellum cli bench ...}: make large projects and measure the store on them. */
@Command(name = "bench", description = "Benchmarks: generate large projects, time opening and saving.",
        subcommands = {BenchCommand.Generate.class, BenchCommand.Open.class, BenchCommand.Save.class, BenchCommand.Audit.class,
                BenchCommand.Image.class, BenchCommand.Coco.class, BenchCommand.Pairs.class})
public final class BenchCommand extends CommandGroup {
    /** {@code bench generate <dir> --items N --annotations M}. */
    @Command(name = "generate", description = "Write a synthetic project of N items with M annotations each.")
    public static final class Generate extends CliCommand {
        @Parameters(index = "0", paramLabel = "<dir>", description = "A new or empty folder.")
        Path dir;

        @Option(names = "--items", required = true, paramLabel = "N")
        int items;

        @Option(names = "--annotations", required = true, paramLabel = "M", description = "Annotations per item.")
        int annotations;

        @Override
        public Integer call() throws Exception {
            if (items < 0 || annotations < 0) {
                throw new dev.vellum.cli.Cli.UsageException("--items and --annotations must not be negative");
            }
            long t0 = System.nanoTime();
            long bytes = new ProjectGenerator(items, annotations).generate(dir.toAbsolutePath());
            double s = (System.nanoTime() - t0) / 1e9;
            out.printf("Generated %,d items x %,d annotations in %s (%,d MB of item files, %.1f s)%n", items, annotations, dir,
                    bytes / (1024 * 1024), s);
            return ExitCodes.OK;
        }
    }

    /** {@code bench coco --images N --annotations M --out FILE}: a COCO file to time import and export with. */
    @Command(name = "coco", description = "Write a synthetic COCO instances file (the same arguments give the same bytes).")
    public static final class Coco extends CliCommand {
        @Option(names = "--images", defaultValue = "5000", paramLabel = "N")
        int images;

        @Option(names = "--annotations", defaultValue = "1000000", paramLabel = "M", description = "Annotations in all.")
        int annotations;

        @Option(names = "--polygon-points", defaultValue = "6", paramLabel = "K",
                description = "Points of each annotation's segmentation polygon; 0 for boxes only.")
        int polygonPoints;

        @Option(names = "--seed", defaultValue = "42")
        long seed;

        @Option(names = "--out", required = true, paramLabel = "FILE")
        Path outFile;

        @Override
        public Integer call() throws Exception {
            dev.vellum.modality.image.io.CocoGenerator generator;
            try {
                generator = new dev.vellum.modality.image.io.CocoGenerator(images, annotations, polygonPoints, seed);
            } catch (IllegalArgumentException e) {
                throw new dev.vellum.cli.Cli.UsageException(e.getMessage());
            }
            long t0 = System.nanoTime();
            long bytes = generator.write(outFile);
            out.printf("Generated %s: %,d images, %,d annotations (%,d MB, %.1f s)%n", outFile, images, annotations,
                    bytes / (1024 * 1024), (System.nanoTime() - t0) / 1e9);
            return ExitCodes.OK;
        }
    }

    /** {@code bench pairs --pairs N --out FILE}: an HH-RLHF file of preference pairs to time import and export with. */
    @Command(name = "pairs", description = "Write a synthetic HH-RLHF preference file (the same arguments give the same bytes).")
    public static final class Pairs extends CliCommand {
        @Option(names = "--pairs", defaultValue = "100000", paramLabel = "N")
        int pairs;

        @Option(names = "--seed", defaultValue = "42")
        long seed;

        @Option(names = "--out", required = true, paramLabel = "FILE")
        Path outFile;

        @Override
        public Integer call() throws Exception {
            dev.vellum.modality.preference.io.PairGenerator generator;
            try {
                generator = new dev.vellum.modality.preference.io.PairGenerator(pairs, seed);
            } catch (IllegalArgumentException e) {
                throw new dev.vellum.cli.Cli.UsageException(e.getMessage());
            }
            long t0 = System.nanoTime();
            long bytes = generator.write(outFile);
            out.printf("Generated %s: %,d pairs (%,d MB, %.1f s)%n", outFile, pairs, bytes / (1024 * 1024), (System.nanoTime() - t0) / 1e9);
            return ExitCodes.OK;
        }
    }

    /** {@code bench open <project>}: how long opening takes, and the heap it needs. */
    @Command(name = "open", description = "Time opening a project (item summaries included) and report heap used.")
    public static final class Open extends CliCommand {
        @Parameters(index = "0", paramLabel = "<project>")
        String location;

        @Option(names = "--repeat", defaultValue = "5", paramLabel = "K")
        int repeat;

        @Override
        public Integer call() throws Exception {
            List<Double> ms = new ArrayList<>();
            int n = 0;
            long heapMb = 0;
            Runtime rt = Runtime.getRuntime();
            for (int i = 0; i < repeat; i++) {
                long t0 = System.nanoTime();
                try (StoredProject p = open(location)) {
                    ms.add((System.nanoTime() - t0) / 1e6);
                    n = p.project().itemCount();
                    // heap held by an open project: measured while it is still open
                    System.gc();
                    heapMb = Math.max(heapMb, (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
                }
            }
            printJson(summary(Map.of("operation", "open", "items", n), ms, heapMb));
            return ExitCodes.OK;
        }
    }

    /** {@code bench save <project>}: how long saving one changed item takes. */
    @Command(name = "save", description = "Time changing one annotation and saving, repeated on different items.")
    public static final class Save extends CliCommand {
        @Parameters(index = "0", paramLabel = "<project>")
        String location;

        @Option(names = "--repeat", defaultValue = "50", paramLabel = "K")
        int repeat;

        @Override
        public Integer call() throws Exception {
            List<Double> ms = new ArrayList<>();
            try (StoredProject stored = open(location)) {
                requireGenerated(stored);
                ProjectSession session = new ProjectSession(stored, user());
                List<String> ids = stored.project().itemIds();
                if (ids.isEmpty()) {
                    throw new dev.vellum.cli.Cli.BadInputException(location + ": the project has no items to save");
                }
                for (int i = 0; i < repeat; i++) {
                    String id = ids.get((int) ((long) i * 7919 % ids.size()));
                    Item item = session.load(id);
                    var set = item.sets().stream().filter(s -> !s.annotations().isEmpty()).findFirst();
                    if (set.isEmpty()) {
                        continue;
                    }
                    Annotation a = set.get().annotations().get(0);
                    session.execute(new ReplaceAnnotation(id, set.get().annotator(),
                            a.withLabel(a.label().endsWith("*") ? a.label().substring(0, a.label().length() - 1) : a.label() + "*", user()),
                            "Relabel"));
                    long t0 = System.nanoTime();
                    session.save();
                    ms.add((System.nanoTime() - t0) / 1e6);
                }
                printJson(summary(Map.of("operation", "save one item", "items", stored.project().itemCount()), ms, -1));
            }
            return ExitCodes.OK;
        }
    }

    /**
     * {@code bench audit <project> --events N}: grows the audit trail by N annotation-change events
     * spread over the project's items, then times checking it, reading one item's history and
     * appending one event (what each save adds).
     */
    @Command(name = "audit", description = "Append N synthetic events to the audit trail, then time verify, one item's history"
            + " and a single append.")
    public static final class Audit extends CliCommand {
        @Parameters(index = "0", paramLabel = "<project>")
        String location;

        @Option(names = "--events", required = true, paramLabel = "N")
        int events;

        @Option(names = "--repeat", defaultValue = "5", paramLabel = "K")
        int repeat;

        @Override
        public Integer call() throws Exception {
            try (StoredProject stored = open(location)) {
                requireGenerated(stored);
                var log = stored.audit();
                List<String> ids = stored.project().itemIds();
                if (ids.isEmpty()) {
                    throw new dev.vellum.cli.Cli.BadInputException(location + ": the project has no items");
                }
                long t0 = System.nanoTime();
                List<dev.vellum.core.audit.AuditEvent> batch = new ArrayList<>();
                Map<String, Object> box = new LinkedHashMap<>();
                box.put("x", 120.5);
                box.put("y", 88);
                box.put("w", 64);
                box.put("h", 32.25);
                for (int i = 0; i < events; i++) {
                    Map<String, Object> ann = new LinkedHashMap<>();
                    ann.put("id", "a" + (i % 50));
                    ann.put("type", "image.bbox");
                    ann.put("label", "car");
                    ann.put("payload", box);
                    batch.add(dev.vellum.core.audit.AuditEvent.of(dev.vellum.core.audit.AuditEvent.ANNOTATION_CHANGED, user(), 1, "car")
                            .about(ids.get(i % ids.size()), "alice", "a" + (i % 50)).change(ann, ann));
                    if (batch.size() == 1000 || i == events - 1) {
                        log.append(batch);
                        batch.clear();
                    }
                }
                double fillS = (System.nanoTime() - t0) / 1e9;
                List<Double> verify = new ArrayList<>();
                List<Double> history = new ArrayList<>();
                List<Double> append = new ArrayList<>();
                long total = 0;
                for (int r = 0; r < repeat; r++) {
                    long a = System.nanoTime();
                    total = log.verify().events();
                    verify.add((System.nanoTime() - a) / 1e6);
                    a = System.nanoTime();
                    log.events(ids.get(r * 31 % ids.size()));
                    history.add((System.nanoTime() - a) / 1e6);
                    a = System.nanoTime();
                    log.append(List.of(dev.vellum.core.audit.AuditEvent.of("bench.append", user(), 1, "one save's worth")));
                    append.add((System.nanoTime() - a) / 1e6);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("eventsInLog", total);
                doc.put("appendedPerSecond", Math.round(events / Math.max(fillS, 1e-9)));
                doc.put("verify", summary(Map.of(), verify, -1));
                doc.put("itemHistory", summary(Map.of(), history, -1));
                doc.put("appendOne", summary(Map.of(), append, -1));
                printJson(doc);
            }
            return ExitCodes.OK;
        }
    }

    /**
     * {@code bench image --size N --out FILE}: writes (or reuses) a synthetic N x N tiled TIFF,
     * then times building its tile pyramid, opening the built pyramid and fetching the tiles of a
     * 1440 x 900 view at fit zoom and at 1:1.
     */
    @Command(name = "image", description = "Write a synthetic N x N tiled TIFF (never whole in memory; reused when --out"
            + " already has that size), then time building its tile pyramid (with peak heap), opening it, and fetching"
            + " a 1440 x 900 view's tiles at fit zoom and 1:1.")
    public static final class Image extends CliCommand {
        @Option(names = "--size", defaultValue = "20000", paramLabel = "N", description = "Width and height in pixels.")
        int size;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The TIFF to write or reuse.")
        Path file;

        @Option(names = "--cache", paramLabel = "DIR", description = "Where the pyramid goes (default: FILE.cache).")
        Path cache;

        @Option(names = "--repeat", defaultValue = "5", paramLabel = "K")
        int repeat;

        @Override
        public Integer call() throws Exception {
            if (size < 1 || repeat < 1) {
                throw new dev.vellum.cli.Cli.UsageException("--size and --repeat must be positive");
            }
            Path image = file.toAbsolutePath();
            Map<String, Object> doc = new LinkedHashMap<>();
            boolean reuse = false;
            if (Files.isRegularFile(image)) {
                var info = RasterImages.probe(image);
                reuse = info.width() == size && info.height() == size;
            }
            if (!reuse) {
                long t0 = System.nanoTime();
                RasterBenchmark.writePatternTiff(image, size, size);
                doc.put("generateSeconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
            }
            Path dir = cache != null ? cache.toAbsolutePath() : image.resolveSibling(image.getFileName() + ".cache");
            doc.putAll(RasterBenchmark.run(image, dir, repeat));
            printJson(doc);
            return ExitCodes.OK;
        }
    }

    /**
     * Benchmarks that write (relabelled annotations, synthetic audit events that can never be
     * removed) run only on projects {@code bench generate} made.
     */
    static void requireGenerated(StoredProject stored) {
        if (!ProjectGenerator.isGenerated(stored.project())) {
            throw new dev.vellum.cli.Cli.UsageException(stored.location() + " was not made by 'bench generate': this benchmark"
                    + " writes into the project, so it runs only on generated ones");
        }
    }

    /** Median, min and max of the timings, with what was measured. */
    static Map<String, Object> summary(Map<String, Object> what, List<Double> ms, long heapMb) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        Map<String, Object> doc = new LinkedHashMap<>(what);
        doc.put("runs", sorted.size());
        doc.put("medianMs", sorted.isEmpty() ? 0 : round(sorted.get(sorted.size() / 2)));
        doc.put("minMs", sorted.isEmpty() ? 0 : round(sorted.get(0)));
        doc.put("maxMs", sorted.isEmpty() ? 0 : round(sorted.get(sorted.size() - 1)));
        if (heapMb >= 0) {
            doc.put("heapUsedMb", heapMb);
        }
        return doc;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
