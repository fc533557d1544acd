/**
 * The partition catalog reader, planner, printed script and executor behind {@code MonthlyPartitions}.
 *
 * <p>Internal: may change in any release; see {@link dev.indexkit.internal}.
 */
package dev.indexkit.internal.partition;
