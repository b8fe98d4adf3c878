package dev.tcpmem.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcpmem.io.Quantities;
import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.RamDerivedDefaults;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.kernel.SysctlDefaults;
import dev.tcpmem.kernel.SysctlDefinition;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sysctls [--kernel V] [--json]}: the catalog for one kernel release. */
@Command(name = "sysctls", mixinStandardHelpOptions = true,
        description = "List every net.ipv4.tcp_* and net.core.* sysctl of a kernel release with its default, "
                + "scope and Kubernetes status.")
public final class SysctlsCommand implements Callable<Integer> {

    @Option(names = "--kernel", paramLabel = "V", description = "Kernel release, one of 4.15 4.19 5.4 5.10 5.15 6.1 6.6 6.12 6.18 (default: ${DEFAULT-VALUE})",
            defaultValue = "6.18")
    String kernel;

    @Option(names = "--memory", paramLabel = "SIZE",
            description = "Node memory (MemTotal) for the defaults the kernel computes from RAM, e.g. tcp_mem (default: ${DEFAULT-VALUE})",
            defaultValue = "64GiB")
    String memory;

    @Option(names = "--kubernetes", paramLabel = "1.N",
            description = "Kubernetes version for the safe/unsafe column (default: the newest the catalog knows)")
    String kubernetes;

    @Option(names = "--json", description = "One JSON array on stdout")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        KernelVersion k = KernelVersion.tryParse(kernel).filter(KernelVersion::isSupported).orElseThrow(() ->
                new UserInputException("--kernel " + kernel + ": not a supported kernel release; use one of "
                        + KernelVersion.SUPPORTED));
        Bytes mem;
        try {
            mem = Quantities.parseBytes(memory);
            RamDerivedDefaults.of(mem);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--memory " + memory + ": " + e.getMessage());
        }
        SysctlCatalog catalog = SysctlCatalog.bundled();
        int k8s = kubernetesMinor(catalog);
        RamDerivedDefaults ram = RamDerivedDefaults.of(mem);
        List<SysctlDefinition> defs = catalog.presentIn(k);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(defs, k, ram, k8s));
        } else {
            out.printf("%-45s %-28s %-8s %-10s %s%n", "NAME", "DEFAULT (" + k + ", " + Quantities.formatBytes(mem) + ")",
                    "SCOPE", "K8S 1." + k8s, "SUMMARY");
            for (SysctlDefinition d : defs) {
                out.printf("%-45s %-28s %-8s %-10s %s%n", d.name(), SysctlDefaults.of(d, k, ram).orElse("-"),
                        d.namespacedIn(k) ? "pod" : "node", d.k8sSafe(k8s, k) ? "safe" : "unsafe", d.summary());
            }
        }
        out.flush();
        return TcpmemCommand.OK;
    }

    private int kubernetesMinor(SysctlCatalog catalog) {
        if (kubernetes == null) {
            return catalog.all().stream().flatMap(d -> d.k8sSafeSince().stream())
                    .mapToInt(v -> Integer.parseInt(v.split("\\.")[1])).max().orElse(30);
        }
        return KubernetesVersions.minor(kubernetes);
    }

    static String toJson(List<SysctlDefinition> defs, KernelVersion k, RamDerivedDefaults ram, int k8s) throws Exception {
        ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        ArrayNode arr = mapper.createArrayNode();
        for (SysctlDefinition d : defs) {
            ObjectNode o = arr.addObject();
            o.put("name", d.name());
            o.put("default", SysctlDefaults.of(d, k, ram).orElse(null));
            o.put("defaultComputedFromMemory", d.computed().isPresent());
            o.put("type", d.type().key());
            o.put("unit", d.unit().key());
            d.min().ifPresent(v -> o.put("min", v));
            d.max().ifPresent(v -> o.put("max", v));
            if (!d.choices().isEmpty()) {
                ObjectNode ch = o.putObject("choices");
                d.choices().forEach(ch::put);
            }
            o.put("group", d.group().key());
            o.put("namespaced", d.namespacedIn(k));
            o.put("namespacedSince", d.namespacedSince().map(KernelVersion::toString).orElse(null));
            o.put("k8sSafe", d.k8sSafe(k8s, k));
            o.put("k8sSafeSince", d.k8sSafeSince().orElse(null));
            o.put("k8sMinKernel", d.k8sMinKernel().map(KernelVersion::toString).orElse(null));
            o.put("since", d.since().map(KernelVersion::toString).orElse(null));
            ArrayNode model = o.putArray("affectsModel");
            d.modelInputs().stream().map(m -> m.key()).sorted().forEach(model::add);
            o.put("summary", d.summary());
            o.put("doc", d.doc());
            ArrayNode src = o.putArray("sources");
            d.sources().forEach(src::add);
        }
        return mapper.writeValueAsString(arr);
    }
}
