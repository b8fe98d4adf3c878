package dev.tcpmem.io.importers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tcpmem.io.Quantities;
import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.kernel.SysctlDefinition;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.ScenarioEdits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads Kubernetes Pod, Deployment, StatefulSet, DaemonSet (and ReplicaSet, Job) manifests, YAML or JSON, several
 * documents per file, into pods with their securityContext.sysctls and memory limits. Flags sysctls the kubelet
 * refuses without --allowed-unsafe-sysctls, and node-level ones a pod cannot set at all. YAML is read as plain
 * data: no tags, no types, aliases bounded.
 */
public final class PodManifestImporter {

    private static final Set<String> KINDS = Set.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");
    /** Replicas beyond this become one pod card with a note, not thousands of cards. */
    private static final int MAX_REPLICA_PODS = 20;

    private final SysctlCatalog catalog;
    private final ObjectMapper yaml;

    public PodManifestImporter(SysctlCatalog catalog) {
        this.catalog = catalog;
        LoaderOptions opts = new LoaderOptions();
        opts.setMaxAliasesForCollections(50);
        opts.setAllowDuplicateKeys(false);
        opts.setNestingDepthLimit(64);
        opts.setCodePointLimit(8 * 1024 * 1024);
        YAMLFactory f = YAMLFactory.builder().loaderOptions(opts)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();
        this.yaml = new YAMLMapper(f);
        this.yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * @param kubernetesMinor the cluster's Kubernetes minor version (e.g. 32) for the safe/unsafe verdict
     */
    public ImportResult read(String text, String source, Optional<Scenario> into, int kubernetesMinor) throws ImportException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode n = it.nextValue();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    docs.add(n);
                }
            }
        } catch (IOException | RuntimeException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? firstLine(j.getOriginalMessage()) + location(j) : firstLine(e.getMessage());
            throw new ImportException(source + ": not a readable YAML/JSON manifest: " + dev.tcpmem.io.ParserMessages.plain(why));
        }
        List<String> notes = new ArrayList<>();
        Scenario s = into.orElseGet(() -> ImportDefaults.emptyScenario("Imported from " + source, "Pods imported from " + source));
        KernelVersion kernel = s.node().kernel();
        int found = 0;
        for (int d = 0; d < docs.size(); d++) {
            List<JsonNode> objects = new ArrayList<>();
            JsonNode doc = docs.get(d);
            if ("List".equals(doc.path("kind").asText()) && doc.path("items").isArray()) {
                doc.path("items").forEach(objects::add);
            } else {
                objects.add(doc);
            }
            for (JsonNode o : objects) {
                String kind = o.path("kind").asText("");
                if (!KINDS.contains(kind)) {
                    notes.add("document " + (d + 1) + ": skipped kind \"" + kind + "\" (reads " + String.join(", ", new java.util.TreeSet<>(KINDS)) + ")");
                    continue;
                }
                String name = o.path("metadata").path("name").asText("");
                if (name.isBlank()) {
                    notes.add("document " + (d + 1) + " (" + kind + ") has no metadata.name: left out");
                    continue;
                }
                JsonNode podSpec = kind.equals("Pod") ? o.path("spec") : o.path("spec").path("template").path("spec");
                if (!podSpec.isObject()) {
                    // an incomplete document (a truncated file, a template placeholder) is left out, not guessed at
                    notes.add(kind + " " + name + " has no pod spec" + (kind.equals("Pod") ? " (spec)" : " (spec.template.spec)")
                            + ": left out; is the file complete?");
                    continue;
                }
                Map<String, String> sysctls = sysctls(source, kind + " " + name, podSpec, kernel, kubernetesMinor, notes);
                Optional<Bytes> limit = memoryLimit(source, kind + " " + name, podSpec, notes);
                for (String podName : podNames(source, kind, name, o, notes)) {
                    Pod pod = new Pod(podName, limit, Optional.empty(), sysctls, List.of());
                    if (s.pod(podName).isPresent()) {
                        s = ScenarioEdits.removePod(s, podName);
                        notes.add("replaced the scenario's pod " + podName);
                    }
                    s = ScenarioEdits.addPod(s, pod);
                    found++;
                }
            }
        }
        if (found == 0) {
            throw new ImportException(source + ": no Pod, Deployment, StatefulSet or DaemonSet in the input");
        }
        notes.add(found + " pod(s) imported without workloads: add their connections in the window or from ss -tmi");
        return new ImportResult(s, notes);
    }

    private Map<String, String> sysctls(String source, String what, JsonNode podSpec, KernelVersion kernel,
                                        int k8sMinor, List<String> notes) throws ImportException {
        Map<String, String> out = new TreeMap<>();
        JsonNode list = podSpec.path("securityContext").path("sysctls");
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new ImportException(source + ": " + what + ": securityContext.sysctls must be a list of {name, value}");
        }
        for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
            JsonNode e = it.next();
            String name = e.path("name").asText("");
            String value = e.path("value").asText("").strip().replaceAll("\\s+", " ");
            if (name.isEmpty()) {
                throw new ImportException(source + ": " + what + ": a securityContext.sysctls entry has no name");
            }
            Optional<SysctlDefinition> def = catalog.find(name);
            if (def.isEmpty()) {
                if (name.startsWith("net.ipv4.tcp_") || name.startsWith("net.core.")) {
                    notes.add(what + ": " + name + " is not a sysctl of any supported kernel: left out");
                } else {
                    notes.add(what + ": " + name + " = " + value + " kept (not modelled)");
                    out.put(name, value);
                }
                continue;
            }
            SysctlDefinition d = def.get();
            if (!d.presentIn(kernel)) {
                notes.add(what + ": " + name + " does not exist in kernel " + kernel + ": left out");
            } else if (!d.namespacedIn(kernel)) {
                notes.add(what + ": " + name + " is node-level: a pod cannot set it (the kubelet rejects the pod); left out,"
                        + " set it on the node instead");
            } else {
                if (!d.k8sSafe(k8sMinor, kernel)) {
                    notes.add(what + ": " + name + " is unsafe in Kubernetes 1." + k8sMinor
                            + ": the kubelet must allow it with --allowed-unsafe-sysctls");
                }
                out.put(name, value);
            }
        }
        return out;
    }

    private static Optional<Bytes> memoryLimit(String source, String what, JsonNode podSpec, List<String> notes)
            throws ImportException {
        long total = 0;
        boolean any = false;
        for (JsonNode c : podSpec.path("containers")) {
            JsonNode mem = c.path("resources").path("limits").path("memory");
            if (mem.isMissingNode() || mem.isNull()) {
                continue;
            }
            try {
                total = Math.addExact(total, KubernetesQuantity.bytes(mem.asText()));
                any = true;
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new ImportException(source + ": " + what + ": container " + c.path("name").asText("?")
                        + " resources.limits.memory: " + e.getMessage());
            }
        }
        if (any) {
            notes.add(what + ": memory limit " + Quantities.formatBytes(Bytes.of(total)) + " (sum of its containers' limits)");
        }
        return any ? Optional.of(Bytes.of(total)) : Optional.empty();
    }

    private static List<String> podNames(String source, String kind, String name, JsonNode o, List<String> notes)
            throws ImportException {
        List<String> out = new ArrayList<>();
        switch (kind) {
            case "StatefulSet", "Deployment", "ReplicaSet" -> {
                JsonNode r = o.path("spec").path("replicas");
                // Kubernetes: replicas is an int32 >= 0 (absent: 1); anything else the API server refuses
                if (!r.isMissingNode() && !r.isNull() && !(r.isIntegralNumber() && r.canConvertToInt() && r.asInt() >= 0)) {
                    throw new ImportException(source + ": " + kind + " " + name + ": spec.replicas must be a whole number"
                            + " from 0 to 2147483647, found " + abbreviate(r.toString()));
                }
                int replicas = r.isIntegralNumber() ? r.asInt() : 1;
                int n = Math.min(replicas, MAX_REPLICA_PODS);
                if (replicas > MAX_REPLICA_PODS) {
                    notes.add(kind + " " + name + ": " + replicas + " replicas; imported the first " + MAX_REPLICA_PODS
                            + " (on one node only those scheduled there share tcp_mem)");
                }
                for (int i = 0; i < n; i++) {
                    out.add(kind.equals("StatefulSet") ? name + "-" + i : name + "-" + (i + 1));
                }
                if (!kind.equals("StatefulSet") && n > 1) {
                    notes.add(kind + " " + name + ": " + n + " replicas imported as pods on this node; remove those scheduled elsewhere");
                }
            }
            default -> out.add(name);
        }
        return out;
    }

    private static String location(com.fasterxml.jackson.core.JsonProcessingException e) {
        var l = e.getLocation();
        return l == null || l.getLineNr() <= 0 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "unknown error";
        }
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
