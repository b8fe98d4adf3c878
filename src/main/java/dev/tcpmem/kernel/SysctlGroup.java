package dev.tcpmem.kernel;

/** The explorer's sections, in display order. */
public enum SysctlGroup {
    BUFFERS("buffers", "Buffers and memory"),
    WINDOW("window", "Window and autotuning"),
    SETUP("setup", "Connection setup and backlog"),
    KEEPALIVE("keepalive", "Keepalive and timers"),
    CONGESTION("congestion", "Congestion control"),
    RECOVERY("recovery", "Loss recovery"),
    OTHER("other", "Other");

    private final String key;
    private final String title;

    SysctlGroup(String key, String title) {
        this.key = key;
        this.title = title;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public static SysctlGroup fromKey(String key) {
        for (SysctlGroup g : values()) {
            if (g.key.equals(key)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown sysctl group \"" + key + "\"");
    }
}
