package dev.indexkit.internal.cli;

/** Bad input the user can fix: exit code 2. */
public class BadInputException extends RuntimeException {

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
