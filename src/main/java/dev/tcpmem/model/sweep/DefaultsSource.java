package dev.tcpmem.model.sweep;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.kernel.SysctlDefaults;

import java.util.Map;

/** Kernel defaults for a (kernel, node memory): from the catalog, or a fixed map (for tests). */
@FunctionalInterface
public interface DefaultsSource {

    Map<String, String> defaults(KernelVersion kernel, Bytes memTotal);

    static DefaultsSource catalog(SysctlCatalog catalog) {
        return (k, m) -> SysctlDefaults.forNode(catalog, k, m);
    }

    /** The same map whatever the node; leave tcp_mem out of it to have it computed from RAM. */
    static DefaultsSource fixed(Map<String, String> defaults) {
        Map<String, String> copy = Map.copyOf(defaults);
        return (k, m) -> copy;
    }
}
