package dev.indexkit.internal.index;

/** An index could not be built or dropped; the message names the index, the table and the fix. */
public class IndexBuildException extends RuntimeException {

    public IndexBuildException(String message) {
        super(message);
    }

    public IndexBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
