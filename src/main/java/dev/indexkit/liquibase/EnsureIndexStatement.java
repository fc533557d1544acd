package dev.indexkit.liquibase;

import dev.indexkit.index.BuildOutcome;
import dev.indexkit.index.IndexDefinition;
import dev.indexkit.index.PostgresIndexBuilder;
import dev.indexkit.index.SqliteIndexBuilder;
import dev.indexkit.index.Timeouts;
import liquibase.database.Database;
import liquibase.database.PreparedStatementFactory;
import liquibase.exception.DatabaseException;
import liquibase.statement.AbstractSqlStatement;
import liquibase.statement.ExecutablePreparedStatement;

import java.util.function.Consumer;

/**
 * Runs an index build through the JDBC connection, not as a flat list of SQL strings: the builder
 * needs catalog checks before the DDL and a {@code finally} that restores the session timeouts.
 * {@code update-sql} renders it through {@link EnsureIndexSqlGenerator} instead.
 */
public final class EnsureIndexStatement extends AbstractSqlStatement implements ExecutablePreparedStatement {

    private final Database database;
    private final IndexDefinition definition;
    private final boolean concurrently;
    private final Timeouts timeouts;
    private final Consumer<BuildOutcome> onDone;

    EnsureIndexStatement(Database database, IndexDefinition definition, boolean concurrently, Timeouts timeouts,
                         Consumer<BuildOutcome> onDone) {
        this.database = database;
        this.definition = definition;
        this.concurrently = concurrently;
        this.timeouts = timeouts;
        this.onDone = onDone;
    }

    public IndexDefinition definition() {
        return definition;
    }

    public boolean concurrently() {
        return concurrently;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    @Override
    public void execute(PreparedStatementFactory factory) throws DatabaseException {
        StatementRunner.run(() -> switch (Dialect.of(database)) {
            case POSTGRESQL -> new PostgresIndexBuilder(Connections.jdbc(database), timeouts).ensure(definition, concurrently);
            case SQLITE -> new SqliteIndexBuilder(Connections.jdbc(database)).ensure(definition);
            case UNSUPPORTED -> throw new DatabaseException("ensureIndex does not support " + database.getShortName());
        }, onDone);
    }
}
