package dev.vellum.modality.preference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Item;
import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.Comparisons;
import dev.vellum.modality.preference.agreement.ChoiceUnits;
import dev.vellum.modality.preference.agreement.FlagUnits;
import dev.vellum.modality.preference.agreement.RankCorrelation;
import dev.vellum.modality.preference.agreement.RankUnits;
import dev.vellum.modality.preference.agreement.RubricUnits;
import dev.vellum.modality.preference.model.Blinding;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Flag;
import dev.vellum.modality.preference.model.PreferenceMode;
import dev.vellum.modality.preference.model.PreferenceSettings;
import dev.vellum.modality.preference.model.Ranking;
import dev.vellum.modality.preference.model.RationalePolicy;
import dev.vellum.store.folder.FolderProjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled sample's comparisons pass every preference rule, and its two annotators' judgements make agreement units. */
class SampleProjectTest {
    @TempDir
    Path tmp;

    /** A copy of samples/demo (opening a folder project writes its summary cache). */
    private StoredProject sample() throws Exception {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("samples/demo/vellum.json"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "samples/demo not found above " + System.getProperty("user.dir"));
        Path source = dir.resolve("samples/demo"), copy = tmp.resolve("demo");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot copy the sample: " + e, e);
        }
        return new FolderProjectStore().open(copy.toString());
    }

    @Test
    void theSampleIsCleanUnderThePreferenceRules() throws Exception {
        try (StoredProject p = sample()) {
            List<Finding> findings = new ArrayList<>();
            PreferenceRulesTest.validator().validate(p, Progress.NONE, findings::add);
            assertEquals(List.of(), findings.stream().filter(f -> f.itemId().startsWith("chat-")).toList());
            PreferenceSettings s = PreferenceSettings.of(p.project());
            assertEquals(Set.of(PreferenceMode.PAIRWISE, PreferenceMode.RANKING, PreferenceMode.RUBRIC), s.modes());
            assertEquals(RationalePolicy.TIES, s.rationale());
            assertEquals("Answer comparisons (preference)", s.dimension("honesty").guideline());
            // the rules did look at chat-003: without bob's rationale his tied ranking is an error
            Item item = p.loadItem("chat-003");
            var bob = item.set("bob").orElseThrow();
            var ranking = bob.annotations().get(0);
            bob.replaceAt(0, ranking.withAttributes(Map.of(), "bob"));
            assertEquals(List.of("preference.rationale-missing bob/b1: a ranking with ties needs a rationale in this project (rationale: ties)"),
                    PreferenceRulesTest.validator().validate(p, item).stream().map(f -> f.ruleId() + " " + f.annotator() + "/" + f.annotationId() + ": " + f.message())
                            .toList());
        }
    }

    @Test
    void chat003HasLongMarkdownAnswersAndBlindOrdersAsRecorded() throws Exception {
        try (StoredProject p = sample()) {
            Item item = p.loadItem("chat-003");
            Comparison c = Comparisons.load(p, item);
            assertEquals(List.of("A", "B", "C", "D"), c.ids());
            assertTrue(c.responses().stream().filter(r -> r.content().contains("```python") && r.content().contains("| --- |")).count() >= 3,
                    "answers with code blocks and tables, for the editor's screenshots");
            for (String who : List.of("alice", "bob")) {
                var ranking = item.set(who).orElseThrow().annotations().stream().filter(a -> a.typeId().equals(Ranking.TYPE)).findFirst().orElseThrow();
                assertEquals(Blinding.order(item.id(), who, c.ids()), Ranking.fromPayload(ranking.payload()).order(), who + " saw the blinded order");
            }
            var flag = item.set("alice").orElseThrow().annotations().stream().filter(a -> a.typeId().equals(Flag.TYPE)).findFirst().orElseThrow();
            Flag f = Flag.fromPayload(flag.payload());
            String content = c.response(f.response()).content();
            assertEquals("tuples cannot be used as dictionary keys, because Python only hashes strings and numbers.",
                    content.substring(content.offsetByCodePoints(0, f.start()), content.offsetByCodePoints(0, f.end())));
        }
    }

    @Test
    void chat003HasUnitsToAgreeOn() throws Exception {
        try (StoredProject p = sample()) {
            AgreementRegistry registry = new AgreementRegistry();
            registry.addUnits(new ChoiceUnits());
            registry.addUnits(new RankUnits());
            registry.addUnits(new RubricUnits());
            registry.addUnits(new FlagUnits());
            Item item = p.loadItem("chat-003");
            // alice and bob (dan's copy of alice's set joins them in the sample for the quality dashboard)
            List<AgreementUnit> units = registry.units(p, item, List.of(item.set("alice").orElseThrow(), item.set("bob").orElseThrow()), null);
            assertEquals(List.of("preference.rank:A preference.rank ordinal alice=1[a1] bob=1[b1]", "preference.rank:B preference.rank ordinal alice=3[a1] bob=2.5[b1]",
                    "preference.rank:C preference.rank ordinal alice=4[a1] bob=4[b1]", "preference.rank:D preference.rank ordinal alice=2[a1] bob=2.5[b1]"),
                    PreferenceAgreementTest.show(units.stream().filter(u -> u.kind().equals(RankUnits.KIND)).toList()));
            assertEquals(List.of("preference.flag:B/factual_error preference.flag nominal alice=present[a6] bob=present[b6]",
                    "preference.flag:C/refusal preference.flag nominal alice=present[a7] bob=absent[]"),
                    PreferenceAgreementTest.show(units.stream().filter(u -> u.kind().equals(FlagUnits.KIND)).toList()));
            assertEquals(12, units.stream().filter(u -> u.kind().startsWith(RubricUnits.KIND_PREFIX)).count(), "4 responses x 3 dimensions");
            Map<String, Map<String, Double>> rankings = RankCorrelation.rankings(units);
            double w = RankCorrelation.kendallW(rankings.values());
            // rank sums A 2, B 5.5, C 8, D 4.5 (mean 5): S = 18.5; bob ties two (T = 6): W = 12 * 18.5 / (4 * 60 - 2 * 6)
            assertEquals(222 / 228.0, w, 1e-12, "alice and bob mostly agree");
            Item chat1 = p.loadItem("chat-001");
            assertEquals(List.of("preference.choice:A|B preference.choice nominal alice=A[a1] bob=A[b1]",
                    "preference.strength:A|B preference.strength ordinal alice=2[a1] bob=1[b1]"),
                    PreferenceAgreementTest.show(registry.units(p, chat1, List.copyOf(chat1.sets()), null)));
        }
    }
}
