package dev.indexkit.partition;

/** Partition maintenance cannot go on; the message names the object and what to do. */
public class PartitionException extends RuntimeException {

    /** @param message what failed, naming the object, and what to do */
    public PartitionException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the object, and what to do
     * @param cause the failure underneath, usually the {@link java.sql.SQLException} of a step
     */
    public PartitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
