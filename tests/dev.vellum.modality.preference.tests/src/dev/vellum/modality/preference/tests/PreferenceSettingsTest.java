package dev.vellum.modality.preference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vellum.core.model.Project;
import dev.vellum.core.spi.MeasurementLevel;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.PreferenceMode;
import dev.vellum.modality.preference.model.PreferenceSettings;
import dev.vellum.modality.preference.model.Ranking;
import dev.vellum.modality.preference.model.RationalePolicy;
import dev.vellum.modality.preference.model.RubricDimension;
import dev.vellum.modality.preference.model.StrengthScale;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The project extension preference.settings is read with defaults, written back equal, and bad values are named. */
class PreferenceSettingsTest {
    private static Object json(String text) throws Exception {
        return new ObjectMapper().readValue(text, Object.class);
    }

    private static String problem(String text) throws Exception {
        Object j = json(text);
        return assertThrows(IllegalArgumentException.class, () -> PreferenceSettings.fromJson(j)).getMessage();
    }

    @Test
    void aProjectWithoutTheExtensionGetsTheDefaults() {
        Project p = new Project("p", "p", Instant.EPOCH, List.of(), null, 0, Map.of());
        PreferenceSettings s = PreferenceSettings.of(p);
        assertEquals(PreferenceSettings.DEFAULT, s);
        assertEquals(List.of(PreferenceMode.PAIRWISE), List.copyOf(s.modes()));
        assertTrue(s.blind());
        assertEquals(3, s.pairwise().maxStrength());
        assertEquals(List.of("helpfulness", "harmlessness", "honesty"), s.rubric().stream().map(RubricDimension::id).toList());
        assertEquals("Factual error", s.flag("factual_error").name());
        assertEquals(RationalePolicy.NEVER, s.rationale());
    }

    @Test
    void everySettingIsRead() throws Exception {
        PreferenceSettings s = PreferenceSettings.fromJson(json("""
                {"modes": ["ranking", "rubric"], "blind": false,
                 "pairwise": {"maxStrength": 2, "strengthLabels": ["a bit", "a lot"], "tie": false},
                 "rubric": [{"id": "accuracy", "min": 0, "max": 10, "level": "interval", "guideline": "Accuracy",
                             "anchors": {"0": "all wrong", "10": "all right"}}, "style"],
                 "flags": ["unsafe", {"id": "pii", "name": "Personal data", "description": "Names a private person"}],
                 "rationale": "always"}"""));
        assertEquals(List.of(PreferenceMode.RANKING, PreferenceMode.RUBRIC), List.copyOf(s.modes()));
        assertFalse(s.enabled(PreferenceMode.PAIRWISE));
        assertFalse(s.blind());
        assertEquals(new StrengthScale(2, List.of("a bit", "a lot"), false, true), s.pairwise());
        RubricDimension accuracy = s.dimension("accuracy");
        assertEquals("Accuracy", accuracy.name());
        assertEquals(MeasurementLevel.INTERVAL, accuracy.level());
        assertEquals("all right", accuracy.anchor(10));
        assertEquals("", accuracy.anchor(5));
        assertTrue(accuracy.accepts(0) && !accuracy.accepts(11));
        assertEquals(new RubricDimension("style", "Style", 1, 5, Map.of()), s.dimension("style"));
        assertEquals("Personal data", s.flag("pii").name());
        assertNull(s.flag("refusal"), "the list replaces the defaults");
        assertEquals(RationalePolicy.ALWAYS, s.rationale());
        assertEquals(s, PreferenceSettings.fromJson(s.toJson()));
        assertEquals(PreferenceSettings.DEFAULT, PreferenceSettings.fromJson(PreferenceSettings.DEFAULT.toJson()));
        assertEquals(PreferenceSettings.DEFAULT, PreferenceSettings.fromJson(json("{}")));
    }

