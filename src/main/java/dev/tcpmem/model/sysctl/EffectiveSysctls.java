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
        Map<String, Setting> m = new LinkedHashMap<>(parsedDefaults(kernelDefaults));
        nodeSysctls.forEach((k, v) -> m.put(k, new Setting(k, parse(v), Origin.NODE)));
        return new EffectiveSysctls(m, profile, ram);
    }

    /** The kernel defaults map last parsed and its settings (the maps come from a cache, so one is seen often). */
    private record ParsedDefaults(Map<String, String> raw, Map<String, Setting> settings) {
    }

    private static volatile ParsedDefaults lastDefaults;

    /**
     * The defaults as settings. Every evaluation (each step of a slider drag) starts here, and parsing the ~140
     * values each time was a tenth of what an evaluation allocated (JFR, BENCHMARKS.md): the settings of the last
     * map are kept, matched by identity, as {@code SysctlDefaults.forNode} hands out the same map for the same node.
     */
    private static Map<String, Setting> parsedDefaults(Map<String, String> kernelDefaults) {
        ParsedDefaults last = lastDefaults;
        if (last != null && last.raw() == kernelDefaults) {
            return last.settings();
        }
        Map<String, Setting> m = new LinkedHashMap<>();
        kernelDefaults.forEach((k, v) -> m.put(k, new Setting(k, parse(v), Origin.KERNEL_DEFAULT)));
        lastDefaults = new ParsedDefaults(kernelDefaults, m);
        return m;
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
        // split on runs of whitespace by hand: String.split compiles its pattern on every call, and pods' values are
        // parsed at every evaluation
        long[] numbers = new long[3];
        int count = 0;
        int i = 0;
        try {
            while (i < t.length()) {
                int end = i;
                while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
                    end++;
                }
                if (count == 3) {
                    return new SysctlValue.Text(t);
                }
                numbers[count++] = Long.parseLong(t, i, end, 10);
                i = end;
                while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
                    i++;
                }
            }
        } catch (NumberFormatException e) {
            return new SysctlValue.Text(t);
        }
        if (count == 3) {
            return new SysctlValue.Triplet(numbers[0], numbers[1], numbers[2]);
        }
        if (count == 1) {
            return new SysctlValue.Scalar(numbers[0]);
        }
        return new SysctlValue.Text(t);
    }
}
