package dev.tcpmem.io.importers;

import dev.tcpmem.io.Quantities;
import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.InvalidSysctlValueException;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.RamDerivedDefaults;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.kernel.SysctlDefaults;
import dev.tcpmem.kernel.SysctlDefinition;
import dev.tcpmem.kernel.SysctlValueParser;
import dev.tcpmem.model.scenario.CgroupVersion;
import dev.tcpmem.model.scenario.Node;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.Timeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads {@code sysctl -a} (or {@code sysctl net.ipv4 net.core}) output: node sysctls, and with a pod name the
 * namespaced ones as that pod's; only values that differ from the kernel's defaults are kept. The kernel comes
 * from kernel.osrelease when present; the node's memory is worked back from tcp_mem when present.
 */
public final class SysctlDumpImporter {

    private final SysctlCatalog catalog;

    public SysctlDumpImporter(SysctlCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param podName when set, namespaced sysctls become this pod's overrides (the dump was taken in its netns)
     * @param memory  the node's memory when known (else inferred from tcp_mem, else 64 GiB)
     */
    public ImportResult read(String text, String source, Optional<String> podName, Optional<Bytes> memory)
            throws ImportException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        int parsed = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("sysctl:")) {
                notes.add(source + ":" + (i + 1) + ": skipped the tool's own message \"" + abbreviate(line) + "\"");
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ImportException(source + ":" + (i + 1) + ": expected \"name = value\" as sysctl prints it, found \""
                        + abbreviate(line) + "\"");
            }
            String name = line.substring(0, eq).strip().replace('/', '.');
            values.put(name, line.substring(eq + 1).strip().replaceAll("\\s+", " "));
            parsed++;
        }
        if (parsed == 0) {
            throw new ImportException(source + ": no \"name = value\" lines: is this the output of sysctl -a?");
        }
        KernelVersion kernel = Optional.ofNullable(values.get("kernel.osrelease")).flatMap(KernelVersion::tryParse)
                .map(v -> v.compareTo(KernelVersion.SUPPORTED.get(0)) < 0 ? KernelVersion.SUPPORTED.get(0) : v)
                .orElseGet(() -> {
                    notes.add("kernel.osrelease not in the input: assumed kernel " + ImportDefaults.KERNEL);
                    return ImportDefaults.KERNEL;
                });
        KernelVersion profile = kernel.nearestSupported();
        if (!profile.equals(kernel)) {
            notes.add("kernel " + kernel + " is modelled with the " + profile + " profile");
        }
        Bytes mem = memory.orElseGet(() -> Optional.ofNullable(values.get("net.ipv4.tcp_mem"))
                .flatMap(SysctlDumpImporter::pressure).flatMap(ImportDefaults::memoryFromTcpMem).map(b -> {
                    notes.add("node memory worked back from tcp_mem: about " + Quantities.formatBytes(b)
                            + " (set node.memory if you know it)");
                    return b;
                }).orElseGet(() -> {
                    notes.add("node memory unknown: assumed " + Quantities.formatBytes(ImportDefaults.MEMORY)
                            + "; set node.memory (it decides the default tcp_mem)");
                    return ImportDefaults.MEMORY;
                }));
        RamDerivedDefaults ram = RamDerivedDefaults.of(mem);
        Map<String, String> node = new TreeMap<>();
        Map<String, String> pod = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        int atDefault = 0;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith("net.ipv4.tcp_") && !name.startsWith("net.core.")) {
                continue;
            }
            Optional<SysctlDefinition> def = catalog.find(name);
            if (def.isEmpty() || !def.get().presentIn(profile)) {
                unknown.add(name + " = " + e.getValue());
                continue;
            }
            SysctlDefinition d = def.get();
            String value;
            try {
                value = SysctlValueParser.parse(d, e.getValue()).text();
            } catch (InvalidSysctlValueException ex) {
                notes.add("left out " + name + ": " + ex.getMessage());
                continue;
            }
            Optional<String> dflt = SysctlDefaults.of(d, profile, ram);
            if (dflt.isPresent() && dflt.get().strip().replaceAll("\\s+", " ").equals(value)) {
                atDefault++;
                continue;
            }
            if (isMachineOrRuntimeValue(d)) {
                notes.add("kept out " + name + " = " + value + ": a per-boot or read-only value, not a tuning");
                continue;
            }
            if (podName.isPresent() && d.namespacedIn(profile)) {
                pod.put(name, value);
            } else {
                node.put(name, value);
            }
        }
        notes.add(atDefault + " tcp/core sysctls at their kernel default were left out; " + node.size()
                + " node value(s)" + (podName.isPresent() ? " and " + pod.size() + " pod value(s)" : "") + " differ");
        if (!unknown.isEmpty()) {
            notes.add("sysctls this tool does not know for kernel " + profile + " (kept in the description): "
                    + String.join(", ", unknown));
        }
        String description = "Imported from " + source + (unknown.isEmpty() ? "" : ". Unknown sysctls: " + String.join("; ", unknown));
        List<Pod> pods = podName.map(n -> List.of(new Pod(n, Optional.empty(), Optional.empty(), pod, List.of())))
                .orElse(List.of());
        Scenario s = new Scenario("Imported from " + source, description,
                new Node(mem, ImportDefaults.CPUS, profile, CgroupVersion.V2, node), pods, Timeline.steadyState());
        return new ImportResult(s, notes);
    }

    private static boolean isMachineOrRuntimeValue(SysctlDefinition d) {
        String n = d.name();
        return n.equals("net.ipv4.tcp_fastopen_key") || n.equals("net.core.netdev_rss_key")
                || n.equals("net.ipv4.tcp_available_congestion_control") || n.equals("net.ipv4.tcp_available_ulp")
                || n.equals("net.ipv4.tcp_allowed_congestion_control") || n.equals("net.ipv4.tcp_ehash_entries")
                || n.equals("net.core.bpf_jit_limit");
    }

    private static Optional<Long> pressure(String tcpMem) {
        String[] p = tcpMem.strip().split("\\s+");
        try {
            return p.length == 3 ? Optional.of(Long.parseLong(p[1])) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
