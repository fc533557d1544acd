package dev.indexkit.internal.partition;

import dev.indexkit.partition.MonthlyPartitionConfig;

/**
 * The advisory lock every runner of one table's partition maintenance takes: the Java API, the
 * Liquibase change, the Flyway callback and the Spring scheduler, so they all take turns.
 */
public final class PartitionLocks {

    private PartitionLocks() {
    }

    /**
     * The text whose {@code hashtext} is the lock's single bigint key.
     *
     * @param config a configuration with its schema resolved
     */
    public static String key(MonthlyPartitionConfig config) {
        return "indexkit.partitions:" + config.qualifiedTable();
    }
}
