package dev.vellum.modality.text.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vellum.core.model.LabelClass;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.text.io.BratImporter;
import dev.vellum.modality.text.io.DoccanoImporter;
import dev.vellum.modality.text.io.WebAnnoTsvImporter;
import dev.vellum.modality.text.model.RelationLabels;
import dev.vellum.modality.text.quality.LabelKind;

/**
 * Importers that create relation types declare them as the project's relation labels (besides
 * adding them to the text schema), so that the label-kind rule and the editors tell them from
 * entity labels.
 */
class RelationTypesTest {
    @TempDir
    Path tmp;

    private static void importFiles(FormatImporter importer, StoredProject p, Path... files) throws Exception {
        assertEquals(List.of(), importer.importFiles(p, List.of(files), "mira", Progress.NONE).problems().stream()
                .filter(x -> x.message().contains("relation")).toList());
    }

    private static List<String> schema(StoredProject p) {
        return p.project().schema("text").orElseThrow().classes().stream().map(LabelClass::name).toList();
    }

    /** The label-kind findings over every item of the project. */
    private static List<Finding> labelKindFindings(StoredProject p) throws Exception {
        List<Finding> out = new ArrayList<>();
        for (String id : p.project().itemIds()) {
            new LabelKind().check(new ValidationRule.ValidationContext(p.project(), p, Map.of()), p.loadItem(id), out::add);
        }
        return out;
    }

    @Test
    void bratRelationTypesAndThoseItsConfDeclaresBecomeRelationLabels() throws Exception {
        Path root = StandoffFixtures.copy("brat_dkpro", tmp);
        try (StoredProject p = StandoffFixtures.project(tmp, "dk")) {
            importFiles(new BratImporter(), p, root);
            assertEquals(Set.of("Origin"), RelationLabels.of(p.project()));
            assertTrue(schema(p).containsAll(List.of("Organization", "Country", "Origin")), schema(p).toString());
            assertEquals(List.of(), labelKindFindings(p));
        }
        Path dir = tmp.resolve("conf");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("annotation.conf"), "[entities]\nPER\nORG\n[relations]\nWorks_for\tArg1:PER, Arg2:ORG\nLocated_in\tArg1:ORG, Arg2:ORG\n"
                + "[events]\n[attributes]\n");
        Files.writeString(dir.resolve("a.txt"), "Ann works for Acme.");
        Files.writeString(dir.resolve("a.ann"), "T1\tPER 0 3\tAnn\nT2\tORG 14 18\tAcme\nR1\tWorks_for Arg1:T1 Arg2:T2\t\n");
        try (StoredProject p = StandoffFixtures.project(tmp, "withconf")) {
            importFiles(new BratImporter(), p, dir);
            assertEquals(Set.of("Works_for", "Located_in"), RelationLabels.of(p.project()), "declared but unused types too");
            assertEquals(List.of("PER", "ORG", "Works_for", "Located_in"), schema(p));
            assertEquals(List.of(), labelKindFindings(p));
        }
    }

    @Test
    void webAnnoRelationsAndChainLinksBecomeRelationLabels() throws Exception {
        Path chain = StandoffFixtures.copy("webanno_tsv3/testSimpleChain", tmp);
        Path rel = StandoffFixtures.copy("webanno_tsv3/testSingleTokenRelationWithFeatureValue", tmp);
        try (StoredProject p = StandoffFixtures.project(tmp, "tsv")) {
            importFiles(new WebAnnoTsvImporter(), p, chain.resolve("reference.tsv"));
            assertEquals(Set.of("next"), RelationLabels.of(p.project()));
            importFiles(new WebAnnoTsvImporter(), p, rel);
            assertEquals(Set.of("next", "nsubj"), RelationLabels.of(p.project()), "a later import adds to the declared labels");
            assertTrue(schema(p).containsAll(List.of("SimpleLink", "Token", "next", "nsubj")), schema(p).toString());
            assertEquals(List.of(), labelKindFindings(p));
        }
    }

    @Test
    void doccanoRelationTypesJoinLabelsTheProjectDeclaredBefore() throws Exception {
        Path in = tmp.resolve("d.jsonl");
        Files.writeString(in, "{\"id\": 8, \"text\": \"Ann works for Acme.\", \"entities\": [{\"id\": 1, \"start_offset\": 0, \"end_offset\": 3, \"label\": \"PER\"},"
                + " {\"id\": 2, \"start_offset\": 14, \"end_offset\": 18, \"label\": \"ORG\"}],"
                + " \"relations\": [{\"id\": 1, \"from_id\": 1, \"to_id\": 2, \"type\": \"works_for\"}]}\n");
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            p.project().setExtensions(Map.of(RelationLabels.EXTENSION, List.of("located_in")));
            p.saveProject();
            importFiles(new DoccanoImporter(), p, in);
            assertEquals(List.of("located_in", "works_for"), List.copyOf(RelationLabels.of(p.project())));
            assertEquals(List.of("PER", "ORG", "works_for"), schema(p));
            assertEquals(List.of(), labelKindFindings(p));
        }
    }
}
