package dev.tcpmem.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpmem.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ChartExportTest {

    private static JFreeChart sampleChart() {
        double[] t = {0, 1, 2, 3, 4};
        Map<String, double[]> pods = new LinkedHashMap<>();
        pods.put("cassandra-0", new double[] {10, 500, 1200, 1500, 900});
        pods.put("web-0", new double[] {50, 50, 50, 50, 50});
        NodeChartData d = new NodeChartData("Node TCP memory", "pages", t, pods, 750, 1000, 1500,
                List.of(new double[] {1.6, 4}), List.of(new double[] {2.9, 3.1}),
                OptionalDouble.of(1.6), OptionalDouble.of(2.9), OptionalDouble.empty());
        return NodeMemoryChart.create(d);
    }

    @Test
    void pngHasTheRequestedSizeAndIsNotBlank(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("node.png");
        AtomicFiles.write(out, ChartExport.bytes(sampleChart(), ChartExport.formatOf(out), 800, 500, 2));
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(1600);
        assertThat(img.getHeight()).isEqualTo(1000);
        // the stacked areas and lines put many colours on the picture; a blank export has one
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int x = 0; x < img.getWidth(); x += 7) {
            for (int y = 0; y < img.getHeight(); y += 7) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertThat(colours.size()).isGreaterThan(20);
    }

    @Test
    void svgIsWellFormedXmlWithTheLabels(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("node.svg");
        AtomicFiles.write(out, ChartExport.bytes(sampleChart(), ChartExport.formatOf(out), 800, 500, 1));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        // parse offline: the SVG's DTD reference must not be fetched
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(out.toFile());
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
        String text = Files.readString(out);
        assertThat(text).contains("pressure (tcp_mem[1])").contains("cassandra-0").contains("pressure at 1.6 s");
    }

    @Test
    void pdfHasOnePageOfTheChartsSize(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("node.pdf");
        AtomicFiles.write(out, ChartExport.bytes(sampleChart(), ChartExport.formatOf(out), 800, 500, 1));
        byte[] bytes = Files.readAllBytes(out);
        String head = new String(bytes, 0, 8, StandardCharsets.ISO_8859_1);
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(head).startsWith("%PDF-");
        assertThat(all.strip()).endsWith("%%EOF");
        assertThat(all).containsPattern("/MediaBox\\s*\\[\\s*0(\\.0)?\\s+0(\\.0)?\\s+800(\\.0)?\\s+500(\\.0)?\\s*\\]");
        assertThat(all.split("/Type /Page\\b", -1).length - 1).isEqualTo(1);
    }

    @Test
    void unknownExtensionIsRefusedWithTheFix() {
        assertThatThrownBy(() -> ChartExport.formatOf(Path.of("chart.jpeg")))
                .hasMessageContaining("must end in .png, .svg or .pdf");
    }

    @Test
    void pngRoundTripsThroughImageIo() throws Exception {
        byte[] png = ChartExport.bytes(sampleChart(), ChartExport.Format.PNG, 400, 300, 1);
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(400);
    }
}
