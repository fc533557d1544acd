package dev.indexkit.internal.liquibase;

import dev.indexkit.partition.MonthlyPartitions;
import dev.indexkit.partition.PartitionAction;
import liquibase.database.Database;
import liquibase.database.PreparedStatementFactory;
import liquibase.exception.DatabaseException;
import liquibase.statement.AbstractSqlStatement;
import liquibase.statement.ExecutablePreparedStatement;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/** Runs partition maintenance on the live connection; update-sql renders its plan instead. */
public final class EnsureMonthlyPartitionsStatement extends AbstractSqlStatement implements ExecutablePreparedStatement {

    private final Database database;
    private final MonthlyPartitions partitions;
    private final Consumer<List<PartitionAction>> onDone;

    public EnsureMonthlyPartitionsStatement(Database database, MonthlyPartitions partitions, Consumer<List<PartitionAction>> onDone) {
        this.database = database;
        this.partitions = partitions;
        this.onDone = onDone;
    }

    /**
     * What apply would do now. Throws when it cannot be planned yet (no live connection, or the table
     * is created by an earlier changeset of the same update), so update-sql never claims "up to date"
     * for a table it could not see.
     */
    public List<PartitionAction> plan() throws SQLException, DatabaseException {
        return partitions.plan(Connections.jdbc(database));
    }

    MonthlyPartitions partitions() {
        return partitions;
    }

    @Override
    public void execute(PreparedStatementFactory factory) throws DatabaseException {
        try {
            onDone.accept(partitions.apply(Connections.jdbc(database)));
        } catch (SQLException | RuntimeException e) {
            throw new DatabaseException(e.getMessage(), e);
        }
    }
}
