package dev.indexkit.internal.progress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Finds the sessions a DDL step is (or will be) waiting for, from {@code pg_stat_activity}. */
public final class Blockers {

    private static final String COLUMNS = "SELECT a.pid, a.application_name, "
            + "coalesce(extract(epoch FROM now() - coalesce(a.xact_start, a.query_start))::bigint, 0), a.state, "
            + "a.query, a.backend_type = 'autovacuum worker' FROM pg_stat_activity a ";

    private Blockers() {
    }

    /**
     * Transactions in this database that a concurrent build started now waits for: every one that
     * holds a transaction id or a snapshot, oldest first.
     */
    public static List<Blocker> olderTransactions(Connection connection) throws SQLException {
        return query(connection, COLUMNS + "WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() "
                + "AND (a.backend_xid IS NOT NULL OR a.backend_xmin IS NOT NULL) "
                + "AND a.backend_type IN ('client backend', 'autovacuum worker') ORDER BY a.xact_start NULLS LAST", -1);
    }

    /**
     * Whom backend {@code pid} waits for right now: the holders of the lock it queues for, and the old
     * transaction a concurrent build is waiting to end ({@code current_locker_pid}).
     */
    public static List<Blocker> blocking(Connection connection, int pid) throws SQLException {
        return query(connection, COLUMNS + "WHERE a.pid = ANY (pg_blocking_pids(?)) OR a.pid = (SELECT nullif("
                + "p.current_locker_pid, 0) FROM pg_stat_progress_create_index p WHERE p.pid = ?) ORDER BY a.pid", pid);
    }

    private static List<Blocker> query(Connection connection, String sql, int pid) throws SQLException {
        List<Blocker> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (pid >= 0) {
                ps.setInt(1, pid);
                ps.setInt(2, pid);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Blocker(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), rs.getBoolean(6)));
                }
            }
        }
        return out;
    }
}
