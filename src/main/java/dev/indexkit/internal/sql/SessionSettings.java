package dev.indexkit.internal.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place indexkit reads, changes and prints PostgreSQL session settings.
 *
 * <ul>
 *   <li>At run time values go to {@code set_config} as bind parameters, never pasted into SQL;
 *       {@link #apply} puts the previous values back on close, so they never leak into the next
 *       changeset or into a pooled connection the application uses afterwards.</li>
 *   <li>In printed plans ({@code update-sql}, {@code partitions plan}) the same settings are rendered as
 *       {@code SET}/{@code RESET} statements, with the value as a quoted literal.</li>
 *   <li>{@link #forDdl} is the list of settings a DDL step runs under, used by both, so the printed
 *       plan and the run cannot differ.</li>
 * </ul>
 */
public final class SessionSettings implements AutoCloseable {

    /**
     * PostgreSQL 14+: a concurrent build never reads from the client, so without this a build whose
     * migrating JVM was killed keeps running (and keeps the changelog lock) until it finishes. With it
     * the server notices the lost client within a second and cancels the build.
     */
    public static final String CLIENT_CHECK_INTERVAL = "1s";

    private final Connection connection;
    private final Map<String, String> previous;

    private SessionSettings(Connection connection, Map<String, String> previous) {
        this.connection = connection;
        this.previous = previous;
    }

    /** The settings one DDL step runs under, in the order they are set. */
    public static Map<String, String> forDdl(String lockTimeout, String statementTimeout, int serverMajor) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("lock_timeout", lockTimeout);
        settings.put("statement_timeout", statementTimeout);
        if (serverMajor >= 14) {
            settings.put("client_connection_check_interval", CLIENT_CHECK_INTERVAL);
        }
        return settings;
    }

    /**
     * Sets every wanted setting for the session; closing puts the old values back. When one cannot be
     * set, the ones already changed are put back before the error is thrown.
     */
    public static SessionSettings apply(Connection connection, Map<String, String> wanted) throws SQLException {
        Map<String, String> previous = new LinkedHashMap<>();
        SessionSettings saved = new SessionSettings(connection, previous);
        try {
            for (Map.Entry<String, String> setting : wanted.entrySet()) {
                previous.put(setting.getKey(), set(connection, setting.getKey(), setting.getValue(), false));
            }
        } catch (SQLException e) {
            try {
                saved.close();
            } catch (SQLException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
        return saved;
    }

    @Override
    public void close() throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        for (Map.Entry<String, String> setting : previous.entrySet()) {
            set(connection, setting.getKey(), setting.getValue(), false);
        }
    }

    public static String current(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * Sets one setting, for the session or ({@code local}) the current transaction, and returns the value
     * it had. A custom {@code indexkit.*} setting that was never set reads as the empty string.
     */
    public static String set(Connection connection, String name, String value, boolean local) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT coalesce(current_setting(?, true), ''), set_config(?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, name);
            ps.setString(3, value);
            ps.setBoolean(4, local);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * Puts {@code schemas} (each quoted) first on the session's {@code search_path}, then
     * {@code public}: where a catalog's unqualified names resolve.
     */
    public static void searchPath(Connection connection, java.util.List<String> schemas) throws SQLException {
        set(connection, "search_path", String.join(", ", schemas.stream().map(Identifiers::quote).toList()) + ", public", false);
    }

    /** {@code SET name = 'value'}: setting names are indexkit's own constants; the value is quoted. */
    public static String setStatement(String name, String value) {
        return "SET " + name + " = " + Identifiers.literal(value);
    }

    /** {@code SET LOCAL name = 'value'}, for the current transaction only. */
    public static String setLocalStatement(String name, String value) {
        return "SET LOCAL " + name + " = " + Identifiers.literal(value);
    }

    public static String resetStatement(String name) {
        return "RESET " + name;
    }
}
