package dev.tcpmem.model.sysctl;

import dev.tcpmem.kernel.KernelProfile;
import dev.tcpmem.kernel.RamDerivedDefaults;
import dev.tcpmem.kernel.SysctlValue;
import dev.tcpmem.model.derivation.Origin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sysctl values a pod's sockets see: kernel defaults for (kernel, node memory), overridden by node.sysctls,
 * overridden by the pod's namespaced sysctls, each with where it came from. Values are parsed loosely (three
 * integers: a triplet; one integer: a scalar; otherwise text); validation against the catalog is the reader's job.
 */
public final class EffectiveSysctls {

    /** One effective value and its origin. */
    public record Setting(String name, SysctlValue value, Origin origin) {
    }

    private final Map<String, Setting> settings;
    private final KernelProfile profile;
    private final RamDerivedDefaults ram;

    private EffectiveSysctls(Map<String, Setting> settings, KernelProfile profile, RamDerivedDefaults ram) {
        this.settings = Collections.unmodifiableMap(settings);
        this.profile = profile;
        this.ram = ram;
    }

    /** Node-level effective values: defaults, then node.sysctls. */
    public static EffectiveSysctls forNode(Map<String, String> kernelDefaults, Map<String, String> nodeSysctls,
                                           KernelProfile profile, RamDerivedDefaults ram) {
        Map<String, Setting> m = new LinkedHashMap<>();
        kernelDefaults.forEach((k, v) -> m.put(k, new Setting(k, parse(v), Origin.KERNEL_DEFAULT)));
        nodeSysctls.forEach((k, v) -> m.put(k, new Setting(k, parse(v), Origin.NODE)));
        return new EffectiveSysctls(m, profile, ram);
    }

    /** This node's values with a pod's namespaced overrides on top. */
    public EffectiveSysctls withPod(Map<String, String> podSysctls) {
        if (podSysctls.isEmpty()) {
            return this;
        }
        Map<String, Setting> m = new LinkedHashMap<>(settings);
        podSysctls.forEach((k, v) -> m.put(k, new Setting(k, parse(v), Origin.POD)));
        return new EffectiveSysctls(m, profile, ram);
    }

    public Map<String, Setting> all() {
        return settings;
    }

    public Optional<Setting> find(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    /** The setting, or the profile's fallback default (origin kernel default) when the defaults map lacks it. */
    public Setting get(String name) {
        Setting s = settings.get(name);
        if (s != null) {
            return s;
        }
        String fb = profile.fallbackDefault(name, ram);
        if (fb == null) {
            throw new IllegalArgumentException("no value and no fallback default for " + name);
        }
        return new Setting(name, parse(fb), Origin.KERNEL_DEFAULT);
    }

    public SysctlValue.Triplet triplet(String name) {
        SysctlValue v = get(name).value();
        if (v instanceof SysctlValue.Triplet t) {
            return t;
        }
        throw new IllegalArgumentException(name + " is not a triplet: \"" + v.text() + "\"");
    }

    public long scalar(String name) {
        SysctlValue v = get(name).value();
        if (v instanceof SysctlValue.Scalar s) {
            return s.value();
        }
        throw new IllegalArgumentException(name + " is not an integer: \"" + v.text() + "\"");
    }

    public String text(String name) {
        return get(name).value().text();
    }

    public Origin origin(String name) {
        return get(name).origin();
    }

    static SysctlValue parse(String raw) {
        String t = raw == null ? "" : raw.strip();
        String[] p = t.split("\\s+");
        try {
            if (p.length == 3) {
                return new SysctlValue.Triplet(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]));
            }
            if (p.length == 1 && !t.isEmpty()) {
                return new SysctlValue.Scalar(Long.parseLong(p[0]));
            }
        } catch (NumberFormatException e) {
            // text
        }
        return new SysctlValue.Text(t);
    }
}
