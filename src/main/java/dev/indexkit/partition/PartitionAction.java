package dev.indexkit.partition;

import java.util.List;

/**
 * One step of a plan: what it does in words, and the SQL that does it.
 *
 * @param kind        what sort of step
 * @param partition   the partition it creates, detaches or drops
 * @param description a sentence a person can read in a dry run
 * @param sql         the statements, run in order
 */
public record PartitionAction(Kind kind, String partition, String description, List<String> sql) {

    /**
     * The kinds of step: whether a step commits together with its transactional neighbours, and whether
     * writers pass while it waits (then it gets the long concurrent lock budget and no retry; every other
     * step blocks writers while it waits and runs under the short lock timeout, retried).
     */
    public enum Kind {
        /** Creates a month's partition, moving that month's rows out of DEFAULT when it holds any. */
        CREATE_PARTITION(true, false),
        /** Creates the DEFAULT partition, where rows outside every month land instead of failing. */
        CREATE_DEFAULT_PARTITION(true, false),
        /** Plain {@code DETACH PARTITION} of a month past retention (blocks writers while it waits). */
        DETACH_PARTITION(false, false),
        /** {@code DETACH ... CONCURRENTLY} or its {@code FINALIZE}: writers pass, it waits for older transactions. */
        DETACH_PARTITION_CONCURRENTLY(false, true),
        /** Drops a detached partition past retention, when the retention mode is {@code DROP}. */
        DROP_PARTITION(false, false),
        /** Conversion: {@code ADD CONSTRAINT ... CHECK ... NOT VALID}, a brief ACCESS EXCLUSIVE lock, no scan. */
        ADD_BOUNDS_CHECK(false, false),
        /** Conversion: {@code VALIDATE CONSTRAINT} scans the table under SHARE UPDATE EXCLUSIVE; writes go on. */
        VALIDATE_BOUNDS_CHECK(false, true),
        /** Conversion: rename the table, create the partitioned parent, attach the old table as its history. */
        SWAP_IN_PARTITIONED_TABLE(true, false);

        private final boolean transactional;
        private final boolean concurrent;

        Kind(boolean transactional, boolean concurrent) {
            this.transactional = transactional;
            this.concurrent = concurrent;
        }

        /**
         * Consecutive transactional steps commit together; a concurrent detach cannot run inside a transaction.
         *
         * @return whether a step of this kind runs in a transaction with its transactional neighbours
         */
        public boolean transactional() {
            return transactional;
        }

        /**
         * Writers pass while the step waits for its lock or for older transactions.
         *
         * @return whether a step of this kind gets the long concurrent lock budget and no retry
         */
        public boolean concurrent() {
            return concurrent;
        }
    }

    @Override
    public String toString() {
        return description + "\n" + String.join(";\n", sql) + ";";
    }
}