    @Test
    void badSettingsNameTheExtensionAndTheSetting() throws Exception {
        assertEquals("project extension 'preference.settings': unknown preference mode 'likert' (pairwise, ranking or rubric)",
                problem("{\"modes\": [\"likert\"]}"));
        assertEquals("project extension 'preference.settings': at least one preference mode must be enabled", problem("{\"modes\": []}"));
        assertEquals("project extension 'preference.settings': rubric dimension 'h': max 1 must be above min 5",
                problem("{\"rubric\": [{\"id\": \"h\", \"min\": 5, \"max\": 1}]}"));
        assertEquals("project extension 'preference.settings': rubric dimension 'h': anchor 7 is outside 1..5",
                problem("{\"rubric\": [{\"id\": \"h\", \"anchors\": {\"7\": \"x\"}}]}"));
        assertEquals("project extension 'preference.settings': two rubric dimensions have the id 'h'", problem("{\"rubric\": [\"h\", \"h\"]}"));
        assertEquals("project extension 'preference.settings': unknown rationale requirement 'sometimes' (never, ties or always)",
                problem("{\"rationale\": \"sometimes\"}"));
        assertEquals("project extension 'preference.settings': pairwise strength labels: 3 expected (one for each strength from 1), found 1",
                problem("{\"pairwise\": {\"strengthLabels\": [\"x\"]}}"));
        assertEquals("project extension 'preference.settings': unknown setting 'mode' (modes, blind, pairwise, rubric, flags, rationale)",
                problem("{\"mode\": \"pairwise\"}"));
        assertEquals("project extension 'preference.settings': 'blind' must be true or false, found yes", problem("{\"blind\": \"yes\"}"));
        assertEquals("project extension 'preference.settings': must be an object, found [pairwise]", problem("[\"pairwise\"]"));
    }

    @Test
    void theStrengthScaleSaysWhatAChoiceMayBe() {
        StrengthScale s = StrengthScale.DEFAULT;
        assertNull(s.problem(new Pairwise("A", 3, List.of())));
        assertNull(s.problem(new Pairwise(Pairwise.TIE, 0, List.of())));
        assertEquals("strength 4 is above the project's largest, 3", s.problem(new Pairwise("A", 4, List.of())));
        assertEquals("a preferred response needs a strength from 1 to 3", s.problem(new Pairwise("A", 0, List.of())));
        assertEquals("a tie has strength 0, found 2", s.problem(new Pairwise(Pairwise.TIE, 2, List.of())));
        StrengthScale strict = new StrengthScale(0, List.of(), false, false);
        assertNull(strict.problem(new Pairwise("A", 0, List.of())), "no strength asked");
        assertEquals("ties are not allowed in this project", strict.problem(new Pairwise(Pairwise.TIE, 0, List.of())));
        assertEquals("'both bad' is not allowed in this project", strict.problem(new Pairwise(Pairwise.BOTH_BAD, 0, List.of())));
        assertEquals("about the same", s.label(0));
        assertEquals("much better", s.label(3));
    }

    @Test
    void theRationalePolicyAppliesToTiesOrToEveryJudgement() {
        Pairwise tie = new Pairwise(Pairwise.TIE, 0, List.of()), bad = new Pairwise(Pairwise.BOTH_BAD, 0, List.of()), a = new Pairwise("A", 1, List.of());
        Ranking tied = new Ranking(Map.of("A", 1, "B", 1), List.of()), strict = new Ranking(Map.of("A", 1, "B", 2), List.of());
        assertTrue(RationalePolicy.TIES.requires(tie) && RationalePolicy.TIES.requires(bad) && RationalePolicy.TIES.requires(tied));
        assertFalse(RationalePolicy.TIES.requires(a) || RationalePolicy.TIES.requires(strict));
        assertTrue(RationalePolicy.ALWAYS.requires(a) && RationalePolicy.ALWAYS.requires(strict));
        assertFalse(RationalePolicy.NEVER.requires(tie) || RationalePolicy.NEVER.requires(tied));
    }
}
