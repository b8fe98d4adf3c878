package dev.tcpmem.kernel;

/**
 * A count of memory pages, the unit of tcp_mem and of tcp_memory_allocated.
 * The model assumes 4 KiB pages (x86_64 and arm64 with 4K pages, the usual Kubernetes node).
 */
public record Pages(long value) implements Comparable<Pages> {

    public static final long PAGE_SIZE = 4096;
    public static final Pages ZERO = new Pages(0);

    public Pages {
        if (value < 0) {
            throw new IllegalArgumentException("negative page count: " + value);
        }
    }

    public static Pages of(long value) {
        return new Pages(value);
    }

    public Bytes toBytes() {
        return new Bytes(Math.multiplyExact(value, PAGE_SIZE));
    }

    @Override
    public int compareTo(Pages o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return value + " pages";
    }
}
