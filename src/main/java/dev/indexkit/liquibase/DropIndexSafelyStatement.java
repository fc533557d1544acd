package dev.indexkit.liquibase;

import dev.indexkit.index.BuildOutcome;
import dev.indexkit.index.PostgresIndexBuilder;
import dev.indexkit.index.SqliteIndexBuilder;
import dev.indexkit.index.Timeouts;
import liquibase.database.Database;
import liquibase.database.PreparedStatementFactory;
import liquibase.exception.DatabaseException;
import liquibase.statement.AbstractSqlStatement;
import liquibase.statement.ExecutablePreparedStatement;

import java.util.function.Consumer;

/** Drops an index through the JDBC connection; see {@link EnsureIndexStatement} for why. */
public final class DropIndexSafelyStatement extends AbstractSqlStatement implements ExecutablePreparedStatement {

    private final Database database;
    private final String schema;
    private final String indexName;
    private final boolean concurrently;
    private final Timeouts timeouts;
    private final Consumer<BuildOutcome> onDone;

    DropIndexSafelyStatement(Database database, String schema, String indexName, boolean concurrently,
                             Timeouts timeouts, Consumer<BuildOutcome> onDone) {
        this.database = database;
        this.schema = schema;
        this.indexName = indexName;
        this.concurrently = concurrently;
        this.timeouts = timeouts;
        this.onDone = onDone;
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

    public Timeouts timeouts() {
        return timeouts;
    }

    @Override
    public void execute(PreparedStatementFactory factory) throws DatabaseException {
        StatementRunner.run(() -> switch (Dialect.of(database)) {
            case POSTGRESQL -> new PostgresIndexBuilder(Connections.jdbc(database), timeouts).drop(schema, indexName, concurrently);
            case SQLITE -> new SqliteIndexBuilder(Connections.jdbc(database)).drop(indexName);
            case UNSUPPORTED -> throw new DatabaseException("dropIndexSafely does not support " + database.getShortName());
        }, onDone);
    }
}
