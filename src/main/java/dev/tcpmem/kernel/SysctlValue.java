package dev.tcpmem.kernel;

/** A parsed, validated sysctl value. {@link #text()} writes it back the way {@code sysctl} accepts it. */
public sealed interface SysctlValue permits SysctlValue.Scalar, SysctlValue.Triplet, SysctlValue.Text {

    String text();

    /** An integer, boolean (0/1) or enumerated value. */
    record Scalar(long value) implements SysctlValue {
        @Override
        public String text() {
            return Long.toString(value);
        }
    }

    /** tcp_rmem / tcp_wmem (bytes) or tcp_mem (pages): minimum, default (or pressure), maximum (or high). */
    record Triplet(long min, long def, long max) implements SysctlValue {
        @Override
        public String text() {
            return min + " " + def + " " + max;
        }
    }

    /** Strings, word lists, masks and keys: kept as written. */
    record Text(String value) implements SysctlValue {
        @Override
        public String text() {
            return value;
        }
    }
}
