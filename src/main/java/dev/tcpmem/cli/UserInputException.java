package dev.tcpmem.cli;

/** Bad input or usage: printed as one "error:" line naming the file, the place and the fix; exit code 2. */
public final class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }
}
