package dev.tcpmem.io.security;

import java.util.concurrent.atomic.AtomicBoolean;

/** Set when {@link Tripwire} is loaded or made; kept apart so that reading it does not load Tripwire. */
public final class TripwireFlag {
    public static final AtomicBoolean TRIPPED = new AtomicBoolean(false);

    private TripwireFlag() {
    }
}
