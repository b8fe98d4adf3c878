package dev.tcpmem.io.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcpmem.io.InputFormatException;
import dev.tcpmem.kernel.SysctlCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * accept_queue.py and orphans.py recordings with one field replaced by a wrong or extreme value (removed, null, a
 * string, negative, fractional, 64-bit overflow, huge, an object, an array): the reader either refuses with one
 * problem naming the file and a JSON path, or reads a recording the model then compares with finite numbers. Never
 * another exception.
 */
class OtherProbeRecordingFuzzProperties {

    private static final SysctlCatalog CATALOG = SysctlCatalog.bundled();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Path> FILES = List.of(
            Path.of("src/test/resources/calibration-accept/veth-20-waiting-backlog-8.json"),
            Path.of("src/test/resources/calibration-orphans/veth-50-stalled-peer-retries-2.json"));
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<JsonNode> BAD = List.of(F.nullNode(), F.textNode("lots"), F.textNode(""),
            F.numberNode(-1), F.numberNode(0), F.numberNode(2.5), F.numberNode(1e300),
            F.numberNode(new java.math.BigInteger("99999999999999999999999")), F.numberNode(Long.MAX_VALUE),
            F.objectNode(), F.arrayNode(), F.booleanNode(true));

    /** Every field of the recording (the samples array once, not each sample), as the path of keys to it. */
    private static List<List<String>> paths(JsonNode n, List<String> at) {
        List<List<String>> out = new ArrayList<>();
        if (n.isObject() && !"samples".equals(at.isEmpty() ? null : at.get(at.size() - 1))) {
            n.fieldNames().forEachRemaining(k -> {
                List<String> p = new ArrayList<>(at);
                p.add(k);
                out.add(p);
                out.addAll(paths(n.get(k), p));
            });
        }
        return out;
    }

    @Provide
    Arbitrary<Object[]> edits() throws IOException {
        List<Object[]> all = new ArrayList<>();
        for (Path f : FILES) {
            for (List<String> p : paths(JSON.readTree(f.toFile()), List.of())) {
                all.add(new Object[] {f, p});
            }
        }
        return Arbitraries.of(all);
    }

    @Property(tries = 250)
    void aDamagedRecordingIsRefusedWithItsPathOrCompared(@ForAll("edits") Object[] edit,
                                                         @ForAll("bad") JsonNode value,
                                                         @ForAll boolean remove) throws Exception {
        Path file = (Path) edit[0];
        @SuppressWarnings("unchecked")
        List<String> path = (List<String>) edit[1];
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        ObjectNode parent = root;
        for (String k : path.subList(0, path.size() - 1)) {
            parent = (ObjectNode) parent.get(k);
        }
        String key = path.get(path.size() - 1);
        if (remove) {
            parent.remove(key);
        } else {
            parent.set(key, value);
        }
        String source = "damaged.json";
        try {
            CalibrationRecording rec = new ProbeRecordingReader(CATALOG).read(JSON.writeValueAsString(root), source);
            RecordingComparison c = RecordingComparison.of(rec, CATALOG);
            assertThat(c.quantities()).allSatisfy(q -> {
                assertThat(q.modelled()).isFinite();
                assertThat(q.measured()).isFinite();
            });
        } catch (InputFormatException e) {
            assertThat(e.problems()).hasSize(1);
            assertThat(e.getMessage()).startsWith(source).doesNotContain("Exception");
            assertThat(e.problems().get(0).path()).startsWith("$");
        }
    }

    @Provide
    Arbitrary<JsonNode> bad() {
        return Arbitraries.of(BAD);
    }

    /** Not a property of a damaged file, but of the seeds: both read and compare as they are. */
    @Property(tries = 2)
    void theSeedsRead(@ForAll("seeds") Path f) throws Exception {
        assertThat(RecordingComparison.of(new ProbeRecordingReader(CATALOG).read(Files.readString(f), "s.json"),
                CATALOG).within()).isTrue();
    }

    @Provide
    Arbitrary<Path> seeds() {
        return Arbitraries.of(FILES);
    }
}
