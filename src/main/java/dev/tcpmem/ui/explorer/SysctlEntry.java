package dev.tcpmem.ui.explorer;

import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.SysctlDefinition;
import java.util.Optional;

/**
 * One sysctl as the explorer shows it for the current target (the node, or one pod): its effective value and where
 * that comes from, the kernel default, and what Kubernetes thinks of setting it in a pod.
 *
 * @param editsNode true when editing this row changes the node (node-level sysctls, or the node is the target)
 */
public record SysctlEntry(SysctlDefinition definition, KernelVersion kernel, String defaultValue, String value,
                          ValueOrigin origin, boolean editsNode, boolean k8sSafe, Optional<String> warning) {

    public String name() {
        return definition.name();
    }

    /** The value differs from the kernel default (whoever set it). */
    public boolean changed() {
        return !normalise(value).equals(normalise(defaultValue));
    }

    /** This target sets the value itself (so "reset" has something to remove). */
    public boolean overriddenHere() {
        return editsNode ? origin == ValueOrigin.NODE : origin == ValueOrigin.POD;
    }

    public boolean namespaced() {
        return definition.namespacedIn(kernel);
    }

    public String scope() {
        return namespaced() ? "pod" : "node";
    }

    public String namespacedSince() {
        return definition.namespacedSince().map(v -> "namespaced since " + v).orElse("node-level only");
    }

    public String kubernetes() {
        if (!namespaced()) {
            return "node-level: a pod cannot set it";
        }
        return k8sSafe ? "safe in Kubernetes" + definition.k8sSafeSince().map(v -> " since " + v).orElse("")
                : "unsafe: needs the kubelet's --allowed-unsafe-sysctls";
    }

    static String normalise(String v) {
        return v == null ? "" : v.strip().replaceAll("\\s+", " ");
    }
}
