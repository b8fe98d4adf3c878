package dev.tcpmem.kernel;

/** The unit a sysctl's number is in (tcp_mem is in pages, tcp_rmem in bytes: a classic confusion). */
public enum SysctlUnit {
    BYTES("bytes"), PAGES("pages"), SECONDS("seconds"), MILLISECONDS("milliseconds"),
    MICROSECONDS("microseconds"), NANOSECONDS("nanoseconds"), JIFFIES("jiffies"), COUNT("count"),
    PACKETS("packets"), SEGMENTS("segments"), PERCENT("percent"), NONE("none");

    private final String key;

    SysctlUnit(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static SysctlUnit fromKey(String key) {
        for (SysctlUnit u : values()) {
            if (u.key.equals(key)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown sysctl unit \"" + key + "\"");
    }
}
