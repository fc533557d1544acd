package dev.indexkit.flyway;

import dev.indexkit.liquibase.Pack;
import dev.indexkit.partition.MonthlyPartitionConfig;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * The packs for a Flyway service. Either add a pack's location,
 * {@code classpath:indexkit/flyway/<pack>}, to {@code flyway.locations}, or give the migrations here:
 *
 * <pre>{@code
 * Flyway.configure().dataSource(dataSource)
 *     .javaMigrations(IndexkitFlyway.pack(Pack.MINA))
 *     .callbacks(IndexkitFlyway.partitionMaintenance(MonthlyPartitionConfig.forTable("activity_logs")
 *         .column("timestamp").monthsAhead(3).build()))
 *     .load().migrate();
 * }</pre>
 * with Flyway's transaction-level lock turned off first
 * ({@code configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false)},
 * or {@code flyway.postgresql.transactional.lock=false}): a concurrent build waits for every open
 * transaction, Flyway's lock transaction included.
 */
public final class IndexkitFlyway {

    private IndexkitFlyway() {
    }

    /**
     * One pack's repeatable migration.
     *
     * @param pack the pack
     * @return the migration, for {@code FluentConfiguration.javaMigrations}
     */
    public static JavaMigration pack(Pack pack) {
        return new PackMigration(pack);
    }

    /**
     * Monthly partition maintenance after every migrate.
     *
     * @param tables the partitioned tables and their policies
     * @return the callback, for {@code FluentConfiguration.callbacks}
     */
    public static Callback partitionMaintenance(MonthlyPartitionConfig... tables) {
        return new PartitionMaintenanceCallback(tables);
    }
}
