package dev.tcpmem.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every {@code net.ipv4.tcp_*} and {@code net.core.*} sysctl, loaded once from the data files under
 * {@code /dev/tcpmem/kernel/catalog/} (Java properties: {@code <name>/<attribute> = value}).
 */
public final class SysctlCatalog {

    private static final String BASE = "/dev/tcpmem/kernel/catalog/";
    private static final Set<String> ATTRIBUTES = Set.of("group", "type", "unit", "min", "max", "choices",
            "default", "computed", "since", "removed", "namespaced", "readonly-in-pod", "readonly-in-pod-since",
            "k8s-safe", "k8s-min-kernel", "model", "summary", "doc", "source");

    private static final KernelVersion OLDEST = KernelVersion.of(2, 6);

    private static volatile SysctlCatalog bundled;

    private final Map<String, SysctlDefinition> byName;

    private SysctlCatalog(Map<String, SysctlDefinition> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The catalog shipped with the application (read once, then shared). */
    public static SysctlCatalog bundled() {
        SysctlCatalog c = bundled;
        if (c == null) {
            synchronized (SysctlCatalog.class) {
                c = bundled;
                if (c == null) {
                    c = load();
                    bundled = c;
                }
            }
        }
        return c;
    }

    private static SysctlCatalog load() {
        List<String> files = readIndex();
        Map<String, SysctlDefinition> all = new TreeMap<>();
        for (String file : files) {
            Properties p = readProperties(file);
            for (SysctlDefinition d : parse(file, p)) {
                if (all.put(d.name(), d) != null) {
                    throw new CatalogFormatException(file + ": " + d.name() + " is described in two catalog files");
                }
            }
        }
        return new SysctlCatalog(new LinkedHashMap<>(all));
    }

    private static List<String> readIndex() {
        try (InputStream in = SysctlCatalog.class.getResourceAsStream(BASE + "index.txt")) {
            if (in == null) {
                throw new CatalogFormatException("catalog index " + BASE + "index.txt is missing from the application");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(text.split("\n")).map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toList());
        } catch (IOException e) {
            throw new CatalogFormatException("cannot read the catalog index: " + e.getMessage());
        }
    }

    private static Properties readProperties(String file) {
        try (InputStream in = SysctlCatalog.class.getResourceAsStream(BASE + file)) {
            if (in == null) {
                throw new CatalogFormatException("catalog file " + BASE + file + " is missing from the application");
            }
            Properties p = new Properties();
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            return p;
        } catch (IOException e) {
            throw new CatalogFormatException("cannot read catalog file " + file + ": " + e.getMessage());
        }
    }

    /** Parses one catalog file's properties; visible for tests of the format. */
    static List<SysctlDefinition> parse(String file, Properties p) {
        Map<String, Map<String, String>> blocks = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            int slash = key.indexOf('/');
            if (slash <= 0) {
                throw new CatalogFormatException(file + ": key \"" + key + "\" is not <sysctl>/<attribute>");
            }
            blocks.computeIfAbsent(key.substring(0, slash), k -> new TreeMap<>())
                    .put(key.substring(slash + 1), p.getProperty(key).strip());
        }
        List<SysctlDefinition> out = new ArrayList<>();
        blocks.forEach((name, attrs) -> out.add(definition(file, name, attrs)));
        return out;
    }

