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

    /** The kinds of step, and whether they run inside the plan's single transaction. */
    public enum Kind {
        CREATE_PARTITION(true), CREATE_DEFAULT_PARTITION(true), DETACH_PARTITION(false),
        /** {@code DETACH ... CONCURRENTLY} or its {@code FINALIZE}: writers pass, it waits for older transactions. */
        DETACH_PARTITION_CONCURRENTLY(false),
        DROP_PARTITION(false);

        private final boolean transactional;

        Kind(boolean transactional) {
            this.transactional = transactional;
        }

        /** Creation steps commit together; a concurrent detach cannot run inside a transaction. */
        public boolean transactional() {
            return transactional;
        }
    }

    @Override
    public String toString() {
        return description + "\n" + String.join(";\n", sql) + ";";
    }
}
