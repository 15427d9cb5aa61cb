package dev.vellum.modality.text.tests;

import static dev.vellum.modality.text.tests.Texts.item;
import static dev.vellum.modality.text.tests.Texts.relation;
import static dev.vellum.modality.text.tests.Texts.set;
import static dev.vellum.modality.text.tests.Texts.span;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.core.model.Item;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.text.model.RelationLabels;
import dev.vellum.modality.text.model.Segmentation;
import dev.vellum.modality.text.quality.LabelKind;
import dev.vellum.modality.text.quality.RelationMissingSpan;
import dev.vellum.modality.text.quality.SameLabelOverlap;
import dev.vellum.modality.text.quality.SpanInsideToken;
import dev.vellum.modality.text.quality.SpanTextMismatch;
import dev.vellum.modality.text.tokenize.Tokenizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextRulesTest {
    static final String TEXT = "Ana Ruiz works for the Harbor Authority of Portmere. 👍🏽 Done.";

    @TempDir
    Path tmp;

    private static List<Finding> check(ValidationRule rule, StoredProject p, Item item) {
        List<Finding> out = new ArrayList<>();
        rule.check(new ValidationRule.ValidationContext(p == null ? null : p.project(), p, Map.of()), item, out::add);
        return out;
    }

    private static List<String> messages(List<Finding> findings) {
        return findings.stream().map(f -> f.annotator() + "/" + f.annotationId() + ": " + f.message()).toList();
    }

    @Test
    void spanBoundariesInsideTokens() throws Exception {
        StoredProject p = Texts.project(tmp.resolve("p"), TEXT);
        Item item = item("media/doc.txt", null, set("alice", span("ok", "PER", 0, 8, "Ana Ruiz"), span("short", "PER", 0, 7, "Ana Rui"),
                span("mid", "PER", 1, 2, "n"), span("emoji", "X", 53, 55, "👍🏽"), span("org", "ORG", 23, 51, "Harbor Authority of Portmere")));
        List<Finding> f = check(new SpanInsideToken(), p, item);
        assertEquals(List.of("alice/short: span 'PER' 0..7 ends inside the token 'Ruiz' (4..8)",
                "alice/mid: span 'PER' 1..2 starts inside the token 'Ana' (0..3)", "alice/mid: span 'PER' 1..2 ends inside the token 'Ana' (0..3)"),
                messages(f));
        assertEquals(SpanInsideToken.ID, f.get(0).ruleId());
        assertEquals(Finding.Severity.WARNING, f.get(0).severity());

        // Half of the emoji (its skin tone) is inside the token, though both are code points of their own.
        assertEquals(List.of("alice/tone: span 'X' 54..55 starts inside the token '👍🏽' (53..55)"),
                messages(check(new SpanInsideToken(), p, item("media/doc.txt", null, set("alice", span("tone", "X", 54, 55, "🏽"))))));
    }

    @Test
    void storedTokensAreUsedWithoutReadingTheDocument() {
        Map<String, Object> md = new Segmentation(new int[] {0, 3, 4, 8}, new int[0]).addTo(Map.of());
        Item item = item("media/nowhere.txt", md, set("alice", span("a", "PER", 0, 8, "Ana Ruiz"), span("b", "PER", 0, 6, "Ana Ru")));
        assertEquals(List.of("alice/b: span 'PER' 0..6 ends inside the token 4..8"), messages(check(new SpanInsideToken(), null, item)));
        assertEquals(List.of(), check(new SpanInsideToken(), null, item("media/nowhere.txt", null, set("alice", span("b", "PER", 0, 6, "x")))),
                "no store and no stored tokens: nothing to check against");
    }

    @Test
    void theProjectTokenizerDecides() throws Exception {
        StoredProject p = Texts.project(tmp.resolve("p"), TEXT);
        Item item = item("media/doc.txt", null, set("alice", span("a", "LOC", 43, 51, "Portmere")));
        assertEquals(List.of(), check(new SpanInsideToken(), p, item));
        p.project().setExtensions(Map.of(Tokenizers.EXTENSION, Map.of("kind", "whitespace")));
        assertEquals(List.of("alice/a: span 'LOC' 43..51 ends inside the token 'Portmere.' (43..52)"), messages(check(new SpanInsideToken(), p, item)));
    }

    @Test
    void sameLabelOverlapsWithinOneSet() {
        Item item = item("media/doc.txt", null,
                set("alice", span("org", "ORG", 23, 51, "Harbor Authority of Portmere"), span("l1", "LOC", 43, 51, "Portmere"),
                        span("l2", "LOC", 43, 51, "Portmere"), span("l3", "LOC", 30, 45, "x"), span("p", "PER", 0, 8, "Ana Ruiz"),
                        span("p2", "PER", 8, 14, "x")),
                set("bob", span("b1", "LOC", 43, 51, "Portmere"), span("b2", "LOC", 40, 43, "of ")));
        List<Finding> f = check(new SameLabelOverlap(), null, item);
        assertEquals(List.of("alice/l1: span 'LOC' 43..51 overlaps span 'LOC' 30..45 (l3)", "alice/l2: span 'LOC' 43..51 overlaps span 'LOC' 43..51 (l1)"),
                messages(f), "nesting across labels, touching spans and other annotators' spans are fine");
        assertEquals(List.of("alice/l2: span 'LOC' 43..51 overlaps span 'LOC' 43..51 (l1)"),
                messages(check(new SameLabelOverlap(), null, item("media/doc.txt", null, set("alice", span("l1", "LOC", 43, 51, "Portmere"),
                        span("l2", "LOC", 43, 51, "Portmere"))))), "a duplicate is an overlap");
    }

    @Test
    void relationsMustJoinSpansOfTheirOwnSet() {
        Item item = item("media/doc.txt", null,
                set("alice", span("p", "PER", 0, 8, "Ana Ruiz"), span("o", "ORG", 23, 51, "Harbor Authority of Portmere"),
                        relation("r1", "works_for", "p", "o"), relation("r2", "works_for", "p", "b1"), relation("r3", "about", "r1", "o")),
                set("bob", span("b1", "ORG", 23, 51, "Harbor Authority of Portmere")));
        List<Finding> f = check(new RelationMissingSpan(), null, item);
        assertEquals(List.of("alice/r2: relation 'works_for': 'to' names b1, which is not in this annotation set",
                "alice/r3: relation 'about': 'from' names r1, which is a text.relation, not a span"), messages(f));
        assertEquals(Finding.Severity.ERROR, f.get(0).severity());
    }

    @Test
    void spanTextMustMatchTheDocument() throws Exception {
        StoredProject p = Texts.project(tmp.resolve("p"), TEXT);
        Item item = item("media/doc.txt", null, set("alice", span("ok", "PER", 0, 8, "Ana Ruiz"), span("emoji", "X", 53, 55, "👍🏽"),
                span("changed", "LOC", 43, 51, "Portmore"), span("past", "X", 56, 62, "Done. "), span("none", "X", 56, 60, null)));
        assertEquals(List.of("alice/changed: span 'LOC' 43..51 says 'Portmore' but the document has 'Portmere' there",
                "alice/past: span 'X' 56..62 reaches past the document's end (61 characters)",
                "alice/none: span 'X' 56..60 says '' but the document has 'Done' there"), messages(check(new SpanTextMismatch(), p, item)));

        Files.write(tmp.resolve("p/media/doc.txt"), new byte[] {'A', 'n', 'a', (byte) 0xC3, '(', ' '});
        List<Finding> f = check(new SpanTextMismatch(), p, item);
        assertEquals(1, f.size(), f.toString());
        assertEquals("", f.get(0).annotationId());
        assertEquals(tmp.resolve("p/media/doc.txt") + ": text document is not UTF-8 (malformed bytes at offset 3)", f.get(0).message());

        Files.delete(tmp.resolve("p/media/doc.txt"));
        assertEquals(List.of(), check(new SpanTextMismatch(), p, item), "a missing file is store.missing-media's to report");
    }

    @Test
    void labelKindsFollowTheProjectsRelationLabels() throws Exception {
        StoredProject p = Texts.project(tmp.resolve("p"), TEXT);
        Item item = item("media/doc.txt", null, set("alice", span("p", "PER", 0, 8, "Ana Ruiz"), span("w", "works_for", 9, 14, "works"),
                relation("r1", "works_for", "p", "w"), relation("r2", "PER", "p", "w")));
        assertEquals(List.of(), check(new LabelKind(), p, item), "no relation labels declared");
        p.project().setExtensions(Map.of(RelationLabels.EXTENSION, List.of("works_for", "located_in")));
        assertEquals(List.of("alice/w: span labelled 'works_for', which is a relation label",
                "alice/r2: relation labelled 'PER', which is not one of the relation labels [works_for, located_in]"),
                messages(check(new LabelKind(), p, item)));
    }
}
