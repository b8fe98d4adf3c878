package dev.tcpmem.kernel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The default value of each sysctl on a given kernel release and node size: the compiled-in default, refined by
 * the boot-time formulas where the kernel derives it from memory ({@link RamDerivedDefaults}).
 */
public final class SysctlDefaults {

    /** Hash-derived defaults are written in the catalog at the 512K-bucket ceiling; the ratio gives the divisor. */
    private static final long EHASH_CEILING = 512 * 1024;

    private SysctlDefaults() {
    }

    public static Optional<String> of(SysctlDefinition def, KernelVersion kernel, RamDerivedDefaults ram) {
        if (def.computed().isEmpty()) {
            return def.staticDefault(kernel);
        }
        Optional<String> base = def.staticDefault(kernel);
        return Optional.of(switch (def.computed().get()) {
            case TCP_MEM -> {
                long[] m = ram.tcpMem();
                yield m[0] + " " + m[1] + " " + m[2];
            }
            case TCP_RMEM -> {
                long[] t = triplet(def, base);
                yield t[0] + " " + t[1] + " " + ram.tcpRmemMax(t[1], t[2]);
            }
            case TCP_WMEM -> {
                long[] t = triplet(def, base);
                yield t[0] + " " + t[1] + " " + ram.tcpWmemMax(t[2]);
            }
            case EHASH_ENTRIES -> Long.toString(ram.ehashEntries());
            case MAX_TW_BUCKETS, MAX_ORPHANS -> Long.toString(ram.ehashEntries() / divisor(def, base));
            case MAX_SYN_BACKLOG -> Long.toString(Math.max(128, ram.ehashEntries() / divisor(def, base)));
        });
    }

    /** The last nodes' defaults: every edit evaluates again, and the catalog and the node rarely change. */
    private static final Map<List<Object>, Map<String, String>> RECENT = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, Map<String, String>> eldest) {
            return size() > 16;
        }
    };

    /** Every sysctl present in the release, with its default for this node (unmodifiable). */
    public static Map<String, String> forNode(SysctlCatalog catalog, KernelVersion kernel, Bytes memTotal) {
        // a catalog is immutable once loaded and equal only to itself
        List<Object> key = List.of(catalog, kernel, memTotal);
        synchronized (RECENT) {
            Map<String, String> known = RECENT.get(key);
            if (known != null) {
                return known;
            }
        }
        RamDerivedDefaults ram = RamDerivedDefaults.of(memTotal);
        Map<String, String> out = new LinkedHashMap<>();
        for (SysctlDefinition d : catalog.presentIn(kernel)) {
            of(d, kernel, ram).ifPresent(v -> out.put(d.name(), v));
        }
        Map<String, String> result = Collections.unmodifiableMap(out);
        synchronized (RECENT) {
            RECENT.put(key, result);
        }
        return result;
    }

    private static long[] triplet(SysctlDefinition def, Optional<String> base) {
        String[] p = base.orElseThrow(() -> new CatalogFormatException(def.name() + ": computed default needs a base triplet"))
                .strip().split("\\s+");
        if (p.length != 3) {
            throw new CatalogFormatException(def.name() + ": default \"" + base.get() + "\" is not a triplet");
        }
        return new long[] {Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2])};
    }

    private static long divisor(SysctlDefinition def, Optional<String> base) {
        long atCeiling = Long.parseLong(base.orElseThrow(() ->
                new CatalogFormatException(def.name() + ": computed default needs its value at the hash ceiling")).strip());
        if (atCeiling <= 0 || EHASH_CEILING % atCeiling != 0) {
            throw new CatalogFormatException(def.name() + ": default " + atCeiling + " does not divide 524288 hash buckets");
        }
        return EHASH_CEILING / atCeiling;
    }
}
