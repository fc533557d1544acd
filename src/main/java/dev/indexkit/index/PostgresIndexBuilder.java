package dev.indexkit.index;

import dev.indexkit.sql.Identifiers;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Builds and drops one index on PostgreSQL, safely:
 * <ul>
 *   <li>the table and its columns are checked before any DDL runs;</li>
 *   <li>an index of the same name left INVALID by an earlier failed concurrent build is dropped
 *       concurrently and rebuilt (PostgreSQL keeps such leftovers, and {@code IF NOT EXISTS} alone
 *       would silently keep the broken one);</li>
 *   <li>the DDL runs under explicit {@code lock_timeout}/{@code statement_timeout}, restored afterwards;</li>
 *   <li>after the build {@code pg_index.indisvalid} must be true, otherwise the build fails loudly and
 *       the invalid index is removed.</li>
 * </ul>
 */
public final class PostgresIndexBuilder {

    private static final Logger LOG = Logger.getLogger(PostgresIndexBuilder.class.getName());
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String QUERY_CANCELED = "57014";

    private final Connection connection;
    private final Timeouts timeouts;
    private final PostgresCatalog catalog;

    public PostgresIndexBuilder(Connection connection, Timeouts timeouts) {
        this.connection = connection;
        this.timeouts = timeouts;
        this.catalog = new PostgresCatalog(connection);
    }

    public BuildOutcome ensure(IndexDefinition index, boolean concurrently) throws SQLException {
        requireAutoCommitFor(concurrently, "CREATE INDEX CONCURRENTLY", index.name());
        PostgresCatalog.Table table = requireTable(index);
        boolean repaired = false;
        Optional<PostgresCatalog.ExistingIndex> existing = catalog.index(index.schema(), index.name());
        if (existing.isPresent()) {
            PostgresCatalog.ExistingIndex found = existing.get();
            if (!found.table().equals(table.name())) {
                throw new IndexBuildException("Index " + index.qualifiedName() + " already exists on table \""
                        + found.table() + "\", not on " + index.qualifiedTable() + ": rename one of them");
            }
            if (found.valid()) {
                return BuildOutcome.ALREADY_PRESENT;
            }
            LOG.warning(() -> "Index " + index.qualifiedName() + " is INVALID (" + found.definition()
                    + "), left by an earlier failed build; dropping and rebuilding it");
            run(IndexSql.dropPostgres(table.schema(), index.name(), concurrently), index, table);
            repaired = true;
        }
        if (table.partitioned() && concurrently) {
            new PartitionedIndexBuilder(connection, this).ensure(index, table);
        } else {
            run(IndexSql.createPostgres(index, concurrently, false), index, table);
        }
        requireValid(index, table);
        return repaired ? BuildOutcome.REPAIRED : BuildOutcome.BUILT;
    }

    public BuildOutcome drop(String schema, String name, boolean concurrently) throws SQLException {
        requireAutoCommitFor(concurrently, "DROP INDEX CONCURRENTLY", name);
        Optional<PostgresCatalog.ExistingIndex> existing = catalog.index(schema, name);
        if (existing.isEmpty()) {
            return BuildOutcome.ABSENT;
        }
        // A partitioned index cannot be dropped concurrently (PostgreSQL refuses); dropping the parent
        // index drops its attached children with it.
        boolean partitioned = catalog.table(schema, existing.get().table()).map(PostgresCatalog.Table::partitioned).orElse(false);
        String sql = IndexSql.dropPostgres(schema, name, concurrently && !partitioned);
        try {
            executeRetryingLocks(sql, "drop index " + Identifiers.qualified(schema, name), existing.get().table());
        } catch (SQLException e) {
            throw translate(e, "drop index " + Identifiers.qualified(schema, name), existing.get().table());
        }
        return BuildOutcome.DROPPED;
    }

    /** Runs one DDL statement under the configured timeouts, translating timeouts into clear errors. */
    void run(String sql, IndexDefinition index, PostgresCatalog.Table table) throws SQLException {
        LOG.fine(() -> "indexkit: " + sql);
        try {
            executeRetryingLocks(sql, "build index " + index.qualifiedName(), table.name(), () -> removeInvalidLeftover(index));
        } catch (SQLException e) {
            throw withLeftoverRemoved(index, translate(e, "build index " + index.qualifiedName(), table.name()));
        }
    }

    private void executeRetryingLocks(String sql, String action, String table) throws SQLException {
        executeRetryingLocks(sql, action, table, () -> { });
    }

