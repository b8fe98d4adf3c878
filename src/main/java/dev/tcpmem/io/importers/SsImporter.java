package dev.tcpmem.io.importers;

import dev.tcpmem.io.Quantities;
import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Rate;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.ScenarioEdits;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WriterBehaviour;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Turns {@code ss -tmi} output into workload groups: connections to one local service port (the server side)
 * or to one remote address:port (the client side) become one group, with the median RTT, buffers and queues,
 * and a reader/writer behaviour inferred from what sits in the queues.
 */
public final class SsImporter {

    public ImportResult read(String text, String source, String podName, Optional<Scenario> into) throws ImportException {
        List<SsSocket> sockets = SsParser.parse(text, source);
        List<String> notes = new ArrayList<>();
        long skipped = sockets.stream().filter(s -> !s.state().equals("ESTAB")).count();
        List<SsSocket> estab = sockets.stream().filter(s -> s.state().equals("ESTAB")).toList();
        if (skipped > 0) {
            notes.add(skipped + " socket(s) not ESTABLISHED (listening, closing, TIME_WAIT) were left out");
        }
        if (estab.isEmpty()) {
            throw new ImportException(source + ": no established connections in the input");
        }
        Map<String, Integer> localPortUse = new HashMap<>();
        for (SsSocket s : estab) {
            localPortUse.merge(s.localHost() + ":" + s.localPort(), 1, Integer::sum);
        }
        Map<String, List<SsSocket>> groups = new LinkedHashMap<>();
        for (SsSocket s : estab) {
            boolean serverSide = localPortUse.get(s.localHost() + ":" + s.localPort()) > 1 || isServicePort(s.localPort(), s.peerPort());
            String key = serverSide ? "port-" + s.localPort() : "to-" + s.peerHost() + "-" + s.peerPort();
            groups.computeIfAbsent(key.replace('/', '_'), k -> new ArrayList<>()).add(s);
        }
        List<Workload> workloads = new ArrayList<>();
        for (Map.Entry<String, List<SsSocket>> g : groups.entrySet()) {
            workloads.add(workload(g.getKey(), g.getValue(), notes));
        }
        Scenario base = into.orElseGet(() -> {
            notes.add("node settings assumed (64GiB, kernel 6.18): import sysctl -a output too, or edit node");
            return ImportDefaults.emptyScenario("Imported from " + source, "Connections imported from " + source);
        });
        Pod pod = new Pod(podName, Optional.empty(), Optional.empty(), Map.of(), workloads);
        Scenario s = base.pod(podName).isPresent() ? ScenarioEdits.removePod(base, podName) : base;
        return new ImportResult(ScenarioEdits.addPod(s, pod), notes);
    }

    private Workload workload(String name, List<SsSocket> g, List<String> notes) {
        double rtt = medianDouble(g.stream().mapToDouble(SsSocket::rttMs).toArray());
        long r = median(g, s -> s.skmem("r"));
        long rb = median(g, s -> s.skmem("rb"));
        long w = median(g, s -> s.skmem("w"));
        long tb = median(g, s -> s.skmem("tb"));
        long recvQ = median(g, SsSocket::recvQ);
        long sendQ = median(g, SsSocket::sendQ);
        long pmtu = median(g, s -> s.info("pmtu"));
        boolean peerWindowLimited = g.stream().filter(s -> s.fields().containsKey("rwnd_limited")).count() * 2 > g.size();
        ReaderBehaviour reader = ReaderBehaviour.DRAINS;
        if (rb > 0 && r * 2 >= rb) {
            reader = ReaderBehaviour.STALLED;
        }
        WriterBehaviour writer = w > 0 || sendQ > 0 ? (tb > 0 && w * 2 >= tb ? WriterBehaviour.BULK : WriterBehaviour.RATE)
                : WriterBehaviour.IDLE;
        ReaderBehaviour peer = peerWindowLimited && sendQ > 0 ? ReaderBehaviour.STALLED : ReaderBehaviour.DRAINS;
        int mtu = pmtu >= 576 && pmtu <= 65536 ? (int) pmtu : Workload.DEFAULT_MTU;
        notes.add(String.format(Locale.ROOT,
                "%s: %d connection(s), median rtt %.3f ms, rcvbuf %s holding %s (Recv-Q %d), sndbuf %s holding %s (Send-Q %d)"
                        + " -> reader %s, writer %s, peer reader %s, mtu %d",
                name, g.size(), rtt, Quantities.formatBytes(Bytes.of(rb)), Quantities.formatBytes(Bytes.of(r)), recvQ,
                Quantities.formatBytes(Bytes.of(tb)), Quantities.formatBytes(Bytes.of(w)), sendQ,
                reader instanceof ReaderBehaviour.Stalled ? "stalled (receive queue near rcvbuf)" : "drains",
                writer.name().toLowerCase(Locale.ROOT), peer instanceof ReaderBehaviour.Stalled ? "stalled (window-limited)" : "drains",
                mtu));
        return new Workload(name, g.size(), rtt > 0 ? rtt : 1.0, Rate.ZERO, Rate.ZERO, reader, writer, peer,
                Optional.empty(), Optional.empty(), mtu, Optional.empty());
    }

    /** A low local port facing an ephemeral peer port is a service this pod serves. */
    private static boolean isServicePort(String local, String peer) {
        boolean localNamed = !local.chars().allMatch(Character::isDigit);
        boolean peerNamed = !peer.chars().allMatch(Character::isDigit);
        if (localNamed || peerNamed) {
            return localNamed; // ss names well-known ports (http-alt): the named side is the service
        }
        return Integer.parseInt(local) < 32768 && Integer.parseInt(peer) >= 32768;
    }

    private static long median(List<SsSocket> g, ToLongFunction<SsSocket> f) {
        long[] v = g.stream().mapToLong(f).sorted().toArray();
        return v[v.length / 2];
    }

    private static double medianDouble(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
