package dev.vellum.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.quality.report.ChartExport;
import dev.vellum.quality.report.Charts;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Charts as PNG and SVG files. */
class ChartExportTest {
    @TempDir
    Path tmp;

    @Test
    void pngDecodesAtTheScaledSizeWithTheChartDrawn() throws Exception {
        Path png = tmp.resolve("out/throughput.png");
        ChartExport.writePng(Charts.throughput(ChartsTest.sample()), png, 600, 350, 2);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(700, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        int notWhite = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) {
                    notWhite++;
                }
            }
        }
        assertTrue(colours.size() > 20, "only " + colours.size() + " colours: blank?");
        assertTrue(notWhite > 5000, "only " + notWhite + " drawn pixels");
        // the bars are there in alice's colour
        assertTrue(colours.contains(Charts.annotatorColor(List.of("alice", "bob", "carol"), "alice").getRGB() & 0xFFFFFF));
        assertEquals(List.of("throughput.png"), names(png.getParent()), "no temporary file is left");
        // an exported file gets the permissions any new file gets there (not a temporary file's owner-only ones)
        Path plain = Files.createFile(tmp.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(png));
    }

    @Test
    void anEmptyChartStillMakesAPngSayingNoData() throws Exception {
        Path png = tmp.resolve("empty.png");
        ChartExport.writePng(Charts.goldAccuracy(ChartsTest.empty()), png, 400, 300, 1);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(400, image.getWidth());
        assertEquals(300, image.getHeight());
        String svg = ChartExport.svgDocument(Charts.goldAccuracy(ChartsTest.empty()), 400, 300);
        assertTrue(svg.contains(Charts.NO_DATA), "the empty state is drawn");
    }

    @Test
    void svgParsesAsXmlWithTheSvgRootAndTheTitleText() throws Exception {
        Path svg = tmp.resolve("labels.svg");
        ChartExport.writeSvg(Charts.labelDistribution(ChartsTest.sample()), svg, 700, 400);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        assertTrue(doc.getDocumentElement().getTextContent().contains("Label distribution"));
        assertTrue(doc.getDocumentElement().getTextContent().contains("person"));
        assertEquals(List.of("labels.svg"), names(tmp));
        // nothing that a parser or a viewer would fetch from the web (JFreeSVG's DOCTYPE names a DTD there)
        assertTrue(!Files.readString(svg).contains("<!DOCTYPE"), "no DOCTYPE");
    }

    @Test
    void aFileThatCannotBeWrittenIsNamed() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("file"), "x");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> ChartExport.writeSvg(Charts.throughput(ChartsTest.empty()), blocker.resolve("c.svg"), 100, 100));
        assertTrue(e.getMessage().contains("c.svg"), e.getMessage());
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
