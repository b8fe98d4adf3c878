package dev.tcpmem.kernel;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A kernel release as major.minor (patch levels do not change any rule we model). */
public record KernelVersion(int major, int minor) implements Comparable<KernelVersion> {

    private static final Pattern VERSION = Pattern.compile("^\\s*(\\d+)\\.(\\d+)(?:[.\\-+~_].*)?\\s*$");

    /** The releases the catalog and the profiles cover (long-term kernels used on Kubernetes nodes, and the newest). */
    public static final List<KernelVersion> SUPPORTED = List.of(
            of(4, 15), of(4, 19), of(5, 4), of(5, 10), of(5, 15), of(6, 1), of(6, 6), of(6, 12), of(6, 18));

    public KernelVersion {
        if (major < 2 || minor < 0) {
            throw new IllegalArgumentException("not a kernel version: " + major + "." + minor);
        }
    }

    public static KernelVersion of(int major, int minor) {
        return new KernelVersion(major, minor);
    }

    /** Parses "5.15", "6.18.44-fc-v595" (as uname -r prints it) or "2.6.24" (taken as 2.6). */
    public static Optional<KernelVersion> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static KernelVersion parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "\"" + text + "\" is not a kernel version: expected major.minor such as 5.15 or 6.18"));
    }

    /** The newest supported profile not newer than this release (4.15 for anything older). */
    public KernelVersion nearestSupported() {
        KernelVersion best = SUPPORTED.get(0);
        for (KernelVersion v : SUPPORTED) {
            if (v.compareTo(this) <= 0) {
                best = v;
            }
        }
        return best;
    }

    public boolean isSupported() {
        return SUPPORTED.contains(this);
    }

    public boolean atLeast(KernelVersion other) {
        return compareTo(other) >= 0;
    }

    public boolean atLeast(int major, int minor) {
        return atLeast(of(major, minor));
    }

    @Override
    public int compareTo(KernelVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
