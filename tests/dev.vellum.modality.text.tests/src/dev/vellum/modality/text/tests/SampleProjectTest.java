package dev.vellum.modality.text.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Item;
import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.registry.ModalityRegistry;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.core.validation.Validator;
import dev.vellum.modality.text.TextModality;
import dev.vellum.modality.text.agreement.ExactSpanUnits;
import dev.vellum.modality.text.agreement.OverlapSpanUnits;
import dev.vellum.modality.text.agreement.TokenUnits;
import dev.vellum.modality.text.model.RelationLabels;
import dev.vellum.modality.text.quality.LabelKind;
import dev.vellum.modality.text.quality.RelationMissingSpan;
import dev.vellum.modality.text.quality.SameLabelOverlap;
import dev.vellum.modality.text.quality.SpanInsideToken;
import dev.vellum.modality.text.quality.SpanTextMismatch;
import dev.vellum.store.folder.FolderProjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled sample's news items pass every text rule, and their two annotators' relations make agreement units. */
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
    void theSampleIsCleanUnderTheTextRules() throws Exception {
        try (StoredProject p = sample()) {
            ModalityRegistry modalities = new ModalityRegistry();
            modalities.addModality(new TextModality());
            Validator validator = new Validator(modalities);
            List.<ValidationRule>of(new SpanInsideToken(), new SameLabelOverlap(), new RelationMissingSpan(), new SpanTextMismatch(), new LabelKind())
                    .forEach(validator::addRule);
            List<Finding> findings = new ArrayList<>();
            validator.validate(p, Progress.NONE, findings::add);
            assertEquals(List.of(), findings.stream().filter(f -> f.itemId().startsWith("news-")).toList());
            assertEquals(Set.of("works_for", "located_in"), RelationLabels.of(p.project()));
        }
    }

    @Test
    void theSampleNewsHaveRelationsToAgreeOn() throws Exception {
        try (StoredProject p = sample()) {
            AgreementRegistry registry = new AgreementRegistry();
            registry.addUnits(new ExactSpanUnits());
            registry.addUnits(new OverlapSpanUnits());
            registry.addUnits(new TokenUnits());
            Item news2 = p.loadItem("news-002");
            List<String> relations = registry.units(p, news2, List.copyOf(news2.sets()), p.project().schema("text").orElse(null)).stream()
                    .filter(u -> u.kind().equals(ExactSpanUnits.RELATION_KIND)).map(SampleProjectTest::show).toList();
            assertEquals(List.of("text.relation-exact:0-10>18-36 alice=works_for bob=works_for", "text.relation-exact:0-10>80-101 alice=none bob=works_for",
                    "text.relation-exact:80-101>94-101 alice=located_in bob=located_in"), relations);
        }
    }

    private static String show(AgreementUnit u) {
        StringBuilder b = new StringBuilder(u.id());
        u.ratings().forEach((who, r) -> b.append(' ').append(who).append('=').append(r.value()));
        return b.toString();
    }
}
