package dev.tcpmem.kernel;

/** A sysctl value that the kernel would refuse or that makes no sense; the message says what is valid. */
public final class InvalidSysctlValueException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidSysctlValueException(String message) {
        super(message);
    }
}
