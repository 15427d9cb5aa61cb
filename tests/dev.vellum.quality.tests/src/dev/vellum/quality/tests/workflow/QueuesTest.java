package dev.vellum.quality.tests.workflow;

import static dev.vellum.quality.tests.workflow.MemoryProject.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.quality.gold.GoldItems;
import dev.vellum.quality.workflow.QualitySettings;
import dev.vellum.quality.workflow.Queues;
import dev.vellum.quality.workflow.Queues.SetRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueuesTest {
    private static void settings(MemoryProject p, QualitySettings s) {
        s.writeTo(p.project());
    }

    /** The annotator takes their next item and hands it in, until the queue is empty; returns what they got. */
    private static List<String> workThrough(MemoryProject p, String annotator, int max) throws Exception {
        Queues q = new Queues(p);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            Optional<String> next = q.next(annotator);
            if (next.isEmpty()) {
                break;
            }
            got.add(next.get());
            p.work(next.get(), annotator, AnnotationState.SUBMITTED);
        }
        return got;
    }

    @Test
    void overlapOfTwoWithThreeAnnotatorsGivesEveryItemTwoSets() throws Exception {
        MemoryProject p = new MemoryProject(2, "review");
        for (int i = 1; i <= 9; i++) {
            p.add(String.format("x-%02d", i), "");
        }
        Queues q = new Queues(p);
        List<String> order = List.of("alice", "bob", "carol");
        Map<String, List<String>> got = new HashMap<>();
        boolean any = true;
        while (any) {
            any = false;
            for (String a : order) {
                Optional<String> next = q.next(a);
                if (next.isPresent()) {
                    any = true;
                    assertFalse(p.project().item(next.get()).orElseThrow().hasAnnotator(a), a + " got " + next.get() + " twice");
                    p.work(next.get(), a, AnnotationState.SUBMITTED);
                    got.computeIfAbsent(a, k -> new ArrayList<>()).add(next.get());
                }
            }
        }
        for (ItemSummary s : p.project().items()) {
            assertEquals(2, s.sets().size(), s.id() + " " + s.sets());
        }
        assertEquals(18, got.values().stream().mapToInt(List::size).sum());
        assertEquals(List.of("x-01", "x-02", "x-04", "x-05", "x-07", "x-08"), got.get("alice"), "each takes the first item not yet full");
        assertEquals(List.of("x-02", "x-03", "x-05", "x-06", "x-08", "x-09"), got.get("carol"));
    }

    @Test
    void rejectedWorkComesFirstThenWorkInProgressThenNewItemsByDatasetAndId() throws Exception {
        MemoryProject p = new MemoryProject(1, "review");
        p.add("b-1", "beta");
        p.add("a-2", "alpha");
        p.add("a-1", "alpha");
        p.add("z-1", "alpha", set("alice", AnnotationState.IN_PROGRESS));
        p.add("z-2", "beta", set("alice", AnnotationState.REJECTED));
        p.add("c-1", "alpha", set("bob", AnnotationState.IN_PROGRESS));
        p.add("d-1", "alpha", set("alice", AnnotationState.SUBMITTED));
        Queues q = new Queues(p);
        assertEquals(List.of("z-2", "z-1", "a-1", "a-2", "b-1"), q.queue("alice", 10));
        assertEquals(List.of("z-2", "z-1"), q.queue("alice", 2));
        assertEquals(Optional.of("z-2"), q.next("alice"));
        assertEquals(List.of("c-1", "a-1", "a-2", "b-1"), q.queue("bob", 10), "c-1 is full for alice (overlap 1) but is bob's work");
        settings(p, QualitySettings.DEFAULT.withUsers(List.of("bob"), List.of(), List.of()));
        assertEquals(List.of(), q.queue("alice", 10), "alice is not an annotator any more");
    }

    @Test
    void goldItemsComeAtTheGoldRateDeterministicallyAndNeverTwice() throws Exception {
        List<String> first = goldRun(42);
        List<String> again = goldRun(42);
        assertEquals(first, again, "the same state and seed give the same items");
        assertNotEquals(first, goldRun(7), "another seed draws anew");

        assertEquals(1000, first.size());
        assertEquals(1000, new HashSet<>(first).size(), "nothing offered twice");
        long gold = first.stream().filter(id -> id.startsWith("g")).count();
        // 1,000 draws at 0.1: 100 expected, standard deviation 9.5; 3.2 sigma either side
        assertTrue(gold >= 70 && gold <= 130, "gold items: " + gold);
        System.out.printf("gold items among 1,000 at rate 0.1 (seed 42): %d%n", gold);
    }

    /** 1,000 ordinary items and 300 gold items, overlap 1, gold rate 0.1: what alice gets, in order. */
    private static List<String> goldRun(long seed) throws Exception {
        MemoryProject p = new MemoryProject(1, "review");
        GoldItems gold = new GoldItems(p.documents());
        for (int i = 0; i < 1000; i++) {
            p.add(String.format("i%04d", i), "d");
        }
        for (int i = 0; i < 300; i++) {
            // gold only in the project documents: the item itself is like any other
            String id = String.format("g%04d", i);
            p.add(id, "d");
            gold.mark(id, set("rita", AnnotationState.ACCEPTED, "a1"), "rita");
        }
        settings(p, QualitySettings.DEFAULT.withRates(0.1, 0.1, 0.8).withSeed(seed));
        List<String> predicted = new Queues(p).queue("alice", 40);
        List<String> got = workThrough(p, "alice", 1000);
        assertEquals(predicted, got.subList(0, 40), "queue() foretells what next() hands out");
        return got;
    }

    @Test
    void goldItemsAreNotHeldBackByTheOverlapButOrdinaryOnesAre() throws Exception {
        MemoryProject p = new MemoryProject(1, "review");
        GoldItems gold = new GoldItems(p.documents());
        p.add("g1", "", set("bob", AnnotationState.SUBMITTED));
        gold.mark("g1", set("rita", AnnotationState.ACCEPTED), "rita");
        p.add("o1", "", set("bob", AnnotationState.SUBMITTED));
        p.add("o2", "");
        settings(p, QualitySettings.DEFAULT.withRates(0.1, 1.0, 0.8));
        assertEquals(List.of("g1", "o2"), new Queues(p).queue("alice", 5));
    }

    @Test
    void reviewersGetOthersSubmittedSets() throws Exception {
        MemoryProject p = new MemoryProject(2, "review");
        p.add("b", "", set("alice", AnnotationState.SUBMITTED), set("carol", AnnotationState.IN_REVIEW));
        p.add("a", "", set("bob", AnnotationState.SUBMITTED), set("alice", AnnotationState.ACCEPTED));
        p.add("c", "", set("alice", AnnotationState.IN_PROGRESS));
        Queues q = new Queues(p);
        assertEquals(List.of(new SetRef("b", "alice"), new SetRef("b", "carol")), q.toReview("bob", 10));
        assertEquals(Optional.of("a"), q.nextToReview("alice"));
        assertEquals(List.of(new SetRef("a", "bob"), new SetRef("b", "carol")), q.toReview("alice", 10), "never one's own");
        settings(p, QualitySettings.DEFAULT.withUsers(List.of(), List.of("rev"), List.of()));
        assertEquals(Optional.empty(), q.nextToReview("bob"), "only listed reviewers review");
        assertEquals(Optional.of(new SetRef("a", "bob")), q.nextSetToReview("rev"));

        MemoryProject noReview = new MemoryProject(1, "audit");
        noReview.add("a", "", set("bob", AnnotationState.SUBMITTED));
        assertEquals(Optional.empty(), new Queues(noReview).nextToReview("rev"));
    }

    @Test
    void auditSamplesAcceptedSetsAtTheAuditRate() throws Exception {
        MemoryProject p = new MemoryProject(2, "review", "audit");
        for (int i = 0; i < 1000; i++) {
            p.add(String.format("i%04d", i), "", set("alice", AnnotationState.ACCEPTED), set("bob", AnnotationState.ACCEPTED));
        }
        p.add("j", "", set("carol", AnnotationState.SUBMITTED), set("dora", AnnotationState.AUDITED));
        settings(p, QualitySettings.DEFAULT.withRates(0.2, 0, 0.8).withSeed(3));
        Queues q = new Queues(p);
        List<SetRef> sample = q.toAudit("eve", Integer.MAX_VALUE);
        // 2,000 sets at 0.2: 400 expected, standard deviation 17.9
        assertTrue(sample.size() >= 340 && sample.size() <= 460, "sampled " + sample.size());
        System.out.printf("accepted sets sampled for audit among 2,000 at rate 0.2 (seed 3): %d%n", sample.size());
        assertEquals(sample, new Queues(p).toAudit("eve", Integer.MAX_VALUE), "deterministic");
        for (SetRef r : sample) {
            assertTrue(q.sampledForAudit(r.itemId(), r.annotator()));
            assertFalse(r.itemId().equals("j"), "only accepted sets");
        }
        Set<SetRef> forAlice = new HashSet<>(q.toAudit("alice", Integer.MAX_VALUE));
        assertTrue(forAlice.stream().noneMatch(r -> r.annotator().equals("alice")), "never one's own");
        assertEquals(sample.stream().filter(r -> r.annotator().equals("bob")).count(), forAlice.size());
        assertEquals(Optional.of(sample.get(0).itemId()), q.nextToAudit("eve"));

        settings(p, QualitySettings.DEFAULT.withRates(0.0, 0, 0.8));
        assertEquals(Optional.empty(), q.nextToAudit("eve"));
        settings(p, QualitySettings.DEFAULT.withRates(1.0, 0, 0.8));
        assertEquals(2000, q.toAudit("eve", Integer.MAX_VALUE).size());
    }

    @Test
    void queuesOn100000ItemsAreQuick() throws Exception {
        MemoryProject p = new MemoryProject(2, "review", "audit");
        GoldItems gold = new GoldItems(p.documents());
        for (int i = 0; i < 100_000; i++) {
            String id = String.format("item-%06d", i);
            if (i < 60_000) {
                p.add(id, "ds" + (i % 7), set("alice", AnnotationState.ACCEPTED), set("bob", i % 3 == 0 ? AnnotationState.SUBMITTED
                        : AnnotationState.ACCEPTED));
            } else {
                p.add(id, "ds" + (i % 7));
            }
            if (i % 100 == 0) {
                gold.mark(id, set("rita", AnnotationState.ACCEPTED), "rita");
            }
        }
        settings(p, QualitySettings.DEFAULT.withRates(0.1, 0.05, 0.8));
        Queues q = new Queues(p);
        for (int warm = 0; warm < 3; warm++) {
            q.next("carol");
            q.nextToReview("carol");
            q.nextToAudit("carol");
        }
        assertTrue(q.next("carol").isPresent() && q.nextToReview("carol").isPresent() && q.nextToAudit("carol").isPresent());
        assertEquals(50, q.queue("carol", 50).size());
        System.out.printf("100,000 items, median of 7: next %.1f ms, queue(50) %.1f ms, nextToReview %.1f ms, nextToAudit %.1f ms%n",
                median(() -> q.next("carol")), median(() -> q.queue("carol", 50)), median(() -> q.nextToReview("carol")),
                median(() -> q.nextToAudit("carol")));
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static double median(Call c) throws Exception {
        double[] ms = new double[7];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            c.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
