package dev.indexkit.internal.liquibase;

import dev.indexkit.internal.partition.PartitionCatalog;
import dev.indexkit.internal.partition.PartitionPlanner;
import dev.indexkit.internal.sql.NewTable;
import dev.indexkit.partition.MonthlyPartitionConfig;
import dev.indexkit.partition.MonthlyPartitions;
import dev.indexkit.partition.PartitionAction;
import dev.indexkit.partition.PartitionConverter;
import dev.indexkit.partition.PartitionException;
import liquibase.database.Database;
import liquibase.database.PreparedStatementFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.statement.AbstractSqlStatement;
import liquibase.statement.ExecutablePreparedStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs partition maintenance on the live connection; update-sql renders its plan instead. With
 * {@code convertPlainTable}, a table that is not partitioned yet is converted first
 * ({@link PartitionConverter}): the same statement serves {@code convertToMonthlyPartitions}.
 */
public final class EnsureMonthlyPartitionsStatement extends AbstractSqlStatement implements ExecutablePreparedStatement {

    private final Database database;
    private final MonthlyPartitions partitions;
    private final boolean convertPlainTable;
    private final Consumer<List<PartitionAction>> onDone;

    public EnsureMonthlyPartitionsStatement(Database database, MonthlyPartitions partitions, boolean convertPlainTable,
                                            Consumer<List<PartitionAction>> onDone) {
        this.database = database;
        this.partitions = partitions;
        this.convertPlainTable = convertPlainTable;
        this.onDone = onDone;
    }

    /**
     * What apply would do now. For a table that does not exist yet, the plan for it as an earlier
     * changeset creates it ({@code shapeIfNew}). Throws when it cannot be planned (no live connection
     * and no known shape, or a table nothing creates), so update-sql never claims "up to date" for a
     * table it could not see.
     */
    public Planned plan(Optional<NewTable> shapeIfNew) throws SQLException, DatabaseException {
        MonthlyPartitionConfig config = partitions.config();
        if (!(database.getConnection() instanceof JdbcConnection)) {
            if (config.schema() == null) {
                config = config.inSchema(database.getDefaultSchemaName() == null ? "public" : database.getDefaultSchemaName());
            }
            if (shapeIfNew.isEmpty()) {
                throw new PartitionException("no database to look at, and no earlier changeset of this update creates "
                        + config.qualifiedTable());
            }
            return new Planned(PartitionPlanner.planForNewTable(config, shapeIfNew.get(), PrintedPlan.serverMajor(database) * 10000),
                    shapeIfNew);
        }
        Connection connection = Connections.jdbc(database);
        config = config.withCurrentSchema(connection);
        if (shapeIfNew.isPresent() && !new PartitionCatalog(connection).relationExists(config.schema(), config.table())) {
            return new Planned(PartitionPlanner.planForNewTable(config, shapeIfNew.get(),
                    connection.getMetaData().getDatabaseMajorVersion() * 10000), shapeIfNew);
        }
        return new Planned(converting(connection, config) ? new PartitionConverter(config).plan(connection)
                : partitions.plan(connection), Optional.empty());
    }

    private boolean converting(Connection connection, MonthlyPartitionConfig config) throws SQLException {
        return convertPlainTable && new PartitionCatalog(connection).isPlainTable(config.schema(), config.table());
    }

    /** A plan, and the shape it was made for when the table does not exist yet. */
    public record Planned(List<PartitionAction> actions, Optional<NewTable> newTable) {
    }

    MonthlyPartitions partitions() {
        return partitions;
    }

    @Override
    public void execute(PreparedStatementFactory factory) throws DatabaseException {
        try {
            Connection connection = Connections.jdbc(database);
            MonthlyPartitionConfig config = partitions.config().withCurrentSchema(connection);
            onDone.accept(converting(connection, config) ? new PartitionConverter(config).apply(connection)
                    : partitions.apply(connection));
        } catch (SQLException | RuntimeException e) {
            throw new DatabaseException(e.getMessage(), e);
        }
    }
}
