/**
 * Index health of a live database: {@link dev.indexkit.health.IndexHealth#inspect} reads the catalog and
 * statistics (read only) and returns a {@link dev.indexkit.health.HealthReport} of
 * {@link dev.indexkit.health.Finding}s: invalid, duplicate, redundant and unused indexes, foreign keys
 * without an index, and a low cache hit ratio.
 */
package dev.indexkit.health;
