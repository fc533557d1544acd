/**
 * Monthly RANGE partitions from Java: {@link dev.indexkit.partition.MonthlyPartitions} plans and applies
 * the current month, the months ahead, the move of DEFAULT rows and retention, configured by
 * {@link dev.indexkit.partition.MonthlyPartitionConfig}; {@link dev.indexkit.partition.PartitionConverter}
 * turns a populated plain table into a partitioned one. Every step is a
 * {@link dev.indexkit.partition.PartitionAction} with the SQL it runs; failures are
 * {@link dev.indexkit.partition.PartitionException}s.
 *
 * <p>The catalog reader, planner and executor behind them are in {@code dev.indexkit.internal.partition}.
 */
package dev.indexkit.partition;
