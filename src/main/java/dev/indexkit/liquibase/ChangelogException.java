package dev.indexkit.liquibase;

/** A Liquibase command failed; the message leads with the innermost cause. */
public class ChangelogException extends RuntimeException {

    public ChangelogException(String message, Throwable cause) {
        super(message, cause);
    }
}
