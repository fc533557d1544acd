package dev.indexkit.internal.liquibase;

import dev.indexkit.internal.index.BuildOutcome;
import dev.indexkit.internal.index.IndexDefinition;
import dev.indexkit.internal.index.OnDrift;
import dev.indexkit.internal.index.PostgresIndexBuilder;
import dev.indexkit.internal.index.SqliteIndexBuilder;
import dev.indexkit.internal.index.Timeouts;
import liquibase.database.Database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/** Builds one index by executing its plan; update-sql prints that plan through {@link PrintedPlan}. */
public final class EnsureIndexStatement extends IndexDdlStatement {

    private final IndexDefinition definition;
    private final boolean concurrently;
    private final OnDrift onDrift;

    public EnsureIndexStatement(Database database, IndexDefinition definition, boolean concurrently, OnDrift onDrift,
                                Timeouts timeouts, Consumer<BuildOutcome> onDone) {
        super(database, timeouts, onDone);
        this.definition = definition;
        this.concurrently = concurrently;
        this.onDrift = onDrift;
    }

    public IndexDefinition definition() {
        return definition;
    }

    public boolean concurrently() {
        return concurrently;
    }

    @Override
    BuildOutcome onPostgres(Connection connection) throws SQLException {
        return new PostgresIndexBuilder(connection, timeouts()).ensure(definition, concurrently, onDrift);
    }

    @Override
    BuildOutcome onSqlite(Connection connection) throws SQLException {
        return new SqliteIndexBuilder(connection).ensure(definition);
    }
}