    /**
     * Runs one DDL under the session settings; when it gave up on a lock and retries are configured,
     * cleans up after the failed attempt and tries again after a growing pause. The settings are put
     * back between attempts, so nothing leaks while waiting.
     */
    private void executeRetryingLocks(String sql, String action, String table, SqlCleanup afterFailedAttempt) throws SQLException {
        for (int retry = 1; ; retry++) {
            try (SessionSettings ignored = SessionSettings.apply(connection, timeouts); Statement st = connection.createStatement()) {
                st.execute(sql);
                return;
            } catch (SQLException e) {
                if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || retry > timeouts.lockRetries() || !connection.getAutoCommit()) {
                    throw e;
                }
                afterFailedAttempt.run();
                long pause = timeouts.backoffMillis(retry);
                int attempt = retry;
                LOG.warning(() -> "indexkit: could not " + action + ": \"" + table + "\" stayed locked for lock_timeout="
                        + timeouts.lockTimeout() + "; retry " + attempt + " of " + timeouts.lockRetries() + " in " + pause + " ms");
                sleep(pause);
            }
        }
    }

    @FunctionalInterface
    private interface SqlCleanup {
        void run() throws SQLException;
    }

    private static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting to retry a locked DDL", e);
        }
    }

    PostgresCatalog catalog() {
        return catalog;
    }

    private PostgresCatalog.Table requireTable(IndexDefinition index) throws SQLException {
        PostgresCatalog.Table table = catalog.table(index.schema(), index.table()).orElseThrow(() ->
                new IndexBuildException("Cannot build index " + Identifiers.quote(index.name()) + ": table "
                        + index.qualifiedTable() + " does not exist. Check tableName/schemaName, or apply the "
                        + "changeset that creates the table first."));
        List<String> wanted = new java.util.ArrayList<>();
        index.keys().stream().filter(k -> k.column() != null).forEach(k -> wanted.add(k.column()));
        wanted.addAll(index.include());
        List<String> missing = catalog.missingColumns(table, wanted);
        if (!missing.isEmpty()) {
            throw new IndexBuildException("Cannot build index " + Identifiers.quote(index.name()) + ": table "
                    + index.qualifiedTable() + " has no column " + String.join(", ", missing)
                    + ". Check the column names (they are case-sensitive and quoted as written).");
        }
        return table;
    }

    private void requireValid(IndexDefinition index, PostgresCatalog.Table table) throws SQLException {
        PostgresCatalog.ExistingIndex built = catalog.index(table.schema(), index.name()).orElseThrow(() ->
                new IndexBuildException("Index " + index.qualifiedName() + " is missing right after it was built"));
        if (!built.valid()) {
            IndexBuildException invalid = new IndexBuildException("Index " + index.qualifiedName() + " on "
                    + index.qualifiedTable() + " is INVALID after the build (pg_index.indisvalid = false), usually "
                    + "because of duplicate keys for a unique index or a failed expression; it has been dropped. "
                    + "Fix the data and run the update again.");
            throw withLeftoverRemoved(index, invalid);
        }
    }

    /** Removes what a failed build left; if that fails too, the reason rides along with {@code failure}. */
    private RuntimeException withLeftoverRemoved(IndexDefinition index, RuntimeException failure) {
        try {
            removeInvalidLeftover(index);
        } catch (SQLException cleanup) {
            failure.addSuppressed(cleanup);
        }
        return failure;
    }

    /** A failed concurrent build leaves an INVALID index behind; never leave it there. */
    private void removeInvalidLeftover(IndexDefinition index) throws SQLException {
        if (connection.isClosed() || !connection.getAutoCommit()) {
            return;
        }
        Optional<PostgresCatalog.ExistingIndex> leftover = catalog.index(index.schema(), index.name());
        if (leftover.isPresent() && !leftover.get().valid()) {
            try (Statement st = connection.createStatement()) {
                st.execute(IndexSql.dropPostgres(index.schema(), index.name(), true));
            }
        }
    }

    private RuntimeException translate(SQLException e, String action, String table) {
        if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
            return new IndexBuildException("Could not " + action + ": table \"" + table + "\" is locked by another "
                    + "transaction and lock_timeout=" + timeouts.lockTimeout() + " expired"
                    + (timeouts.lockRetries() > 0 ? " on all " + (timeouts.lockRetries() + 1) + " attempts" : "")
                    + " (a long-running transaction "
                    + "or an open migration holds a conflicting lock; a concurrent build also waits for transactions "
                    + "that started before it). Find the blocker with SELECT pid, state, xact_start, query FROM "
                    + "pg_stat_activity WHERE state <> 'idle' ORDER BY xact_start, let it finish, then re-run; or raise "
                    + "lockTimeout or set lockRetries on the change. Nothing was left behind.", e);
        }
        if (QUERY_CANCELED.equals(e.getSQLState())) {
            return new IndexBuildException("Could not " + action + " on \"" + table + "\" within statement_timeout="
                    + timeouts.statementTimeout() + ": raise statementTimeout on the change (0 means no limit).", e);
        }
        return new IndexBuildException("Could not " + action + " on \"" + table + "\": " + e.getMessage(), e);
    }

    private void requireAutoCommitFor(boolean concurrently, String ddl, String name) throws SQLException {
        if (concurrently && !connection.getAutoCommit()) {
            throw new IndexBuildException(ddl + " for " + Identifiers.quote(name) + " cannot run inside a transaction: "
                    + "PostgreSQL refuses it. Give the changeset runInTransaction: false (and no other changes), "
                    + "or set concurrently: false to accept a lock that blocks writes during the build.");
        }
    }
}
