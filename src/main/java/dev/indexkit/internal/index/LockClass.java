package dev.indexkit.internal.index;

/**
 * What a DDL step's wait does to everyone else, which decides the {@code lock_timeout} it runs under
 * (see {@link Timeouts}).
 */
public enum LockClass {

    /**
     * SHARE or stronger on a table, or ACCESS EXCLUSIVE on an index other sessions use: while the step
     * queues for it, every writer (and for ACCESS EXCLUSIVE every reader) queues behind it. Runs under
     * the short {@code lockTimeout} and is retried with backoff, so no writer waits longer than that.
     * Examples: {@code CREATE INDEX ... ON ONLY parent}, a plain {@code CREATE INDEX},
     * {@code ALTER INDEX ... ATTACH PARTITION}, {@code DROP INDEX} without CONCURRENTLY.
     */
    BLOCKS_WRITERS,

    /**
     * SHARE UPDATE EXCLUSIVE plus waits for transactions older than the step ({@code CREATE/DROP INDEX
     * CONCURRENTLY}): writers pass it while it waits, so it may wait as long as
     * {@code concurrentLockTimeout} for a report, a batch job or {@code pg_dump} to finish.
     */
    CONCURRENT
}
