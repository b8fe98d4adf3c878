package dev.tcpmem.model.scenario;

/** A data rate in bytes per second. */
public record Rate(double bytesPerSecond) {

    public static final Rate ZERO = new Rate(0);

    public Rate {
        if (!(bytesPerSecond >= 0) || Double.isInfinite(bytesPerSecond)) {
            throw new IllegalArgumentException("a rate must be a finite number of bytes per second, at least 0");
        }
    }
}
