package dev.indexkit.internal.liquibase;

import dev.indexkit.internal.index.BuildOutcome;
import dev.indexkit.internal.index.Timeouts;
import liquibase.database.Database;
import liquibase.database.PreparedStatementFactory;
import liquibase.exception.DatabaseException;
import liquibase.statement.AbstractSqlStatement;
import liquibase.statement.ExecutablePreparedStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * An index DDL that runs through the live JDBC connection rather than as a flat list of SQL
 * strings: the builders need catalog checks before the DDL and a {@code finally} that restores the
 * session timeouts. {@code update-sql} never sees it: while Liquibase prints, the change returns the
 * plain statements of its plan ({@link PrintedPlan}).
 */
abstract class IndexDdlStatement extends AbstractSqlStatement implements ExecutablePreparedStatement {

    private final Database database;
    private final Timeouts timeouts;
    private final Consumer<BuildOutcome> onDone;

    IndexDdlStatement(Database database, Timeouts timeouts, Consumer<BuildOutcome> onDone) {
        this.database = database;
        this.timeouts = timeouts;
        this.onDone = onDone;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    abstract BuildOutcome onPostgres(Connection connection) throws SQLException;

    abstract BuildOutcome onSqlite(Connection connection) throws SQLException;

    @Override
    public final void execute(PreparedStatementFactory factory) throws DatabaseException {
        Dialect dialect = Dialect.of(database);
        if (dialect == Dialect.UNSUPPORTED) {
            throw new DatabaseException("indexkit index changes support PostgreSQL and SQLite, not " + database.getShortName());
        }
        try {
            Connection connection = Connections.jdbc(database);
            onDone.accept(dialect == Dialect.POSTGRESQL ? onPostgres(connection) : onSqlite(connection));
        } catch (SQLException | RuntimeException e) {
            // IndexBuildException and friends carry the message a person needs; keep it first.
            throw new DatabaseException(e.getMessage(), e);
        }
    }
}
