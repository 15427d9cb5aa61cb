package dev.vellum.modality.preference.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.Item;
import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.registry.ModalityRegistry;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.validation.Validator;
import dev.vellum.modality.preference.PreferenceModality;
import dev.vellum.modality.preference.agreement.ChoiceUnits;
import dev.vellum.modality.preference.agreement.FlagUnits;
import dev.vellum.modality.preference.agreement.RankUnits;
import dev.vellum.modality.preference.agreement.RubricUnits;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Flag;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.PreferenceSettings;
import dev.vellum.modality.preference.model.Ranking;
import dev.vellum.modality.preference.model.Rationale;
import dev.vellum.modality.preference.model.Response;
import dev.vellum.modality.preference.model.Rubric;
import dev.vellum.modality.preference.model.RubricDimension;
import dev.vellum.modality.preference.quality.DuplicateJudgement;
import dev.vellum.modality.preference.quality.FlagSpan;
import dev.vellum.modality.preference.quality.IncompleteRanking;
import dev.vellum.modality.preference.quality.IncompleteRubric;
import dev.vellum.modality.preference.quality.MissingRationale;
import dev.vellum.modality.preference.quality.NotAllowed;
import dev.vellum.modality.preference.quality.ResponseOrder;
import dev.vellum.modality.preference.quality.UnknownResponse;
import dev.vellum.modality.preference.ui.parts.PreferenceEditor;
import dev.vellum.modality.preference.ui.viewers.ResponsePane;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the editor writes is what the model, the rules and the agreement units read: judgements made
 * through the editor pass core's Validator with every preference rule and make agreement units.
 */