    private static SysctlDefinition definition(String file, String name, Map<String, String> a) {
        String where = file + ": " + name;
        if (!name.startsWith("net.ipv4.tcp_") && !name.startsWith("net.core.")) {
            throw new CatalogFormatException(where + ": only net.ipv4.tcp_* and net.core.* belong in the catalog");
        }
        TreeMap<KernelVersion, String> defaults = new TreeMap<>();
        for (Map.Entry<String, String> e : a.entrySet()) {
            String attr = e.getKey();
            if (attr.startsWith("default@")) {
                defaults.put(version(where, attr, attr.substring("default@".length())), e.getValue());
            } else if (!ATTRIBUTES.contains(attr)) {
                throw new CatalogFormatException(where + ": unknown attribute \"" + attr + "\"");
            }
        }
        try {
            Optional<KernelVersion> since = opt(a, "since").map(v -> version(where, "since", v));
            if (a.containsKey("default")) {
                // "default" is the value in the oldest release that has the sysctl; default@V entries override it
                defaults.put(OLDEST, a.get("default"));
            }
            Optional<ComputedDefault> computed = opt(a, "computed").map(ComputedDefault::fromKey);
            if (defaults.isEmpty() && computed.isEmpty()) {
                throw new CatalogFormatException(where + ": needs a default or a computed default");
            }
            String namespaced = required(where, a, "namespaced");
            Optional<KernelVersion> nsSince = namespaced.equals("no") ? Optional.empty()
                    : Optional.of(version(where, "namespaced", namespaced));
            Optional<KernelVersion> roSince = Optional.empty();
            if (Boolean.parseBoolean(a.getOrDefault("readonly-in-pod", "false"))) {
                roSince = Optional.of(opt(a, "readonly-in-pod-since").map(v -> version(where, "readonly-in-pod-since", v))
                        .orElse(KernelVersion.of(2, 6)));
            }
            Set<ModelInput> model = EnumSet.noneOf(ModelInput.class);
            for (String m : opt(a, "model").map(s -> s.split(",")).orElse(new String[0])) {
                if (!m.isBlank()) {
                    model.add(ModelInput.fromKey(m.strip()));
                }
            }
            return new SysctlDefinition(name,
                    SysctlGroup.fromKey(required(where, a, "group")),
                    SysctlType.fromKey(required(where, a, "type")),
                    SysctlUnit.fromKey(required(where, a, "unit")),
                    opt(a, "min").map(v -> number(where, "min", v)),
                    opt(a, "max").map(v -> number(where, "max", v)),
                    choices(where, a.get("choices")),
                    defaults, computed, since,
                    opt(a, "removed").map(v -> version(where, "removed", v)),
                    nsSince, roSince,
                    opt(a, "k8s-safe"),
                    opt(a, "k8s-min-kernel").map(v -> version(where, "k8s-min-kernel", v)),
                    model,
                    required(where, a, "summary"),
                    required(where, a, "doc"),
                    Arrays.stream(required(where, a, "source").split(";")).map(String::strip)
                            .filter(s -> !s.isEmpty()).collect(Collectors.toList()));
        } catch (IllegalArgumentException e) {
            throw new CatalogFormatException(where + ": " + e.getMessage());
        }
    }

    private static Map<String, String> choices(String where, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String pair : text.split("\\|")) {
            String s = pair.strip();
            int colon = s.indexOf(':');
            if (colon <= 0) {
                throw new CatalogFormatException(where + ": choice \"" + s + "\" is not value:label");
            }
            out.put(s.substring(0, colon).strip(), s.substring(colon + 1).strip());
        }
        return out;
    }

    private static Optional<String> opt(Map<String, String> a, String key) {
        String v = a.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    private static String required(String where, Map<String, String> a, String key) {
        return opt(a, key).orElseThrow(() -> new CatalogFormatException(where + ": missing attribute \"" + key + "\""));
    }

    private static KernelVersion version(String where, String attr, String text) {
        // catalog values may carry a note after the release ("4.15 (new)"); the release is the first word
        String first = text.strip().split("[\\s(]", 2)[0];
        return KernelVersion.tryParse(first).orElseThrow(() ->
                new CatalogFormatException(where + ": " + attr + " \"" + text + "\" is not a kernel release"));
    }

    private static long number(String where, String attr, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new CatalogFormatException(where + ": " + attr + " \"" + text + "\" is not an integer");
        }
    }

    // Queries //

    public List<SysctlDefinition> all() {
        return List.copyOf(byName.values());
    }

    /** The sysctls that exist in the given release, by name. */
    public List<SysctlDefinition> presentIn(KernelVersion kernel) {
        return byName.values().stream().filter(d -> d.presentIn(kernel)).collect(Collectors.toList());
    }

    public Optional<SysctlDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public SysctlDefinition get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown sysctl " + name));
    }

    public Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }

    public int size() {
        return byName.size();
    }
}
