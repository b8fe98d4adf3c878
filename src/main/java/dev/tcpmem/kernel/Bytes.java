package dev.tcpmem.kernel;

/** A byte count. Formatting for people (IEC units) is the view's business. */
public record Bytes(long value) implements Comparable<Bytes> {

    public static final Bytes ZERO = new Bytes(0);

    public Bytes {
        if (value < 0) {
            throw new IllegalArgumentException("negative byte count: " + value);
        }
    }

    public static Bytes of(long value) {
        return new Bytes(value);
    }

    public static Bytes kib(long n) {
        return new Bytes(Math.multiplyExact(n, 1024L));
    }

    public static Bytes mib(long n) {
        return new Bytes(Math.multiplyExact(n, 1024L * 1024));
    }

    public static Bytes gib(long n) {
        return new Bytes(Math.multiplyExact(n, 1024L * 1024 * 1024));
    }

    public Pages toPagesRoundedDown() {
        return new Pages(value / Pages.PAGE_SIZE);
    }

    @Override
    public int compareTo(Bytes o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return value + " B";
    }
}
