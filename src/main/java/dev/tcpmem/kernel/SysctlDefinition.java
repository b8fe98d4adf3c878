package dev.tcpmem.kernel;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;

/**
 * One sysctl as the catalog knows it: type, unit, range, default per kernel release, scope, Kubernetes
 * status, what it feeds in the model, and where each fact comes from.
 *
 * @param defaults        default text (as {@code sysctl -a} prints it) from each release on; the first key is the
 *                        oldest release described. Empty only for a purely computed default (tcp_mem).
 * @param namespacedSince release from which the sysctl is per network namespace; empty when node-level
 * @param k8sSafeSince    Kubernetes minor version ("1.32") that added it to the kubelet's safe set; empty if unsafe
 * @param k8sMinKernel    kernel the kubelet requires before it treats the sysctl as safe
 * @param choices         for enums: value to label, in order
 */
public record SysctlDefinition(
        String name,
        SysctlGroup group,
        SysctlType type,
        SysctlUnit unit,
        Optional<Long> min,
        Optional<Long> max,
        Map<String, String> choices,
        NavigableMap<KernelVersion, String> defaults,
        Optional<ComputedDefault> computed,
        Optional<KernelVersion> since,
        Optional<KernelVersion> removed,
        Optional<KernelVersion> namespacedSince,
        Optional<KernelVersion> readonlyInPodSince,
        Optional<String> k8sSafeSince,
        Optional<KernelVersion> k8sMinKernel,
        Set<ModelInput> modelInputs,
        String summary,
        String doc,
        List<String> sources) {

    public SysctlDefinition {
        choices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(choices));
        modelInputs = Set.copyOf(modelInputs);
        sources = List.copyOf(sources);
    }

    public boolean presentIn(KernelVersion kernel) {
        return since.map(kernel::atLeast).orElse(true) && removed.map(r -> !kernel.atLeast(r)).orElse(true);
    }

    /** Per network namespace in this kernel, so a pod can set its own value. */
    public boolean namespacedIn(KernelVersion kernel) {
        return namespacedSince.map(kernel::atLeast).orElse(false)
                && readonlyInPodSince.map(r -> !kernel.atLeast(r)).orElse(true);
    }

    /** Compiled-in default for the release (before any RAM-dependent refinement), if one is defined. */
    public Optional<String> staticDefault(KernelVersion kernel) {
        Map.Entry<KernelVersion, String> e = defaults.floorEntry(kernel);
        if (e == null) {
            e = defaults.firstEntry();
        }
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    public boolean affectsModel() {
        return !modelInputs.isEmpty();
    }

    /**
     * Whether the kubelet accepts the sysctl in a pod without {@code --allowed-unsafe-sysctls}.
     *
     * @param kubernetesMinor Kubernetes minor version, e.g. 32 for 1.32
     */
    public boolean k8sSafe(int kubernetesMinor, KernelVersion kernel) {
        return k8sSafeSince.map(v -> kubernetesMinor >= minorOf(v)).orElse(false)
                && k8sMinKernel.map(kernel::atLeast).orElse(true);
    }

    private static int minorOf(String k8sVersion) {
        String[] parts = k8sVersion.split("\\.");
        return Integer.parseInt(parts[parts.length > 1 ? 1 : 0]);
    }
}
