package dev.vellum.store.folder.tests;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Provenance;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer {@link CrashTest} kills: a plain main (no JUnit, no OSGi) that saves the items of a
 * small project over and over, each generation making every annotation of an item carry the same
 * generation number and the item a checksum of its content. Every few generations it also saves
 * the manifest and closes and reopens the project (which writes the summary cache).
 */
public final class CrashChild {
    static final int ITEMS = 5;

    private CrashChild() {
    }

    /** {@code <project dir>}: runs until killed. */
    public static void main(String[] args) throws Exception {
        String dir = Path.of(args[0]).toString();
        FolderProjectStore store = new FolderProjectStore();
        FolderProject p = store.open(dir);
        long gen = 0;
        for (String id : p.project().itemIds()) {
            gen = Math.max(gen, generationOf(p.loadItem(id)));
        }
        System.out.println("ready " + gen);
        System.out.flush();
        while (true) {
            gen++;
            for (int i = 0; i < ITEMS; i++) {
                p.saveItem(item(i, gen));
            }
            if (gen % 4 == 0) {
                p.project().setName("crash test generation " + gen);
                p.saveProject();
            }
            if (gen % 16 == 0) {
                p.close();
                p = store.open(dir);
            }
        }
    }

    static String id(int i) {
        return "item-" + i;
    }

    /**
     * Item {@code i} as generation {@code gen} writes it; its size varies from one generation to the
     * next. Generations are ints so that they read back as the same Integer values.
     */
    static Item item(int i, long gen) {
        int count = 1 + (int) ((gen + i) % 9);
        Instant t = Instant.ofEpochSecond(1_700_000_000L + gen);
        List<Annotation> annotations = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("gen", (int) gen);
            payload.put("pad", "x".repeat((int) ((gen * 31 + j * 7) % 400)));
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("gen", (int) gen);
            annotations.add(new Annotation("a" + j, "image.bbox", "car", attributes, 1, payload, Provenance.HUMAN, "crash", t, t));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("gen", (int) gen);
        metadata.put("count", count);
        metadata.put("checksum", checksum(annotations));
        AnnotationState state = AnnotationState.values()[(int) (gen % AnnotationState.values().length)];
        return new Item(id(i), "crash", List.of(new Asset("media/" + i + ".png", "image", "", Map.of())), metadata, List.of("crash"),
                List.of(new AnnotationSet("crash", state, (int) (gen % 1000), t, t, annotations)));
    }

    private static long checksum(List<Annotation> annotations) {
        long sum = 17;
        for (Annotation a : annotations) {
            sum = sum * 31 + a.id().hashCode();
            sum = sum * 31 + ((Number) a.payload().get("gen")).longValue();
            sum = sum * 31 + ((String) a.payload().get("pad")).length();
            sum = sum * 31 + ((Number) a.attributes().get("gen")).longValue();
        }
        return sum;
    }

    /** The generation an item was written in. */
    static long generationOf(Item item) {
        return ((Number) item.metadata().get("gen")).longValue();
    }

    /** Null when the item is exactly as some generation wrote it; else what is inconsistent. */
    static String inconsistency(int i, Item item) {
        long gen = generationOf(item);
        Item expected = item(i, gen);
        List<Annotation> actual = item.sets().iterator().next().annotations();
        List<Annotation> wanted = expected.sets().iterator().next().annotations();
        if (!actual.equals(wanted)) {
            return "annotations of " + item.id() + " do not all belong to generation " + gen + ": " + actual.size() + " vs "
                    + wanted.size();
        }
        if (((Number) item.metadata().get("checksum")).longValue() != checksum(actual)) {
            return "checksum of " + item.id() + " does not match its annotations";
        }
        if (!item.summary().equals(expected.summary())) {
            return "summary of " + item.id() + " differs from generation " + gen;
        }
        return null;
    }
}
