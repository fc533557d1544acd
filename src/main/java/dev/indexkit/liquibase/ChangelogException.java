package dev.indexkit.liquibase;

/** A Liquibase command failed; the message leads with the innermost cause. */
public class ChangelogException extends RuntimeException {

    /**
     * @param message what failed and why, innermost cause first
     * @param cause the exception Liquibase threw
     */
    public ChangelogException(String message, Throwable cause) {
        super(message, cause);
    }
}
