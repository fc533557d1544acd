package dev.indexkit.flyway;

import dev.indexkit.partition.MonthlyPartitionConfig;
import dev.indexkit.partition.MonthlyPartitions;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import java.sql.SQLException;
import java.util.List;

/**
 * Monthly partition maintenance after every {@code migrate}, as Liquibase's {@code runAlways}
 * changeset does it: the same {@link MonthlyPartitions#apply} (next months created, rows waiting in
 * DEFAULT moved, retention applied) for each configured table.
 */
public final class PartitionMaintenanceCallback implements Callback {

    private final List<MonthlyPartitionConfig> tables;

    /**
     * Maintenance of these tables.
     *
     * @param tables the partitioned tables and their policies
     */
    public PartitionMaintenanceCallback(MonthlyPartitionConfig... tables) {
        this.tables = List.of(tables);
    }

    /** @return true for {@code afterMigrate} only */
    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    /** @return false: maintenance manages its own transactions (a detach runs concurrently) */
    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return false;
    }

    /**
     * Applies each table's plan on Flyway's connection.
     *
     * @throws IllegalStateException when a table's maintenance fails, naming it and why
     */
    @Override
    public void handle(Event event, Context context) {
        for (MonthlyPartitionConfig table : tables) {
            try {
                MonthlyPartitions.of(table).apply(context.getConnection());
            } catch (SQLException e) {
                throw new IllegalStateException("indexkit partition maintenance of " + table.table() + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** @return {@code indexkit partition maintenance} */
    @Override
    public String getCallbackName() {
        return "indexkit partition maintenance";
    }
}
