package dev.tcpmem.ui;

import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.SysctlDefinition;

/** One line of the sysctl explorer: the definition with its default and scope for the node's kernel. */
public record SysctlRow(SysctlDefinition definition, String defaultValue, KernelVersion kernel) {

    public String name() {
        return definition.name();
    }

    public String group() {
        return definition.group().title();
    }

    public String scope() {
        return definition.namespacedIn(kernel) ? "pod" : "node";
    }

    public String model() {
        return definition.affectsModel() ? "model" : "";
    }

    public String summary() {
        return definition.summary();
    }
}
