package dev.vellum.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.spi.MeasurementLevel;
import dev.vellum.quality.agreement.Agreement;
import dev.vellum.quality.agreement.AgreementResult;
import dev.vellum.quality.agreement.Bootstrap;
import dev.vellum.quality.agreement.Measure;
import dev.vellum.quality.agreement.RatingTable;
import dev.vellum.quality.agreement.RatingsCsv;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osgi.framework.FrameworkUtil;

/**
 * Agreement equals, to 1e-9, what NLTK, statsmodels and R psych compute on the same ratings
 * (resources/peer: the vectors, make-expected.py that wrote them and expected.tsv with the tools'
 * values), and the published worked examples.
 */
class PeerAgreementTest {
    static byte[] resource(String name) throws IOException {
        // findEntries, not getEntry: the resources are in this fragment, not in the host bundle
        java.util.Enumeration<URL> urls = FrameworkUtil.getBundle(PeerAgreementTest.class).findEntries("resources/peer", name, false);
        if (urls == null || !urls.hasMoreElements()) {
            throw new IOException("no resources/peer/" + name);
        }
        URL url = urls.nextElement();
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        }
    }

    static RatingTable table(String name) throws IOException {
        return RatingsCsv.read(Path.of(name), resource(name));
    }

    record Expected(String file, Measure measure, MeasurementLevel level, String tool, double value) {
        @Override
        public String toString() {
            return file + " " + measure.id() + " " + level.id() + " = " + tool;
        }
    }

    static Stream<Expected> expected() throws IOException {
        List<Expected> out = new ArrayList<>();
        String[] lines = new String(resource("expected.tsv"), StandardCharsets.UTF_8).split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t");
            out.add(new Expected(f[0], Measure.fromId(f[1]), MeasurementLevel.fromId(f[2]), f[3], Double.parseDouble(f[4])));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expected")
    void equalsThePeerTool(Expected e) throws IOException {
        AgreementResult r = Agreement.compute(table(e.file()), e.measure(), e.level(), Bootstrap.NONE);
        assertEquals(e.value(), r.value(), 1e-9, e + " (" + r.note() + ")");
    }

    @Test
    void peerValuesCoverEveryMeasureLevelAndTool() throws IOException {
        List<Expected> all = expected().toList();
        for (MeasurementLevel level : MeasurementLevel.values()) {
            assertTrue(all.stream().anyMatch(e -> e.measure() == Measure.ALPHA && e.level() == level), level.id());
        }
        for (String tool : List.of("nltk", "statsmodels", "psych")) {
            assertTrue(all.stream().anyMatch(e -> e.tool().equals(tool)), tool);
        }
        assertTrue(all.size() >= 25, "expected values: " + all.size());
    }

    @Test
    void krippendorffsReliabilityDataGiveThePublishedValues() throws IOException {
        RatingTable t = table("krippendorff2011.csv");
        double[] published = {0.743, 0.815, 0.849, 0.797};
        MeasurementLevel[] levels = {MeasurementLevel.NOMINAL, MeasurementLevel.ORDINAL, MeasurementLevel.INTERVAL,
            MeasurementLevel.RATIO};
        for (int i = 0; i < levels.length; i++) {
            AgreementResult r = Agreement.compute(t, Measure.ALPHA, levels[i], Bootstrap.NONE);
            assertEquals(published[i], r.value(), 0.0005, levels[i].id());
            // unit 12 has a single value: not pairable, so 11 units and the note says one was left out
            assertEquals(11, r.units());
            assertEquals(4, r.raters());
            assertTrue(r.note().contains("1 of 12 units"), r.note());
        }
    }

    @Test
    void fleiss1971GivesThePublishedKappa() throws IOException {
        AgreementResult r = Agreement.compute(table("fleiss1971.csv"), Measure.FLEISS, MeasurementLevel.NOMINAL, Bootstrap.NONE);
        assertEquals(0.430, r.value(), 0.0005);
        assertEquals(0.43024452006014074, r.value(), 1e-12);
        assertEquals(30, r.units());
        assertEquals(6, r.raters());
        assertEquals("", r.note());
    }
}
