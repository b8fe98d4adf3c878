package dev.tcpmem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fidelity} on copies of real probe recordings (src/test/resources/calibration/, Linux 6.18.44). The measured
 * numbers asserted come from the recordings themselves (skmem charged_pages means, sockstat steady − baseline,
 * memory.kmem.tcp.usage_in_bytes / 4096), so they do not depend on the model; the verdicts are the project's
 * tolerances applied to them.
 */
class FidelityCommandTest {

    private static final Path REC = Path.of("src/test/resources/calibration");
    private static final Path ACCEPT = Path.of("src/test/resources/calibration-accept");
    private static final Path ORPHANS = Path.of("src/test/resources/calibration-orphans");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path copy(Path dir, String name) throws Exception {
        return copy(dir, REC, name);
    }

    private static Path copy(Path dir, Path from, String name) throws Exception {
        return Files.copy(from.resolve(name + ".json"), dir.resolve(name + ".json"));
    }

    /** A copy of a recording with one edit, as another machine or a damaged file would give. */
    private static Path edited(Path dir, String name, String as, Consumer<ObjectNode> edit) throws Exception {
        return edited(dir, REC, name, as, edit);
    }

    private static Path edited(Path dir, Path from, String name, String as, Consumer<ObjectNode> edit)
            throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(from.resolve(name + ".json").toFile());
        edit.accept(root);
        Path f = dir.resolve(as);
        JSON.writeValue(f.toFile(), root);
        return f;
    }

    private static ObjectNode at(ObjectNode root, String... path) {
        JsonNode n = root;
        for (String p : path) {
            n = p.matches("\\d+") ? n.get(Integer.parseInt(p)) : n.get(p);
        }
        return (ObjectNode) n;
    }

    /** The table row of a quantity: group/end, connections, quantity, measured, ..., verdict. */
    private static String row(String out, String label, String quantity) {
        return out.lines().filter(l -> l.trim().startsWith(label + " ") && l.contains(quantity)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " / " + quantity + " in\n" + out));
    }

    @Test
    void aRecordingTheModelMatchesIsWithinAndExitsZero(@TempDir Path dir) throws Exception {
        Path f = copy(dir, "veth-defaults-stalled-100");
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("fidelity", f.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        String out = r.out();
        assertThat(out).contains("veth-defaults-stalled-100").contains("kernel 6.18.44-fc-v595 measured, model profile 6.18;")
                .contains("MemTotal 24684096 kB, 2 CPUs");
        // server: 100 stalled receivers, skmem charged 32 pages each; client: the writers, mean 154.48 pages
        assertThat(row(out, "stalled/server", "pages per socket")).matches(".*\\s100\\s+pages per socket\\s+32\\s.*within$");
        assertThat(row(out, "stalled/client", "pages per socket")).matches(".*\\s154\\.5\\s.*within$");
        // sockstat TCP mem 18550 at steady state − 234 at baseline
        assertThat(row(out, "node", "pages (sockstat")).matches(".*\\s18316\\s.*within$");
        // getsockopt after connect: SO_RCVBUF 131072 (tcp_rmem[1]) and SO_SNDBUF 69120, matched exactly
        assertThat(row(out, "stalled/client", "131072 / 131072")).contains("69120 / 69120").endsWith("match");
        assertThat(out).contains("=> within: 3 of 3 quantities within tolerance, 10 of 10 exact rules match")
                .contains("1 of 1 recordings within tolerance");
    }

    @Test
    void aCaseTheModelIsKnownNotToMatchSaysOutAndExitsOne(@TempDir Path dir) throws Exception {
        // in CalibrationReplayTest.KNOWN_OUT: the kernel's writers hold 28 pages where the model takes the
        // saw-tooth's mean; with 1000 connections at 28 pages, ±10 % is 2.8 pages
        Path f = copy(dir, "veth-defaults-stalled-1000");
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("fidelity", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(row(r.out(), "stalled/client", "pages per socket")).matches(".*\\s1000\\s+pages per socket\\s+28\\s.*out$");
        assertThat(row(r.out(), "stalled/server", "pages per socket")).matches(".*\\s32\\s.*within$");
        // 59816 − 51
        assertThat(row(r.out(), "node", "pages (sockstat")).matches(".*\\s59765\\s.*within$");
        assertThat(r.out()).contains("=> out: 2 of 3 quantities").contains("0 of 1 recordings within tolerance");
        // the writers' queue is an expected value: the kernel leaves it in [2/3 x sk_sndbuf, sk_sndbuf + one skb) with
        // sk_sndbuf = tcp_wmem[2] = 98304 and size_goal 63712: 65536 bytes = 16 pages to 98304 + 63712 + 832 = 162848
        // bytes -> ceil(39.76) = 40 pages; 28 is in it, and the verdict stays the tolerance's (out)
        assertThat(row(r.out(), "stalled/client", "pages per socket")).contains("16–40: in band");
        // the receivers' full sk_rcvbuf is an exact rule: no band
        assertThat(row(r.out(), "stalled/server", "pages per socket")).doesNotContain("band");
        assertThat(r.out()).contains("1 of 1 quantities the model gives a band for lie in it")
                .contains("band: A blocked writer's send queue rests between 2/3 of sk_sndbuf");
    }

    @Test
    void aMemoryCgroupCaseComparesQueuesAndTheCgroupsUsage(@TempDir Path dir) throws Exception {
        Path f = copy(dir, "veth-memcg-stalled-100-limit-4m");
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("fidelity", f.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        String out = r.out();
        assertThat(out).contains("memory cgroup (v1) of the server: kmem.tcp limit 4MiB");
        // receive queues under the pod's pressure: skmem r from 8072 to 117880, mean 46732.48
        assertThat(row(out, "stalled/server", "recv queue bytes")).matches(".*\\s46732\\.5\\s.*within$");
        assertThat(row(out, "stalled/client", "send queue bytes")).matches(".*\\s273093\\.4\\s.*within$");
        // memory.kmem.tcp.usage_in_bytes 4714496 = 1151 pages, above the 1024-page limit (forced charges)
        assertThat(row(out, "memory cgroup", "TCP usage pages")).matches(".*\\s1151\\s.*within$");
        assertThat(row(out, "node", "pages (sockstat")).matches(".*\\s7718\\s.*within$");
        assertThat(out).contains("=> within: 8 of 8 quantities");
    }

    @Test
    void measuredPagesFarFromTheModelAreOutAndExitOne(@TempDir Path dir) throws Exception {
        // the same case with the writers' pages and the node's pages ten times what the kernel measured
        Path f = edited(dir, "veth-defaults-stalled-100", "far-off.json", root -> {
            at(root, "groups", "0", "client_sockets", "charged_pages").put("mean", 1544.8);
            at(root, "sockstat").put("delta_pages", 183160);
        });
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("fidelity", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(row(r.out(), "stalled/client", "pages per socket")).matches(".*\\s1544\\.8\\s.*\\s-9\\d\\.\\d %.*out$");
        assertThat(row(r.out(), "node", "pages (sockstat")).matches(".*\\s183160\\s.*out$");
        assertThat(row(r.out(), "stalled/server", "pages per socket")).endsWith("within");
        assertThat(r.out()).contains("=> out: 1 of 3 quantities");
    }

    @Test
    void jsonHasEveryNumberOfTheComparison(@TempDir Path dir) throws Exception {
        copy(dir, "veth-defaults-stalled-100");
        copy(dir, "veth-defaults-stalled-1000");
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("fidelity", dir.toString(), "--json");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("format").asText()).isEqualTo("tcpmem-fidelity/1");
        assertThat(j.get("within").asBoolean()).isFalse();
        assertThat(j.get("summary").get("recordings").asInt()).isEqualTo(2);
        assertThat(j.get("summary").get("recordingsWithin").asInt()).isEqualTo(1);
        // a folder is read in name order
        JsonNode a = j.get("recordings").get(0);
        assertThat(a.get("case").asText()).isEqualTo("veth-defaults-stalled-100");
        assertThat(a.get("kernel").asText()).isEqualTo("6.18.44-fc-v595");
        assertThat(a.get("profile").asText()).isEqualTo("6.18");
        assertThat(a.get("profileExact").asBoolean()).isTrue();
        assertThat(a.get("kind").asText()).isEqualTo("steady");
        assertThat(a.get("memcg").isNull()).isTrue();
        JsonNode g = a.get("groups").get(0);
        assertThat(g.get("name").asText()).isEqualTo("stalled");
        assertThat(g.get("pattern").asText()).isEqualTo("stalled-reader");
        assertThat(g.get("connections").asLong()).isEqualTo(100);
        JsonNode client = g.get("ends").get(1);
        assertThat(client.get("end").asText()).isEqualTo("client");
        JsonNode pages = client.get("pagesPerSocket");
        assertThat(pages.get("measured").asDouble()).isEqualTo(154.48);
        assertThat(pages.get("allowed").asDouble()).isCloseTo(15.448, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(pages.get("within").asBoolean()).isTrue();
        assertThat(client.get("exact")).hasSize(5);
        assertThat(client.get("exact").get(0).get("check").asText()).isEqualTo("SO_RCVBUF");
        assertThat(client.get("exact").get(0).get("kernel").asText()).isEqualTo("131072");
        assertThat(client.get("exact").get(0).get("match").asBoolean()).isTrue();
        // node: ±max(10 %, 2 CPUs × mem_pcpu_rsv 256) = ±1831.6 pages
        JsonNode node = a.get("node").get("pages");
        assertThat(node.get("measured").asDouble()).isEqualTo(18316);
        assertThat(node.get("allowed").asDouble()).isCloseTo(1831.6, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(client.get("pagesPerSocket").get("band").get("inBand").asBoolean()).isTrue();
        assertThat(g.get("ends").get(0).get("pagesPerSocket").has("band")).isFalse();
        JsonNode b = j.get("recordings").get(1);
        assertThat(b.get("within").asBoolean()).isFalse();
        JsonNode out = b.get("groups").get(0).get("ends").get(1).get("pagesPerSocket");
        assertThat(out.get("within").asBoolean()).isFalse();
        // 16-40 pages as worked in aCaseTheModelIsKnownNotToMatchSaysOutAndExitsOne
        assertThat(out.get("band").get("low").asDouble()).isEqualTo(16);
        assertThat(out.get("band").get("high").asDouble()).isEqualTo(40);
        assertThat(out.get("band").get("inBand").asBoolean()).isTrue();
        assertThat(out.get("band").get("why").asText()).contains("sk_sndbuf");
        assertThat(j.get("summary").get("quantitiesWithBand").asInt()).isEqualTo(2);
        assertThat(j.get("summary").get("quantitiesInBand").asInt()).isEqualTo(2);
    }

    @Test
    void anotherMachinesKernelAndMemoryAreTakenFromTheRecording(@TempDir Path dir) throws Exception {
        // a kernel the tool has no profile for, on an 8 GiB node with its own tcp_mem
        Path f = edited(dir, "veth-defaults-stalled-100", "other-node.json", root -> {
            at(root, "host").put("kernel", "6.19.2-custom").put("mem_total_kb", 8_388_608);
            at(root, "host_sysctls").put("net.ipv4.tcp_mem", "95232 126976 190464");
        });
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("fidelity", f.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("kernel 6.19.2-custom measured, model profile 6.18 (nearest known)")
                .contains("note: kernel 6.19 has no profile of its own: modelled with the 6.18 profile")
                .contains("MemTotal 8388608 kB, 2 CPUs, tcp_mem 95232 126976 190464");
        // 17.7k pages are far below this tcp_mem's pressure line: the comparison is the same as on the 24 GiB node
        assertThat(r.exit()).isZero();

        Path older = edited(dir, "veth-defaults-stalled-100", "older.json",
                root -> at(root, "host").put("kernel", "5.17.3"));
        SysctlsCommandTest.Run o = SysctlsCommandTest.run("fidelity", "--json", older.toString());
        JsonNode rec = JSON.readTree(o.out()).get("recordings").get(0);
        assertThat(rec.get("profile").asText()).isEqualTo("5.15");
        assertThat(rec.get("profileExact").asBoolean()).isFalse();

        Path ancient = edited(dir, "veth-defaults-stalled-100", "ancient.json",
                root -> at(root, "host").put("kernel", "4.9.0-8-amd64"));
        JsonNode old = JSON.readTree(SysctlsCommandTest.run("fidelity", "--json", ancient.toString()).out())
                .get("recordings").get(0);
        assertThat(old.get("profile").asText()).isEqualTo("4.15");
        assertThat(old.get("notes").get(0).asText()).contains("kernel 4.9 is older than every profile");
    }

    private static void assertBadInput(SysctlsCommandTest.Run r, String... contains) {
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: ").contains(contains).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void notJsonIsRefusedWithTheFileAndPlace(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("notes.json"), "probe ran fine\n");
        assertBadInput(SysctlsCommandTest.run("fidelity", f.toString()), "notes.json:1:", "not valid JSON",
                "probe.py writes one JSON object per case");
    }

    @Test
    void jsonThatIsNotAProbeRecordingIsRefused(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("other.json"), "{\"name\": \"x\", \"groups\": []}");
        assertBadInput(SysctlsCommandTest.run("fidelity", f.toString()), "other.json: $.probe_version: missing",
                "sudo python3 tools/calibrate/probe.py --out DIR");
        Path scenario = Path.of("resources/scenarios/cassandra-seed.tcpmem.json");
        assertBadInput(SysctlsCommandTest.run("fidelity", scenario.toString()), "cassandra-seed.tcpmem.json",
                "a scenario file, not a probe recording: run it with `evaluate`");
    }

    @Test
    void aRecordingMissingAFieldNamesItsPath(@TempDir Path dir) throws Exception {
        Path f = edited(dir, "veth-defaults-stalled-100", "cut.json",
                root -> at(root, "groups", "0", "server_sockets").remove("charged_pages"));
        assertBadInput(SysctlsCommandTest.run("fidelity", f.toString()),
                "cut.json: $.groups[0].server_sockets.charged_pages: missing", "record it again with tools/calibrate/probe.py");
        Path g = edited(dir, "veth-defaults-stalled-100", "no-kernel.json", root -> at(root, "host").remove("kernel"));
        assertBadInput(SysctlsCommandTest.run("fidelity", g.toString()), "no-kernel.json: $.host.kernel: missing");
        Path h = edited(dir, "veth-defaults-stalled-100", "bad-sysctl.json",
                root -> at(root, "host_sysctls").put("net.ipv4.tcp_mem", "lots"));
        assertBadInput(SysctlsCommandTest.run("fidelity", h.toString()), "bad-sysctl.json: $.host_sysctls['net.ipv4.tcp_mem']:");
        Path v = edited(dir, "veth-defaults-stalled-100", "v2.json", root -> root.put("probe_version", 2));
        assertBadInput(SysctlsCommandTest.run("fidelity", v.toString()), "v2.json: $.probe_version: recording format 2");
        Path p = edited(dir, "veth-defaults-stalled-100", "arm64.json", root -> at(root, "host").put("page_size", 65536));
        assertBadInput(SysctlsCommandTest.run("fidelity", p.toString()), "arm64.json: $.host.page_size: pages of 65536 bytes");
    }

    @Test
    void aFolderWithoutRecordingsOrAMissingFileIsRefused(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectory(dir.resolve("mynode"));
        Files.writeString(empty.resolve("README.txt"), "nothing recorded yet");
        assertBadInput(SysctlsCommandTest.run("fidelity", empty.toString()),
                "mynode: no recordings (*.json) in this folder", "probe.py --out");
        assertBadInput(SysctlsCommandTest.run("fidelity", dir.resolve("gone.json").toString()), "gone.json: no such file");
    }

    @Test
    void withoutAnArgumentItSaysWhatItTakes() {
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("fidelity");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains("RECORDING").contains("fidelity --help");
    }

    // accept_queue.py and orphans.py recordings (src/test/resources/calibration-accept/, calibration-orphans/): the
    // measured numbers asserted are the recordings' own values; allowed deviations are the replay tests' tolerances
    // applied to them

    /** The row of a quantity or exact rule of an accept-queue or orphan recording: it starts with its name. */
    private static String line(String out, String what) {
        return out.lines().filter(l -> l.trim().startsWith(what)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + what + " in\n" + out));
    }

    @Test
    void anAcceptQueueRecordingIsComparedWithItsOwnNumbers(@TempDir Path dir) throws Exception {
        Path f = copy(dir, ACCEPT, "veth-20-waiting-backlog-8");
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("fidelity", f.toString());
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        assertThat(r.err()).isEmpty();
        String out = r.out();
        assertThat(out).contains("veth-20-waiting-backlog-8  (" + f + ")")
                .contains("kernel 6.18.44-fc-v595 measured, model profile 6.18;")
                .contains("accept queue (accept_queue.py): 20 connections, listen() backlog 8, somaxconn 4096");
        // waiting.established.pagesPerSocketMean 31.0, allowed ±10 % = 3.1
        assertThat(line(out, "pages per waiting socket")).matches("\\s*pages per waiting socket\\s+31\\s+\\S+\\s+\\S+ %\\s+3\\.1\\s+within");
        // afterAccept.cgroupTcpUsageBytes 1142784 (279 pages), allowed ±10 % = 114278.4
        assertThat(line(out, "cgroup TCP usage after accept()"))
                .matches(".*\\)\\s+1142784\\s+\\S+\\s+\\S+ %\\s+114278\\.4\\s+within");
        // 20 clients, backlog 8 < somaxconn 4096: the kernel held min(8, 4096) + 1 = 9 (waiting.established.count)
        assertThat(line(out, "connections established in the accept queue")).endsWith("9 / 9  match");
        // waiting.cgroupTcpUsageBytes 0: nothing charged to the cgroup before accept()
        assertThat(line(out, "cgroup TCP usage while waiting (bytes)")).endsWith("0 / 0  match");
        assertThat(out).contains("=> within: 2 of 2 quantities within tolerance, 2 of 2 exact rules match")
                .contains("1 of 1 recordings within tolerance (2 of 2 quantities within, 2 of 2 exact rules match)")
                .contains("Accept queue (accept_queue.py) tolerances:").doesNotContain("Tolerances: pages per socket");
    }

    @Test
    void anOrphanRecordingIsComparedWithItsOwnNumbers(@TempDir Path dir) throws Exception {
        Path f = copy(dir, ORPHANS, "veth-50-stalled-peer-retries-0");
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("fidelity", f.toString());
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        String out = r.out();
        // sendQueueBeforeClose.rttMsMean 10.10924
        assertThat(out).contains("orphans (orphans.py): 50 connections closed with full send queues, "
                + "tcp_orphan_retries 0, rtt 10.1 ms");
        // firstSample.wMean 632008 bytes / 4096 = 154.3 pages, allowed ±10 % = 15.4
        assertThat(line(out, "send queue per orphan (pages)")).matches(".*\\)\\s+154\\.3\\s+\\S+\\s+\\S+ %\\s+15\\.4\\s+within");
        // allGoneSeconds 343.03, allowed ±3 % = 10.3 s
        assertThat(line(out, "seconds until dropped")).matches(".*dropped\\s+343\\.0\\s+\\S+\\s+\\S+ %\\s+10\\.3\\s+within");
        // firstSample.orphans 50: every closed connection became an orphan
        assertThat(line(out, "orphans right after close()")).endsWith("50 / 50  match");
        assertThat(out).contains("1 of 1 recordings within tolerance (2 of 2 quantities within, 1 of 1 exact rules match)")
                .contains("Orphans (orphans.py) tolerances:");
    }

    @Test
    void aFolderMixingAllThreeKindsIsComparedWholeAndCountedTogether(@TempDir Path dir) throws Exception {
        copy(dir, "veth-defaults-stalled-100");
        copy(dir, ACCEPT, "veth-100-waiting-backlog-511");
        copy(dir, ORPHANS, "veth-50-stalled-peer-retries-2");
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("fidelity", dir.toString());
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        String out = r.out();
        // in name order: veth-100-waiting..., veth-50-stalled..., veth-defaults...
        assertThat(out.indexOf("veth-100-waiting-backlog-511  (")).isLessThan(out.indexOf("veth-50-stalled-peer-retries-2  ("));
        assertThat(out.indexOf("veth-50-stalled-peer-retries-2  (")).isLessThan(out.indexOf("veth-defaults-stalled-100  ("));
        // backlog 511 < somaxconn 4096 holds 512 > the 100 connections: all 100 wait (waiting.established.count)
        assertThat(line(out, "connections established in the accept queue")).endsWith("100 / 100  match");
        // afterAccept.cgroupTcpUsageBytes 13107200 = 100 sockets × 32 pages
        assertThat(line(out, "cgroup TCP usage after accept()")).contains(" 13107200 ");
        // retries 2: allGoneSeconds 343.4; firstSample.wMean 629964.8 / 4096 = 153.8 pages
        assertThat(line(out, "seconds until dropped")).contains(" 343.4 ");
        assertThat(line(out, "send queue per orphan (pages)")).contains(" 153.8 ");
        assertThat(row(out, "stalled/server", "pages per socket")).matches(".*\\s100\\s+pages per socket\\s+32\\s.*within$");
        // probe.py: 3 quantities, 10 exact rules; accept queue 2 and 2; orphans 2 and 1
        assertThat(out).contains("3 of 3 recordings within tolerance (7 of 7 quantities within, 13 of 13 exact rules match)")
                .contains("Tolerances: pages per socket").contains("Accept queue (accept_queue.py) tolerances:")
                .contains("Orphans (orphans.py) tolerances:");
    }

    @Test
    void acceptQueueAndOrphanRecordingsEditedFarOffAreOutAndExitOne(@TempDir Path dir) throws Exception {
        // the kernel said 62 pages per waiting socket (twice the recorded 31) and the queue held 12, not 9
        Path a = edited(dir, ACCEPT, "veth-20-waiting-backlog-8", "accept-far.json", root -> {
            at(root, "waiting", "established").put("pagesPerSocketMean", 62.0);
            at(root, "waiting", "established").put("count", 12);
        });
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("fidelity", a.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(line(r.out(), "pages per waiting socket")).matches(".*\\s62\\s+.*\\s6\\.2\\s+out");
        assertThat(line(r.out(), "connections established in the accept queue")).contains("12 / ").endsWith("MISMATCH");
        // the model then accepts 12 connections, 12 × 32 pages: 1572864 bytes against the recorded 1142784
        assertThat(line(r.out(), "cgroup TCP usage after accept()")).contains(" 1142784 ").endsWith("out");
        assertThat(r.out()).contains("=> out: 0 of 2 quantities within tolerance, 1 of 2 exact rules match")
                .contains("0 of 1 recordings within tolerance");
        // the orphans lived 686 s (twice the recorded 343.03)
        Path o = edited(dir, ORPHANS, "veth-50-stalled-peer-retries-0", "orphans-far.json",
                root -> root.put("allGoneSeconds", 686.06));
        SysctlsCommandTest.Run q = SysctlsCommandTest.run("fidelity", o.toString(), f(dir, "veth-20-waiting-backlog-8"));
        assertThat(q.exit()).isEqualTo(1);
        assertThat(line(q.out(), "seconds until dropped")).matches(".*\\s686\\.1\\s+.*\\s20\\.6\\s+out");
        assertThat(q.out()).contains("1 of 2 recordings within tolerance");
    }

    private static String f(Path dir, String acceptCase) throws Exception {
        return copy(dir, ACCEPT, acceptCase).toString();
    }

    @Test
    void jsonHasTheAcceptQueueAndOrphanComparisons(@TempDir Path dir) throws Exception {
        copy(dir, ACCEPT, "veth-20-waiting-backlog-8");
        copy(dir, ORPHANS, "veth-50-stalled-peer-retries-0");
        SysctlsCommandTest.Run r = SysctlsCommandTest.run("fidelity", "--json", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("format").asText()).isEqualTo("tcpmem-fidelity/1");
        assertThat(j.get("summary").get("recordings").asInt()).isEqualTo(2);
        assertThat(j.get("summary").get("quantities").asInt()).isEqualTo(4);
        assertThat(j.get("summary").get("exactChecks").asInt()).isEqualTo(3);
        JsonNode a = j.get("recordings").get(0);
        assertThat(a.get("case").asText()).isEqualTo("veth-20-waiting-backlog-8");
        assertThat(a.get("kind").asText()).isEqualTo("acceptQueue");
        assertThat(a.get("profile").asText()).isEqualTo("6.18");
        assertThat(a.get("groups")).isEmpty();
        assertThat(a.get("node").isNull()).isTrue();
        JsonNode aq = a.get("acceptQueue");
        assertThat(aq.get("backlog").asLong()).isEqualTo(8);
        assertThat(aq.get("pagesPerWaitingSocket").get("measured").asDouble()).isEqualTo(31.0);
        assertThat(aq.get("pagesPerWaitingSocket").get("allowed").asDouble()).isCloseTo(3.1,
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(aq.get("usageAfterAcceptBytes").get("measured").asDouble()).isEqualTo(1142784);
        assertThat(aq.get("exact").get(0).get("check").asText()).isEqualTo("queued");
        assertThat(aq.get("exact").get(0).get("kernel").asText()).isEqualTo("9");
        assertThat(aq.get("exact").get(1).get("kernel").asText()).isEqualTo("0");
        JsonNode o = j.get("recordings").get(1);
        assertThat(o.get("kind").asText()).isEqualTo("orphans");
        JsonNode oo = o.get("orphans");
        assertThat(oo.get("tcpOrphanRetries").asLong()).isZero();
        assertThat(oo.get("pagesPerOrphan").get("measured").asDouble()).isEqualTo(632008.0 / 4096);
        assertThat(oo.get("lifetimeSeconds").get("measured").asDouble()).isEqualTo(343.03);
        assertThat(oo.get("lifetimeSeconds").get("allowed").asDouble()).isCloseTo(0.03 * 343.03,
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(oo.get("exact").get(0).get("kernel").asText()).isEqualTo("50");
    }

    @Test
    void aBadAcceptQueueRecordingNamesTheFileThePathAndTheFix(@TempDir Path dir) throws Exception {
        String c = "veth-20-waiting-backlog-8";
        Path cut = edited(dir, ACCEPT, c, "cut.json", root -> at(root, "waiting", "established").remove("pagesPerSocketMean"));
        assertBadInput(SysctlsCommandTest.run("fidelity", cut.toString()),
                "cut.json: $.waiting.established.pagesPerSocketMean: missing",
                "record it again with tools/calibrate/accept_queue.py");
        Path type = edited(dir, ACCEPT, c, "type.json", root -> root.put("backlog", "eight"));
        assertBadInput(SysctlsCommandTest.run("fidelity", type.toString()),
                "type.json: $.backlog: expected a number, found the string \"eight\"");
        Path v = edited(dir, ACCEPT, c, "v2.json", root -> root.put("probeVersion", 2));
        assertBadInput(SysctlsCommandTest.run("fidelity", v.toString()), "v2.json: $.probeVersion: recording format 2",
                "reads accept_queue.py recordings of format 1", "use the app from the same checkout as the probe");
        Path rmem = edited(dir, ACCEPT, c, "rmem.json", root -> root.putArray("tcpRmem").add("4096").add("131072"));
        assertBadInput(SysctlsCommandTest.run("fidelity", rmem.toString()), "rmem.json: $.tcpRmem: 2 values");
        Path none = edited(dir, ACCEPT, c, "none.json", root -> at(root, "waiting", "established").put("count", 0));
        assertBadInput(SysctlsCommandTest.run("fidelity", none.toString()),
                "none.json: $.waiting.established.count: no connection was established");
    }

    @Test
    void aBadOrphanRecordingNamesTheFileThePathAndTheFix(@TempDir Path dir) throws Exception {
        String c = "veth-50-stalled-peer-retries-0";
        Path cut = edited(dir, ORPHANS, c, "cut.json", root -> at(root, "firstSample").remove("wMean"));
        assertBadInput(SysctlsCommandTest.run("fidelity", cut.toString()), "cut.json: $.firstSample.wMean: missing",
                "record it again with tools/calibrate/orphans.py");
        Path type = edited(dir, ORPHANS, c, "type.json", root -> root.put("tcpOrphanRetries", "none"));
        assertBadInput(SysctlsCommandTest.run("fidelity", type.toString()),
                "type.json: $.tcpOrphanRetries: expected a number, found the string \"none\"");
        Path v = edited(dir, ORPHANS, c, "v3.json", root -> root.put("probeVersion", 3));
        assertBadInput(SysctlsCommandTest.run("fidelity", v.toString()), "v3.json: $.probeVersion: recording format 3",
                "reads orphans.py recordings of format 1");
        Path never = edited(dir, ORPHANS, c, "never.json", root -> root.putNull("allGoneSeconds"));
        assertBadInput(SysctlsCommandTest.run("fidelity", never.toString()), "never.json: $.allGoneSeconds: null",
                "record again with a larger --limit-seconds");
        Path kernel = edited(dir, ORPHANS, c, "kernel.json", root -> root.put("kernel", "latest"));
        assertBadInput(SysctlsCommandTest.run("fidelity", kernel.toString()),
                "kernel.json: $.kernel: \"latest\" is not a kernel release");
        Path retries = edited(dir, ORPHANS, c, "retries.json", root -> root.put("tcpOrphanRetries", 1000));
        assertBadInput(SysctlsCommandTest.run("fidelity", retries.toString()),
                "retries.json: $.tcpOrphanRetries: 1000 is out of range: expected 0 to 255");
    }

    @Test
    void anOrphanRecordingIsModelledWithTheCongestionControlItRecorded(@TempDir Path dir) throws Exception {
        String c = "veth-50-stalled-peer-retries-0";
        Path bbr = edited(dir, ORPHANS, c, "bbr.json", root -> root.put("congestionControl", "bbr"));
        Path cubic = edited(dir, ORPHANS, c, "cubic.json", root -> root.put("congestionControl", "cubic"));
        double withBbr = JSON.readTree(SysctlsCommandTest.run("fidelity", "--json", bbr.toString()).out())
                .get("recordings").get(0).get("orphans").get("pagesPerOrphan").get("modelled").asDouble();
        double withCubic = JSON.readTree(SysctlsCommandTest.run("fidelity", "--json", cubic.toString()).out())
                .get("recordings").get(0).get("orphans").get("pagesPerOrphan").get("modelled").asDouble();
        // tcp_sndbuf_expand() sizes sk_sndbuf as sndbuf_expand x cwnd x per_mss: 3 for BBR, 2 for CUBIC
        // (net/ipv4/tcp_bbr.c bbr_sndbuf_expand()), so the same writer queues less under cubic
        assertThat(withCubic).isPositive().isLessThan(withBbr);
        // the recordings made before orphans.py wrote it were made on a bbr host: absent means bbr
        double absent = JSON.readTree(SysctlsCommandTest.run("fidelity", "--json", ORPHANS.resolve(c + ".json").toString())
                .out()).get("recordings").get(0).get("orphans").get("pagesPerOrphan").get("modelled").asDouble();
        assertThat(absent).isEqualTo(withBbr);
        Path bad = edited(dir, ORPHANS, c, "cc.json", root -> root.put("congestionControl", "BBR!"));
        assertBadInput(SysctlsCommandTest.run("fidelity", bad.toString()),
                "cc.json: $.congestionControl: \"BBR!\" is not a congestion control name");
    }
}
