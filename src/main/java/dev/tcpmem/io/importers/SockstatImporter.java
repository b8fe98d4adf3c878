package dev.tcpmem.io.importers;

import dev.tcpmem.model.scenario.ObservedTcpMemory;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.ScenarioEdits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads /proc/net/sockstat: the TCP line's {@code mem} is the node's tcp_memory_allocated in pages (node-wide in
 * every network namespace), shown on the chart as a reference line.
 */
public final class SockstatImporter {

    private static final Pattern TCP = Pattern.compile(
            "^TCP:\\s+inuse\\s+(\\d+)\\s+orphan\\s+(\\d+)\\s+tw\\s+(\\d+)\\s+alloc\\s+(\\d+)\\s+mem\\s+(\\d+)\\s*$");

    public ImportResult read(String text, String source, Optional<Scenario> into) throws ImportException {
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("TCP:")) {
                continue;
            }
            Matcher m = TCP.matcher(line);
            if (!m.matches()) {
                throw new ImportException(source + ":" + (i + 1) + ": expected \"TCP: inuse N orphan N tw N alloc N mem N\", found \""
                        + line + "\"");
            }
            try {
                ObservedTcpMemory obs = new ObservedTcpMemory(Long.parseLong(m.group(5)), Long.parseLong(m.group(1)),
                        Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), source);
                List<String> notes = new ArrayList<>();
                notes.add("node TCP memory observed: " + obs.tcpMemPages() + " pages (" + obs.inUse() + " sockets in use, "
                        + obs.orphans() + " orphaned, " + obs.timeWait() + " in TIME_WAIT)");
                if (into.isEmpty()) {
                    notes.add("no scenario given: the reference sits on an empty default node; add pods or import into a scenario");
                }
                Scenario base = into.orElseGet(() -> ImportDefaults.emptyScenario("Observed node", "Imported from " + source));
                return new ImportResult(ScenarioEdits.withNode(base, base.node().withObserved(Optional.of(obs))), notes);
            } catch (NumberFormatException e) {
                throw new ImportException(source + ":" + (i + 1) + ": a count is too large: \"" + line + "\"");
            }
        }
        throw new ImportException(source + ": no \"TCP:\" line: is this /proc/net/sockstat?");
    }
}
