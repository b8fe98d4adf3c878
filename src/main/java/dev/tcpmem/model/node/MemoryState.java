package dev.tcpmem.model.node;

import java.util.Locale;

/** Where the node's TCP memory stands against tcp_mem; ordered from best to worst. */
public enum MemoryState {
    NORMAL,
    PRESSURE,
    HIGH;

    /** "normal", "pressure", "high" as in the evaluate JSON. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public MemoryState worst(MemoryState o) {
        return o.ordinal() > ordinal() ? o : this;
    }
}
