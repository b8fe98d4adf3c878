package dev.tcpmem.io.security;

/** A class whose creation a malicious file would want: loading it at all trips {@link TripwireFlag}. */
public class Tripwire {
    static {
        TripwireFlag.TRIPPED.set(true);
    }

    public Tripwire() {
        TripwireFlag.TRIPPED.set(true);
    }
}
