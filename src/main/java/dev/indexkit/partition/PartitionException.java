package dev.indexkit.partition;

/** Partition maintenance cannot go on; the message names the object and what to do. */
public class PartitionException extends RuntimeException {

    public PartitionException(String message) {
        super(message);
    }

    public PartitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
