package dev.indexkit.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Sets {@code lock_timeout} and {@code statement_timeout} for the duration of one DDL and puts the
 * previous session values back on close, so they never leak into the next changeset or into a pooled
 * connection the application uses afterwards. Values are passed as bind parameters to
 * {@code set_config}, never pasted into SQL.
 */
final class SessionSettings implements AutoCloseable {

    private final Connection connection;
    private final String previousLockTimeout;
    private final String previousStatementTimeout;

    private SessionSettings(Connection connection, String previousLockTimeout, String previousStatementTimeout) {
        this.connection = connection;
        this.previousLockTimeout = previousLockTimeout;
        this.previousStatementTimeout = previousStatementTimeout;
    }

    static SessionSettings apply(Connection connection, Timeouts timeouts) throws SQLException {
        SessionSettings saved = new SessionSettings(connection,
                current(connection, "lock_timeout"), current(connection, "statement_timeout"));
        set(connection, "lock_timeout", timeouts.lockTimeout());
        set(connection, "statement_timeout", timeouts.statementTimeout());
        return saved;
    }

    @Override
    public void close() throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        set(connection, "lock_timeout", previousLockTimeout);
        set(connection, "statement_timeout", previousStatementTimeout);
    }

    private static String current(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void set(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config(?, ?, false)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeQuery().close();
        }
    }
}
