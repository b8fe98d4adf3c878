package dev.tcpmem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportAndReportCommandTest {

    private static final String CASSANDRA = "resources/scenarios/cassandra-seed.tcpmem.json";

    @Test
    void exportsEachChartInEachFormat(@TempDir Path dir) throws Exception {
        for (String chart : new String[] {"node", "socket", "sweep"}) {
            Path png = dir.resolve(chart + ".png");
            assertThat(SysctlsCommandTest.run("export", CASSANDRA, "--chart", chart, "--out", png.toString(),
                    "--width", "900", "--height", "500").exit()).as(chart).isZero();
            BufferedImage img = ImageIO.read(png.toFile());
            assertThat(img.getWidth()).isEqualTo(900);
            assertThat(img.getHeight()).isEqualTo(500);
        }
        Path svg = dir.resolve("node.svg");
        assertThat(SysctlsCommandTest.run("export", CASSANDRA, "--chart", "node", "--out", svg.toString()).exit()).isZero();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        assertThat(f.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getNodeName()).isEqualTo("svg");
        assertThat(Files.readString(svg)).contains("cassandra-0").contains("pressure (tcp_mem[1])");
        Path pdf = dir.resolve("node.pdf");
        assertThat(SysctlsCommandTest.run("export", CASSANDRA, "--chart", "node", "--out", pdf.toString()).exit()).isZero();
        assertThat(new String(Files.readAllBytes(pdf), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    }

    @Test
    void wrongExtensionIsABadInputAndWritesNothing(@TempDir Path dir) {
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("export", CASSANDRA, "--chart", "node", "--out", dir.resolve("x.gif").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --out").contains(".png, .svg or .pdf");
        assertThat(dir.resolve("x.gif")).doesNotExist();
    }

    @Test
    void reportHasTheVerdictTheChangesAndItsImages(@TempDir Path dir) throws Exception {
        assertThat(SysctlsCommandTest.run("report", CASSANDRA, "--out", dir.toString()).exit()).isZero();
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).startsWith("# Cassandra with 10k clients").contains("**Verdict:**")
                .contains("| pod cassandra-0 | `net.ipv4.tcp_rmem` | 4096 87380 16777216 | 4096 131072 6291456 |")
                .contains("| node | `net.core.rmem_max` | 16777216 | 212992 |")
                .contains("![Node TCP memory](report-node.png)");
        assertThat(ImageIO.read(dir.resolve("report-node.png").toFile())).isNotNull();
        assertThat(ImageIO.read(dir.resolve("report-socket.png").toFile())).isNotNull();
    }

    @Test
    void reportGivesTheBandWhereTheKernelLeavesAConnectionsPagesOpen(@TempDir Path dir) throws Exception {
        assertThat(SysctlsCommandTest.run("report", "resources/scenarios/kafka-brokers.tcpmem.json", "--out",
                dir.toString()).exit()).isZero();
        String md = Files.readString(dir.resolve("report.md"));
        // replication-out writes bulk to replication-in on the same node with tcp_wmem[2] = 8 MiB: the model keeps
        // its sk_sndbuf full, 8388608 / 4096 = 2,048 pages; the kernel may hold anything from 0 to sk_sndbuf + one
        // skb of 45 x 1448 = 65160 payload bytes and an 832-byte head: ceil((8388608 + 65160 + 832) / 4096) = 2,065
        assertThat(md).containsPattern("\\| kafka-0 \\| replication-out \\| 8 \\| [0-9.,]+ \\| 2,048\\.0 \\(0–2,065\\)<sup>1</sup> \\|")
                .contains("1. A bulk writer facing a reader on its node");
        // producers read at a rate from off-node clients: an exact rule, no band
        assertThat(md).containsPattern("\\| kafka-0 \\| producers \\| 600 \\| [0-9.]+ \\| 1\\.0 \\| ");
    }

    @Test
    void tuningCommandPrintsTheThreeArtefacts() {
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("tuning", CASSANDRA, "--kubernetes", "1.31");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("net.core.rmem_max = 16777216").contains("kind: Pod").contains("allowedUnsafeSysctls")
                .contains("- net.ipv4.tcp_rmem");
    }

    @Test
    void importThenEvaluate(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("imported.tcpmem.json");
        SysctlsCommandTest.Run imp = SysctlsCommandTest.run("import", "pod",
                "src/test/resources/import/cassandra-statefulset.yaml", "--out", out.toString());
        assertThat(imp.exit()).isZero();
        assertThat(imp.err()).contains("note: ");
        assertThat(SysctlsCommandTest.run("evaluate", out.toString()).exit()).isZero();
    }
}