class EditorWritesValidJudgementsTest {
    @TempDir
    Path tmp;
    private EditorFixture f;

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
    }

    static Validator validator() {
        ModalityRegistry modalities = new ModalityRegistry();
        modalities.addModality(new PreferenceModality());
        Validator v = new Validator(modalities);
        List.<dev.vellum.core.spi.ValidationRule>of(new UnknownResponse(), new ResponseOrder(), new IncompleteRanking(), new IncompleteRubric(), new MissingRationale(), new NotAllowed(),
                new FlagSpan(), new DuplicateJudgement()).forEach(v::addRule);
        return v;
    }

    private static void select(Combo c, int index) {
        c.select(index);
        c.notifyListeners(SWT.Selection, new Event());
    }

    @Test
    void tieWithRationaleRankingRubricAndSpanFlagPassTheRulesAndMakeUnits() throws Exception {
        // an emoji before the flagged words: code points and UTF-16 offsets differ by one
        Comparison pair = new Comparison(List.of(new Message("user", "Reverse a list?")),
                List.of(new Response("x", "\uD83D\uDE00 Use `items[::-1]` for a copy.", Map.of()),
                        new Response("y", "\uD83D\uDE00 Call items.reverse() in place.", Map.of())), Map.of());
        Comparison three = new Comparison(List.of(new Message("user", "Rank these.")),
                List.of(new Response("r1", "First response.", Map.of()), new Response("r2", "Second response.", Map.of()),
                        new Response("r3", "Third response.", Map.of())), Map.of());
        f = new EditorFixture(tmp, Map.of("modes", List.of("pairwise", "ranking", "rubric"), "rationale", "ties"), List.of(pair, three));
        PreferenceEditor editor = f.open("c-0");

        // c-0: a tie, its rationale, a flag on a passage of Response B
        f.key('=');
        Text why = editor.rationaleField();
        why.setFocus();
        why.setText("Both reverse the list; one copies, one works in place.");
        editor.commitRationale();
        ResponsePane pane = editor.view().panes().get(1);
        f.click(1);
        StyledText t = pane.viewer().getControl();
        String word = pane.content().contains("items.reverse()") ? "items.reverse()" : "items[::-1]";
        int at = t.getText().indexOf(word);
        t.setSelection(at, at + word.length());
        f.key(1, 'f', 'f', 0);
        // c-0 has two responses: rank and score them too, as the modes ask (1 and 2 are the choice keys here)
        editor.rank(0, 1);
        editor.rank(1, 2);
        for (RubricDimension d : PreferenceSettings.DEFAULT_RUBRIC) {
            for (int i = 0; i < 2; i++) {
                select(editor.rubricCombo(d.id(), i), 4);
            }
        }
        f.key(0, SWT.CR, '\r', 0);
        assertEquals("c-1", editor.itemId());

        // c-1: a ranking with a tie (which needs a rationale), rubric scores for all three
        for (int i = 0; i < 3; i++) {
            f.click(i);
            f.key(i, i == 0 ? '1' : '2', i == 0 ? '1' : '2', 0);
        }
        why = editor.rationaleField();
        why.setFocus();
        why.setText("The second and third say as little.");
        editor.commitRationale();
        for (RubricDimension d : PreferenceSettings.DEFAULT_RUBRIC) {
            for (int i = 0; i < 3; i++) {
                select(editor.rubricCombo(d.id(), i), i == 0 ? 5 : 2);
            }
        }
        f.spin();
        assertTrue(editor.statusText().contains("done"), editor.statusText());
        f.session.save();

        // what was written, read by the model's records
        Annotation tie = f.annotations("c-0").stream().filter(a -> a.typeId().equals(Pairwise.TYPE)).findFirst().orElseThrow();
        assertEquals(Pairwise.TIE, Pairwise.fromPayload(tie.payload()).preferred());
        assertEquals("Both reverse the list; one copies, one works in place.", Rationale.of(tie));
        Flag flag = Flag.fromPayload(f.annotations("c-0").stream().filter(a -> a.typeId().equals(Flag.TYPE)).findFirst().orElseThrow().payload());
        String content = pane.content();
        assertEquals(word, content.substring(content.offsetByCodePoints(0, flag.start()), content.offsetByCodePoints(0, flag.end())));
        assertEquals(content.indexOf(word) - 1, flag.start(), "the emoji counts once");
        Annotation ranking = f.annotations("c-1").stream().filter(a -> a.typeId().equals(Ranking.TYPE)).findFirst().orElseThrow();
        assertTrue(Ranking.fromPayload(ranking.payload()).hasTies());
        assertEquals("The second and third say as little.", Rationale.of(ranking));
        assertEquals(3, f.annotations("c-1").stream().filter(a -> a.typeId().equals(Rubric.TYPE)).count());
        assertTrue(f.annotations("c-0").stream().noneMatch(a -> a.typeId().equals("preference.rationale")), "no annotation type the modality lacks");

        // the rules find nothing
        List<Finding> findings = new ArrayList<>();
        validator().validate(f.stored, Progress.NONE, findings::add);
        assertEquals(List.of(), findings.stream().map(x -> x.itemId() + " " + x.ruleId() + ": " + x.message()).toList());

        // and without the rationale the tied ranking is named: the rules did read the attribute
        Item c1 = f.stored.loadItem("c-1");
        var set = c1.set("alice").orElseThrow();
        int index = set.annotations().indexOf(set.annotations().stream().filter(a -> a.typeId().equals(Ranking.TYPE)).findFirst().orElseThrow());
        set.replaceAt(index, set.annotations().get(index).withAttributes(Map.of(), "alice"));
        assertEquals(List.of("preference.rationale-missing"), validator().validate(f.stored, c1).stream().map(Finding::ruleId).toList());

        // agreement units read the same annotations
        AgreementRegistry registry = new AgreementRegistry();
        registry.addUnits(new ChoiceUnits());
        registry.addUnits(new RankUnits());
        registry.addUnits(new RubricUnits());
        registry.addUnits(new FlagUnits());
        Item c0 = f.stored.loadItem("c-0");
        List<AgreementUnit> units = registry.units(f.stored, c0, List.copyOf(c0.sets()), null);
        assertEquals("tie", value(units, "preference.choice:x|y"));
        assertEquals("present", value(units, "preference.flag:" + flag.response() + "/factual_error"));
        assertEquals(6, units.stream().filter(u -> u.kind().startsWith(RubricUnits.KIND_PREFIX)).count(), "2 responses x 3 dimensions");
        Item c1Saved = f.stored.loadItem("c-1");
        List<AgreementUnit> ranks = registry.units(f.stored, c1Saved, List.copyOf(c1Saved.sets()), null).stream()
                .filter(u -> u.kind().equals(RankUnits.KIND)).toList();
        assertEquals(3, ranks.size());
        assertEquals(List.of(1.0, 2.5, 2.5), ranks.stream().map(EditorWritesValidJudgementsTest::rankOf).sorted().toList(), "the tie is a mid-rank");
    }

    private static String value(List<AgreementUnit> units, String id) {
        AgreementUnit u = units.stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no unit " + id + " in " + units.stream().map(AgreementUnit::id).toList()));
        return String.valueOf(u.ratings().get("alice").value());
    }

    private static double rankOf(AgreementUnit u) {
        return Double.parseDouble(String.valueOf(u.ratings().get("alice").value()));
    }

    @Test
    void theSampleShowsEachAnnotatorTheOrderRecorded() throws Exception {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !java.nio.file.Files.exists(dir.resolve("samples/demo/vellum.json"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "samples/demo not found above " + System.getProperty("user.dir"));
        Path source = dir.resolve("samples/demo");
        Path copy = tmp.resolve("project");
        try (var files = java.nio.file.Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(source.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(p, target);
                }
            }
        }
        int checked = 0;
        for (String who : List.of("alice", "bob")) {
            f = new EditorFixture(tmp, null, null, who);
            for (String id : List.of("chat-001", "chat-002", "chat-003")) {
                PreferenceEditor editor = f.open(id);
                List<String> recorded = f.annotations(id).stream().filter(a -> a.typeId().equals(Pairwise.TYPE) || a.typeId().equals(Ranking.TYPE))
                        .map(a -> a.typeId().equals(Pairwise.TYPE) ? Pairwise.fromPayload(a.payload()).order() : Ranking.fromPayload(a.payload()).order())
                        .findFirst().orElse(null);
                if (recorded != null) {
                    assertEquals(recorded, editor.order(), who + " on " + id);
                    checked++;
                }
                List<String> ids = dev.vellum.modality.preference.Comparisons.load(f.stored, f.stored.loadItem(id)).ids();
                assertEquals(dev.vellum.modality.preference.model.Blinding.order(id, who, ids), editor.order(), "made with Blinding: " + who + " on " + id);
                assertEquals(List.of("Response A", "Response B"), editor.view().panes().stream().limit(2).map(ResponsePane::title).toList());
            }
            f.close();
            f = null;
        }
        assertEquals(5, checked, "alice judged chat-001..003, bob chat-001 and chat-003");
    }
}
