package dev.indexkit.internal.partition;

import java.util.List;
import java.util.Optional;

/**
 * What the catalog says about a monthly range-partitioned table.
 *
 * @param columns     the parent's columns in order (for moving rows by name)
 * @param partitions  attached partitions with bounds (the DEFAULT partition excluded)
 * @param defaultPartition the DEFAULT partition's name, if any
 * @param defaultMayHoldRows false only when the catalog alone shows DEFAULT empty (a plain table with
 *                    no block on disk), so the planner need not ask it which months it holds rows for
 */
record PartitionedTable(String schema, String name, String column, PartitionColumnType columnType,
                        List<String> columns, List<Partition> partitions, Optional<String> defaultPartition,
                        boolean defaultMayHoldRows, int serverVersion) {

    /** A table whose DEFAULT, if any, is asked for its rows' months. */
    PartitionedTable(String schema, String name, String column, PartitionColumnType columnType, List<String> columns,
                     List<Partition> partitions, Optional<String> defaultPartition, int serverVersion) {
        this(schema, name, column, columnType, columns, partitions, defaultPartition, defaultPartition.isPresent(), serverVersion);
    }

    /**
     * One attached partition; bounds in the column type's comparison domain, null for MINVALUE/MAXVALUE.
     * {@code detachPending}: a {@code DETACH ... CONCURRENTLY} was interrupted half-way (PostgreSQL 14+).
     */
    record Partition(String schema, String name, Long from, Long to, boolean detachPending) {

        /** Holds the whole of [lo, hi): exactly a month, or a wider partition such as a converted history. */
        boolean covers(long lo, long hi) {
            return (from == null || from <= lo) && (to == null || to >= hi);
        }

        boolean overlaps(long lo, long hi) {
            boolean startsBeforeHi = from == null || from < hi;
            boolean endsAfterLo = to == null || to > lo;
            return startsBeforeHi && endsAfterLo;
        }
    }
}
