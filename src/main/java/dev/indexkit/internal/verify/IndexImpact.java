package dev.indexkit.internal.verify;

import dev.indexkit.internal.sql.Identifiers;
import dev.indexkit.internal.sql.ReadOnly;
import dev.indexkit.internal.sql.SessionSettings;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Execution time of a query with its indexes and without some of them: they are dropped inside a
 * savepoint that is always rolled back. DROP INDEX takes an ACCESS EXCLUSIVE lock on the table until
 * the rollback, so this is for seeded verification databases, never for a live one.
 */
final class IndexImpact {

    /** How long each drop may wait for its ACCESS EXCLUSIVE lock before the measurement gives up. */
    static final String DROP_LOCK_TIMEOUT = "2s";

    /** An index to drop, by schema and name. */
    record Index(String schema, String name) {
    }

    /** The best time with the indexes dropped, and the indexes the plan read instead. */
    record Without(double ms, Set<String> servedBy) {
    }

    private final Connection connection;
    private final int runs;

    IndexImpact(Connection connection, int runs) {
        this.connection = connection;
        this.runs = runs;
    }

    /** Best of {@code runs} executions, in milliseconds, with every index in place. */
    double with(String query) throws SQLException {
        String sql = QueryGuard.singleStatement(query);
        // EXPLAIN ANALYZE executes the query: every execution runs read-only, so a statement the plan
        // check let through (CREATE TABLE AS, a volatile function that writes) fails instead of writing.
        return ReadOnly.run(connection, () -> best(sql));
    }

    /** Best of {@code runs} executions with all of {@code drop} dropped, and what the plan read then. */
    Without without(String query, List<Index> drop) throws SQLException {
        String sql = QueryGuard.singleStatement(query);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        // A savepoint, not the whole transaction: rolling back must undo the drops (and release their
        // locks) without undoing what the caller did before, such as setting the search_path.
        Savepoint beforeDrop = connection.setSavepoint();
        try (Statement st = connection.createStatement()) {
            // Queued behind a long transaction, an ACCESS EXCLUSIVE request would stall every reader
            // of the table: give up after the short timeout instead (the rollback restores it). SET
            // LOCAL holds for every drop of the savepoint.
            SessionSettings.set(connection, "lock_timeout", DROP_LOCK_TIMEOUT, true);
            for (Index index : drop) {
                st.execute("DROP INDEX " + Identifiers.qualified(index.schema(), index.name()));
            }
            double ms = ReadOnly.run(connection, () -> best(sql));
            // The plan without them names the sibling that serves the query instead: what a redundancy
            // report must show a pack owner.
            Set<String> servedBy = new PostgresExplainer(connection).explain(sql).indexesUsed();
            return new Without(ms, servedBy);
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
