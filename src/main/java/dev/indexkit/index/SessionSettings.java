package dev.indexkit.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sets the session settings one DDL runs under and puts the previous values back on close, so they
 * never leak into the next changeset or into a pooled connection the application uses afterwards.
 * Values are passed as bind parameters to {@code set_config}, never pasted into SQL.
 *
 * <ul>
 *   <li>{@code lock_timeout} for the step's {@link LockClass} and {@code statement_timeout}, from {@link Timeouts};</li>
 *   <li>{@code client_connection_check_interval} (PostgreSQL 14+): a concurrent build never reads from
 *       the client, so without it a build whose migrating JVM was killed keeps running (and keeps the
 *       changelog lock) until it finishes. With it the server notices the lost client within a second
 *       and cancels the build; the next update repairs the INVALID leftover.</li>
 * </ul>
 */
final class SessionSettings implements AutoCloseable {

    static final String CLIENT_CHECK_INTERVAL = "1s";

    private final Connection connection;
    private final Map<String, String> previous;

    private SessionSettings(Connection connection, Map<String, String> previous) {
        this.connection = connection;
        this.previous = previous;
    }

    static SessionSettings apply(Connection connection, Timeouts timeouts, LockClass lockClass) throws SQLException {
        return apply(connection, timeouts.lockTimeoutFor(lockClass), timeouts.statementTimeout());
    }

    static SessionSettings apply(Connection connection, String lockTimeout, String statementTimeout) throws SQLException {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("lock_timeout", lockTimeout);
        wanted.put("statement_timeout", statementTimeout);
        if (connection.getMetaData().getDatabaseMajorVersion() >= 14) {
            wanted.put("client_connection_check_interval", CLIENT_CHECK_INTERVAL);
        }
        Map<String, String> previous = new LinkedHashMap<>();
        for (String name : wanted.keySet()) {
            previous.put(name, current(connection, name));
        }
        SessionSettings saved = new SessionSettings(connection, previous);
        for (Map.Entry<String, String> setting : wanted.entrySet()) {
            set(connection, setting.getKey(), setting.getValue());
        }
        return saved;
    }

    @Override
    public void close() throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        for (Map.Entry<String, String> setting : previous.entrySet()) {
            set(connection, setting.getKey(), setting.getValue());
        }
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
