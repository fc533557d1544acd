package dev.indexkit.internal.liquibase;

import dev.indexkit.internal.index.BuildOutcome;
import dev.indexkit.internal.index.PostgresIndexBuilder;
import dev.indexkit.internal.index.SqliteIndexBuilder;
import dev.indexkit.internal.index.Timeouts;
import liquibase.database.Database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/** Drops one index; update-sql and rollback-sql print its plan through {@link PrintedPlan}. */
public final class DropIndexSafelyStatement extends IndexDdlStatement {

    private final String schema;
    private final String indexName;
    private final boolean concurrently;

    public DropIndexSafelyStatement(Database database, String schema, String indexName, boolean concurrently,
                             Timeouts timeouts, Consumer<BuildOutcome> onDone) {
        super(database, timeouts, onDone);
        this.schema = schema;
        this.indexName = indexName;
        this.concurrently = concurrently;
    }

    public String schema() {
        return schema;
    }

    public String indexName() {
        return indexName;
    }

    public boolean concurrently() {
        return concurrently;
    }

    @Override
    BuildOutcome onPostgres(Connection connection) throws SQLException {
        return new PostgresIndexBuilder(connection, timeouts()).drop(schema, indexName, concurrently);
    }

    @Override
    BuildOutcome onSqlite(Connection connection) throws SQLException {
        return new SqliteIndexBuilder(connection).drop(indexName);
    }
}
