package dev.tcpmem.kernel;

/** How a sysctl's value is written and which editor fits it. */
public enum SysctlType {
    INT("int"), LONG("long"), BOOL("bool"), ENUM("enum"), STRING("string"), LIST("list"),
    TRIPLET("triplet"), PAGES_TRIPLET("pages-triplet"), HEX("hex"), CPUMASK("cpumask");

    private final String key;

    SysctlType(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public boolean isTriplet() {
        return this == TRIPLET || this == PAGES_TRIPLET;
    }

    public boolean isNumeric() {
        return this == INT || this == LONG || this == BOOL || this == ENUM;
    }

    public static SysctlType fromKey(String key) {
        for (SysctlType t : values()) {
            if (t.key.equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown sysctl type \"" + key + "\"");
    }
}
