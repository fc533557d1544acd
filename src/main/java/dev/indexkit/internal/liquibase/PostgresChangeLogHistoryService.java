package dev.indexkit.internal.liquibase;

import liquibase.changelog.StandardChangeLogHistoryService;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Liquibase's DATABASECHANGELOG handling on PostgreSQL, with its creation serialised.
 *
 * <p>Why: Liquibase creates (or upgrades) DATABASECHANGELOG before it takes the changelog lock, so two
 * replicas deploying to an empty database at the same moment both try to create it and one fails
 * ({@code duplicate key value violates unique constraint "pg_type_typname_nsp_index"}). Here the
 * check-and-create runs under an advisory lock of its own, committed before the lock is released:
 * the second deploy waits a moment, then finds the table and goes on to wait for the changelog lock.
 * It is a separate lock from {@link PostgresSessionLockService}'s, so it is never held for longer than
 * the table creation.
 */
public final class PostgresChangeLogHistoryService extends StandardChangeLogHistoryService {

    private static final String NAMESPACE = "indexkit.changelog-tables";

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE;
    }

    @Override
    public boolean supports(Database database) {
        return database instanceof PostgresDatabase && database.getConnection() instanceof JdbcConnection;
    }

    private boolean initialised;

    @Override
    public void init() throws DatabaseException {
        if (initialised) {
            return;
        }
        Connection connection = Connections.jdbc(getDatabase());
        advisory(connection, "pg_advisory_lock");
        try {
            super.init();
            // Make the new table visible before the next deploy is let in.
            getDatabase().commit();
            initialised = true;
        } catch (DatabaseException | RuntimeException e) {
            // An aborted transaction would refuse the unlock below and keep the lock for the session.
            getDatabase().rollback();
            throw e;
        } finally {
            advisory(connection, "pg_advisory_unlock");
        }
    }

    @Override
    public void reset() {
        super.reset();
        initialised = false;
    }

    private void advisory(Connection connection, String function) throws DatabaseException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + function + "(hashtext(?), hashtext(?))")) {
            ps.setString(1, NAMESPACE);
            ps.setString(2, getLiquibaseSchemaName() + "." + getDatabaseChangeLogTableName());
            ps.executeQuery().close();
        } catch (SQLException e) {
            throw new DatabaseException("Could not call " + function + " around the creation of "
                    + getDatabaseChangeLogTableName() + ": " + e.getMessage(), e);
        }
    }
}
