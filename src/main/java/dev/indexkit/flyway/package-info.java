/**
 * Flyway: each pack as one repeatable Java migration rendered from the same definition as its
 * Liquibase changelog ({@link dev.indexkit.flyway.PackMigration}, found in
 * {@code classpath:indexkit/flyway/<pack>}), and partition maintenance as an {@code afterMigrate}
 * callback ({@link dev.indexkit.flyway.PartitionMaintenanceCallback}). Entry point:
 * {@link dev.indexkit.flyway.IndexkitFlyway}.
 */
package dev.indexkit.flyway;
