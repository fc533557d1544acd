package dev.indexkit.internal.verify;

import dev.indexkit.internal.sql.Identifiers;
import dev.indexkit.internal.sql.ReadOnly;
import dev.indexkit.internal.sql.SessionSettings;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Map;

/**
 * Execution time of a query with its index and without it: the index is dropped inside a
 * transaction that is always rolled back. DROP INDEX takes an ACCESS EXCLUSIVE lock on the table
 * until the rollback, so this is for seeded verification databases, never for a live one.
 */
final class IndexImpact {

    /** How long the drop may wait for its ACCESS EXCLUSIVE lock before the measurement gives up. */
    static final String DROP_LOCK_TIMEOUT = "2s";

    private final Connection connection;
    private final int runs;

    IndexImpact(Connection connection, int runs) {
        this.connection = connection;
        this.runs = runs;
    }

    /** Best of {@code runs} executions, in milliseconds, with and without {@code index}. */
    double[] measure(String query, String schema, String index) throws SQLException {
        String sql = QueryGuard.singleStatement(query);
        // EXPLAIN ANALYZE executes the query: every execution runs read-only, so a statement the plan
        // check let through (CREATE TABLE AS, a volatile function that writes) fails instead of writing.
        double with = ReadOnly.run(connection, () -> best(sql));
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        // A savepoint, not the whole transaction: rolling back must undo the drop (and release its
        // lock) without undoing what the caller did before, such as setting the search_path.
        Savepoint beforeDrop = connection.setSavepoint();
        try (Statement st = connection.createStatement()) {
            // Queued behind a long transaction, an ACCESS EXCLUSIVE request would stall every reader
            // of the table: give up after the short timeout instead (the rollback restores it).
            SessionSettings.set(connection, "lock_timeout", DROP_LOCK_TIMEOUT, true);
            st.execute("DROP INDEX " + Identifiers.qualified(schema, index));
            return new double[]{with, ReadOnly.run(connection, () -> best(sql))};
        } finally {
            connection.rollback(beforeDrop);
            if (autoCommit) {
                connection.commit();
                connection.setAutoCommit(true);
            }
        }
    }

    private double best(String sql) throws SQLException {
        double best = Double.MAX_VALUE;
        try (Statement st = connection.createStatement()) {
            for (int i = 0; i < runs; i++) {
                try (var rs = st.executeQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)) {
                    rs.next();
                    Map<String, Object> top = PostgresExplainer.parse(rs.getString(1));
                    best = Math.min(best, ((Number) top.get("Execution Time")).doubleValue());
                }
            }
        }
        return best;
    }
}
